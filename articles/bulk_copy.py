"""Writing many new rows at once with PostgreSQL ``COPY`` (the batched import's path).

Why: ``bulk_create`` builds one INSERT with a parameter per value, compiled
by Django value by value, and returns the new ids; ``COPY`` streams the rows.
The values are prepared as a save would (``pre_save``: the ``auto_now``
times). These rows send no signal either way.

New stories need two more things (``insert_stories``):

- their ids, before they are written, since their bylines, topics and import
  records point at them: taken from the table's sequence in one query, as an
  INSERT would take them;
- their search vectors. Inserting a story and then updating its vector wrote
  every row twice (and its GIN and other index entries twice): here the rows
  are copied into a temporary table, then moved into the story table by one
  ``INSERT ... SELECT`` that computes each vector with the very expression
  ``Story.save()`` uses (``articles.search.story_search_vector``).
"""

from django.db import connection, connections, transaction
from django.utils import timezone

from articles.search import story_search_vector

STAGING_TABLE = "newsroom_stories_to_insert"


def copy_rows(model, rows, *, fields=None, table=None):
    """Write the unsaved ``rows`` of ``model`` with ``COPY``: ``fields`` (every concrete
    field but the primary key) into ``table`` (the model's)."""
    if not rows:
        return
    fields = fields or [field for field in model._meta.concrete_fields if not field.primary_key]
    # The connection itself, not the ``connection`` proxy: each of the proxy's
    # attribute reads is a context-local lookup, and a batch prepares 100,000 values.
    db = connections[connection.alias]
    _copy(
        table or model._meta.db_table,
        [field.column for field in fields],
        ([field.get_db_prep_save(field.pre_save(row, add=True), db) for field in fields] for row in rows),
    )


def insert_values(model, fields, rows):
    """Insert new rows of ``model`` given as tuples of plain values for the attnames ``fields``.

    Why not model instances: a batch of imported stories has thousands of byline,
    topic and source rows, and building an instance costs more than writing it
    (two signals each, then ``get_db_prep_save`` per value). On PostgreSQL the
    tuples are copied as they are (ints, strings, aware datetimes and None, which
    psycopg adapts itself); elsewhere they become instances for ``bulk_create``.
    ``auto_now`` and ``auto_now_add`` times are added here, as a save would set them.
    """
    if not rows:
        return
    meta = model._meta
    stamped = [
        field
        for field in meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    if stamped:
        now = timezone.now()
        fields = [*fields, *(field.attname for field in stamped)]
        rows = [(*row, *(now for _field in stamped)) for row in rows]
    # Every column must be named: COPY would leave a forgotten one NULL rather than its default.
    if missing := {f.attname for f in meta.concrete_fields if not f.primary_key} - set(fields):
        raise ValueError(f"no values for {', '.join(sorted(missing))} of {meta.label}")
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**dict(zip(fields, row, strict=True))) for row in rows])
        return
    _copy(meta.db_table, [meta.get_field(name).column for name in fields], rows)


def _copy(table, columns, rows):
    """``COPY`` the value ``rows`` into ``columns`` of ``table``."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    with (
        connection.wrap_database_errors,  # a refused row is a DatabaseError, as from bulk_create
        connection.cursor() as cursor,
        cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def insert_stories(model, stories):
    """Insert the new ``stories`` of ``model`` (derived fields filled) with their search vectors.

    Four statements whatever their number; on return each has its id and
    counts as saved, as after ``bulk_create``."""
    if not stories:
        return stories
    meta, quote = model._meta, connection.ops.quote_name
    table = quote(meta.db_table)
    fields = [field for field in meta.concrete_fields if field.name != "search_vector"]
    columns = ", ".join(quote(field.column) for field in fields)
    vector, vector_params = _search_vector_sql(model)
    with transaction.atomic(), connection.wrap_database_errors, connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(stories)],
        )
        for story, (pk,) in zip(stories, sorted(cursor.fetchall()), strict=True):
            story.pk = pk
        # Rows left by a batch rolled back to its savepoint are gone with it; ON COMMIT
        # empties the table for the next transaction, and the DELETE below for this one.
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGING_TABLE} (LIKE {table}) ON COMMIT DELETE ROWS"
        )
        copy_rows(model, stories, fields=fields, table=STAGING_TABLE)
        # Aliased as the story table, so that the compiled expression's columns name the staged rows.
        cursor.execute(
            f"INSERT INTO {table} ({columns}, {quote('search_vector')}) "
            f"SELECT {columns}, {vector} FROM {STAGING_TABLE} AS {table}",
            vector_params,
        )
        cursor.execute(f"DELETE FROM {STAGING_TABLE}")
    for story in stories:
        story._state.adding, story._state.db = False, connection.alias
    return stories


def _search_vector_sql(model):
    query = model.objects.annotate(new_search_vector=story_search_vector()).query
    return query.get_compiler(connection=connection).compile(query.annotations["new_search_vector"])
