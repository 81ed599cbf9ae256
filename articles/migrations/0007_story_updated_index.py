"""An index on the stories' "Updated" time: the sitemaps' newest change is then
read from the ends of two indexes (publish time and this one) instead of from
every public story."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_story_type_live_coverage")]

    operations = [
        migrations.AddIndex(
            model_name="story",
            index=models.Index(fields=["updated_at"], name="story_updated_idx"),
        ),
    ]
