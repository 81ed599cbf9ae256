"""Live coverage: timed updates on a story, and when its coverage was closed."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_story_updated_index"),
        ("media", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="story",
            name="coverage_ended_at",
            field=models.DateTimeField(
                blank=True, editable=False, help_text="When the live coverage was closed.", null=True
            ),
        ),
        migrations.CreateModel(
            name="LiveUpdate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("published_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "headline",
                    models.CharField(
                        blank=True,
                        help_text="Optional; key events are listed by it at the top.",
                        max_length=200,
                    ),
                ),
                ("body", models.TextField(help_text="HTML; cleaned as story bodies are.")),
                ("is_key_event", models.BooleanField(default=False, verbose_name="key event")),
                ("correction_note", models.TextField(blank=True)),
                ("corrected_at", models.DateTimeField(blank=True, null=True)),
                ("withdrawn_at", models.DateTimeField(blank=True, null=True)),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="live_updates",
                        to="articles.author",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "image",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="media.image",
                    ),
                ),
                (
                    "story",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="live_updates",
                        to="articles.story",
                    ),
                ),
            ],
            options={
                "ordering": ["-published_at", "-pk"],
                "indexes": [models.Index(fields=["story", "-published_at"], name="live_update_story_idx")],
            },
        ),
    ]
