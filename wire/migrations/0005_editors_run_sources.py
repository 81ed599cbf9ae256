"""Editors may add, change and pause ingest sources: the grant wire/apps.py adds to the roles."""

import importlib

from django.db import migrations

create_roles = importlib.import_module("articles.migrations.0003_roles").create_roles


class Migration(migrations.Migration):
    dependencies = [("wire", "0004_ingest_sources"), ("articles", "0003_roles")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
