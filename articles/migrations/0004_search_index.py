"""A GIN index on the stories' full-text search document, on PostgreSQL only.

The column exists everywhere (SQLite just stores NULL) so the model stays the
same on every database; the index only makes sense on PostgreSQL.
"""

from django.db import migrations

INDEX = "story_search_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles_story USING gin (search_vector)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_roles")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
