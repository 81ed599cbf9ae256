"""An index on the stories' "Updated" time: the sitemaps' newest change is then
read from the ends of two indexes (publish time and this one) instead of from
every public story."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_search_index")]

    operations = [
        migrations.AddIndex(
            model_name="story",
            index=models.Index(fields=["updated_at"], name="story_updated_idx"),
        ),
    ]
