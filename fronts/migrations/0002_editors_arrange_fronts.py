"""Editors arrange fronts and run the banner: the grant fronts/apps.py adds to the roles."""

import importlib

from django.db import migrations

create_roles = importlib.import_module("articles.migrations.0003_roles").create_roles


class Migration(migrations.Migration):
    dependencies = [("fronts", "0001_initial"), ("articles", "0003_roles")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
