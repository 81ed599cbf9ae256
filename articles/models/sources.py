import re

from django.db import models


class OutletQuerySet(models.QuerySet):
    def mentioned_in(self, text):
        """Outlets whose name or an alias appears in ``text``, in order of first mention.

        Matching is case-sensitive and on word boundaries, so "The Guardian"
        matches but "a legal guardian" does not.
        """
        found = []
        for outlet in self:
            positions = [m.start() for name in outlet.names() for m in [_find(name, text)] if m]
            if positions:
                found.append((min(positions), outlet))
        return [outlet for _, outlet in sorted(found, key=lambda pair: pair[0])]


def _find(name, text):
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)


class Outlet(models.Model):
    """A news organisation that stories credit ("The New York Times reports")."""

    name = models.CharField(max_length=150, unique=True)
    url = models.URLField(blank=True, help_text="Home page.")
    aliases = models.TextField(
        blank=True,
        help_text="Other names to recognise in story text, one per line (e.g. NYT).",
    )

    objects = OutletQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def names(self):
        """The name first, then each alias; the longest names match first."""
        aliases = [line.strip() for line in self.aliases.splitlines() if line.strip()]
        return sorted({self.name, *aliases}, key=len, reverse=True)


class SourceAttribution(models.Model):
    """An outlet a story credits, shown to readers as one of its sources."""

    story = models.ForeignKey("articles.Story", on_delete=models.CASCADE, related_name="sources")
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="attributions")
    url = models.URLField(blank=True, max_length=500, help_text="Link to the credited report.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["story", "outlet"], name="unique_source_outlet"),
        ]

    def __str__(self):
        return str(self.outlet)
