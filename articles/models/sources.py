import re

from django.db import models


class OutletQuerySet(models.QuerySet):
    def mentioned_in(self, text):
        """Outlets whose name or an alias appears in ``text``, in order of first mention.

        Matching is case-sensitive and on word boundaries, so "The Guardian"
        matches but "a legal guardian" does not.
        """
        pattern, outlet_by_name = self._mention_pattern()
        found = {}
        for match in pattern.finditer(text) if outlet_by_name else ():
            found.setdefault(outlet_by_name[match.group()], match.start())
        return sorted(found, key=found.get)

    def _mention_pattern(self):
        # One alternation of every name, longest first, instead of a search per
        # name: importers call this for every story. Kept on the queryset so a
        # caller that reuses an evaluated queryset compiles it once.
        if getattr(self, "_mentions", None) is None:
            outlet_by_name = {name: outlet for outlet in self for name in reversed(outlet.names())}
            names = sorted(outlet_by_name, key=len, reverse=True)
            alternation = "|".join(re.escape(name) for name in names)
            self._mentions = (re.compile(rf"(?<!\w)(?:{alternation})(?!\w)"), outlet_by_name)
        return self._mentions


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
