"""Forms behind the story admin: the edit form with its conflict check, and the
small forms of the correction and move-to-section screens."""

import re

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.html import linebreaks
from taggit.models import Tag
from taggit.utils import parse_tags

from articles.models import Correction, LiveUpdate, RelatedLink, Section, Story
from articles.permissions import policy
from articles.sanitise import sanitise_html, sanitised_text
from desk.widgets import RichTextEditor


class StoryAdminForm(forms.ModelForm):
    # The lock version this copy was loaded at; a save from an older copy is refused.
    loaded_lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    tags = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(Story._meta.get_field("tags"), admin.site),
        help_text="Start typing to find existing topics.",
    )
    new_tags = forms.CharField(
        required=False,
        label="New topics",
        help_text="Topics not in the list yet, separated by commas.",
    )
    workflow_note = forms.CharField(
        required=False,
        label="Note",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Recorded with a workflow step; required when sending a story back.",
    )

    class Meta:
        model = Story
        # The admin's fieldsets decide which fields the form shows (and builds
        # them with its own widgets); these are the ones this class relies on.
        fields = ["headline", "body", "tags"]
        # A headline box that wraps, so a long headline is read whole; the standfirst small.
        widgets = {
            "body": RichTextEditor,
            "headline": forms.Textarea(attrs={"rows": 2, "class": "headline-input"}),
            "dek": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("loaded_lock_version", self.instance.lock_version)

    def clean_headline(self):
        # The box wraps, but a headline is one line: a pasted line break becomes a space.
        return " ".join(self.cleaned_data["headline"].split())

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self._refuse_stale_copy(cleaned.get("loaded_lock_version"))
        return cleaned

    def _refuse_stale_copy(self, loaded):
        # select_for_update holds the row until the admin's transaction ends, so
        # nobody can save between this check and our save. Story.save() checks again.
        current = (
            Story.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("lock_version", flat=True)
            .first()
        )
        if loaded is not None and loaded == current:
            self.instance.lock_version = loaded
            return
        # Offer the current version, so that saving again is a deliberate overwrite.
        self.data = self.data.copy()
        self.data[self.add_prefix("loaded_lock_version")] = current
        raise ValidationError(
            "Someone else saved this story after you opened it, so your changes were not saved. "
            "Your text is still below. Open the story in a new tab to see their version and merge "
            "by hand; saving this form again will replace their version with yours.",
            code="edit_conflict",
        )

    def _save_m2m(self):
        super()._save_m2m()
        if new_tags := parse_tags(self.cleaned_data.get("new_tags", "")):
            self.instance.tags.add(*new_tags)


class RelatedLinkForm(forms.ModelForm):
    """A related-link row whose target may be only a story its user may see (articles.permissions).

    The autocomplete offers only those; this refuses a forged id on the server
    and, for a link someone else made to a story this user may not see, keeps
    the link without showing its headline.
    """

    user = None  # set per request by ``for_user()``
    HIDDEN_TARGET = "A story you may not see"

    class Meta:
        model = RelatedLink
        # The inline's ``fields`` decide the row's fields (with the admin's widgets).
        fields = ["target"]

    @classmethod
    def for_user(cls, user):
        return type(cls.__name__, (cls,), {"user": user})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "target" not in self.fields:
            return
        visible = policy.visible_stories(self.user).values("pk")
        kept = self.instance.target_id
        field = self.fields["target"]
        field.queryset = Story.objects.filter(Q(pk__in=visible) | Q(pk=kept) if kept else Q(pk__in=visible))
        if kept and not policy.visible_stories(self.user).filter(pk=kept).exists():
            hidden = self.HIDDEN_TARGET
            field.label_from_instance = lambda story: story.headline if story.pk != kept else hidden
            # The row's title in the inline is str(link), the target's headline: a stand-in
            # with the same id shows the label instead and saves the same target.
            self.instance.target = Story(pk=kept, headline=hidden)


class CorrectionForm(forms.Form):
    kind = forms.ChoiceField(choices=Correction.Kind.choices, initial=Correction.Kind.CORRECTION)
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown to readers on the story, dated now. Say what was wrong and what is right.",
    )


class MoveToSectionForm(forms.Form):
    section = forms.ModelChoiceField(queryset=Section.objects.all())


def _paragraphs(text):
    """Words typed without markup become paragraphs (a blank line between them); HTML is
    left to the sanitiser (articles/sanitise.py), which cleans every update as it is saved."""
    if re.search(r"<[a-zA-Z/]", text):
        return text
    return linebreaks(text, autoescape=True)


class LiveUpdateForm(forms.ModelForm):
    """The desk's quick form for a new update on a live story."""

    class Meta:
        model = LiveUpdate
        fields = ["headline", "body", "image", "author", "is_key_event"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 4}),
            "headline": forms.TextInput(attrs={"size": 60}),
        }
        help_texts = {"body": "Plain text (a blank line starts a paragraph) or the story body's HTML."}

    def __init__(self, *args, admin_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        if admin_site is not None:
            # A lookup box, not a list of every picture in the library.
            relation = LiveUpdate._meta.get_field("image").remote_field
            self.fields["image"].widget = admin.widgets.ForeignKeyRawIdWidget(relation, admin_site)
        self.fields["image"].help_text = "Optional: a picture from the library."

    def clean_body(self):
        body = _paragraphs(self.cleaned_data["body"])
        if not sanitised_text(sanitise_html(body)).strip():
            raise ValidationError("An update needs some words.")
        return body


class LiveCorrectionForm(forms.Form):
    headline = forms.CharField(max_length=200, required=False)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    note = forms.CharField(
        label="Correction note",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Shown to readers under the update. Say what was wrong.",
    )

    def clean_body(self):
        return _paragraphs(self.cleaned_data["body"])


class LiveWithdrawForm(forms.Form):
    note = forms.CharField(
        label="Why it was removed",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Readers see this note where the update was.",
    )
