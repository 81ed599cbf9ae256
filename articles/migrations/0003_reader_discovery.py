"""Full-text search document for stories, with a GIN index on PostgreSQL only.

The column exists everywhere (SQLite just stores NULL) so the model stays the
same on every database; the index and the back-fill only make sense on
PostgreSQL, so they run there and are skipped elsewhere.
"""

import django.contrib.postgres.search
from django.db import migrations

INDEX = "story_search_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles_story USING gin (search_vector)"
    )
    schema_editor.execute(
        "UPDATE articles_story SET search_vector ="
        " setweight(to_tsvector('english', coalesce(headline, '')), 'A')"
        " || setweight(to_tsvector('english', coalesce(dek, '')), 'B')"
        " || setweight(to_tsvector('english', regexp_replace(coalesce(body, ''), '<[^>]*>', ' ', 'g')), 'C')"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0002_seed_outlets"),
    ]

    operations = [
        migrations.AddField(
            model_name="story",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
