"""Editors may read import records: the grant wire/apps.py adds to the roles."""

import importlib

from django.db import migrations

# The same function as the core's roles migration: create permissions, then sync the groups.
create_roles = importlib.import_module("articles.migrations.0003_roles").create_roles


class Migration(migrations.Migration):
    dependencies = [("wire", "0001_initial"), ("articles", "0003_roles")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
