"""The picture library in the desk: upload several at once, search and filter, set the
focal point by clicking the picture, and see where each picture is used. Every file
goes through media/uploads.py; the editor's picture picker reads ``picker/``."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from media.models import Image
from media.renditions import Spec, size_of, url_of
from media.rollback import atomic_with_files
from media.uploads import RefusedImage, check, store

THUMBNAIL = Spec("3x2", 320, "jpg")
PREVIEW = Spec("orig", 960, "jpg")
PICKER_RESULTS = 24


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True

    class Media:
        js = ["js/upload-drop.js"]  # pictures dropped anywhere on the form


class MultipleFileField(forms.FileField):
    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(file, initial) for file in files if file]


class UploadForm(forms.Form):
    files = MultipleFileField(
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/avif,image/gif"}),
        label="Pictures",
        help_text="JPEG, PNG, WebP, AVIF or GIF; choose several or drop them here.",
    )
    credit = forms.CharField(
        required=False, max_length=200, help_text="Given to every picture of this upload."
    )
    caption = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    alt_text = forms.CharField(required=False, max_length=300, label="Alt text")
    usage_notes = forms.CharField(
        required=False, label="Copyright and usage", widget=forms.Textarea(attrs={"rows": 2})
    )
    keep_metadata = forms.BooleanField(
        required=False,
        label="Keep the originals' metadata (EXIF)",
        help_text="Off: camera details, GPS position and the like are removed from the stored originals. "
        "On, for the archive: they are kept there, and the site, exports and the API give out only "
        "copies without them.",
    )

    def clean(self):
        """Every file checked before any is stored: one refused file stores none of them."""
        cleaned = super().clean()
        if "files" not in cleaned:
            return cleaned
        checked, errors = [], []
        for upload in cleaned["files"]:
            try:
                checked.append(check(upload, upload.name, keep_metadata=cleaned.get("keep_metadata", False)))
            except RefusedImage as refusal:
                errors.extend(refusal.messages)
        if not checked and not errors:
            errors.append("Choose at least one picture.")
        if errors:
            self.add_error("files", ValidationError(errors))
        else:
            cleaned["files"] = checked
        return cleaned


class FocalPointWidget(forms.NumberInput):
    """A number from 0 to 1, also set by clicking the picture (static/js/focal-point.js)."""

    def __init__(self):
        super().__init__(attrs={"step": "0.001", "min": "0", "max": "1", "data-focal-point-input": "true"})

    class Media:
        js = ["js/focal-point.js"]


def _thumbnail(image, spec=THUMBNAIL, **attrs):
    width, height = size_of(image, spec)
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="" loading="lazy"{}>',
        url_of(image, spec), width, height,
        format_html_join("", ' {}="{}"', attrs.items()),
    )  # fmt: skip


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "title", "credit", "readiness", "uploaded_by", "uploaded_at"]
    list_display_links = ["thumbnail", "title"]
    search_fields = ["title", "caption", "credit", "alt_text"]
    list_filter = [("uploaded_by", admin.RelatedOnlyFieldListFilter), "uploaded_at", "decorative"]
    date_hierarchy = "uploaded_at"
    list_select_related = ["uploaded_by"]
    list_per_page = 48
    readonly_fields = ["preview", "facts", "uploaded_by", "uploaded_at", "used_in"]
    fieldsets = [
        (None, {"fields": ["preview", "title", "caption", "credit", "alt_text", "decorative"]}),
        ("Focal point", {
            "fields": ["focal_x", "focal_y"],
            "description": "Click the picture on the part that must stay in every crop.",
        }),
        ("Rights", {"fields": ["usage_notes", "source_url"]}),
        ("About the file", {"fields": ["facts", "uploaded_by", "uploaded_at", "used_in"]}),
    ]  # fmt: skip

    class Media:
        css = {"all": ["css/admin-editorial.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ("focal_x", "focal_y"):
            kwargs["widget"] = FocalPointWidget()
        if db_field.name == "source_url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="Picture")
    def thumbnail(self, image):
        return _thumbnail(image)

    @admin.display(description="Ready to publish")
    def readiness(self, image):
        missing = image.missing()
        if not missing:
            return mark_safe('<span class="badge badge--live">Ready</span>')
        return format_html('<span class="badge badge--draft">Needs {}</span>', " and ".join(missing))

    @admin.display(description="Picture")
    def preview(self, image):
        if not image.pk:
            return "—"
        return format_html(
            '<div class="focal-point">{}<span class="focal-point__marker" aria-hidden="true"></span></div>',
            _thumbnail(image, PREVIEW, **{"data-focal-point": "true", "class": "focal-point__picture"}),
        )

    @admin.display(description="File")
    def facts(self, image):
        metadata = (
            "its metadata (EXIF) kept on purpose at upload" if image.metadata_kept else "metadata removed"
        )
        return (
            f"{image.format}, {image.width}×{image.height} pixels, {image.file_size / 1024:,.0f} KB; "
            f"original stored with {metadata}"
        )

    @admin.display(description="Used in")
    def used_in(self, image):
        stories = list(image.stories_using()[:20])
        if not stories:
            return "No story yet."
        return format_html_join(
            ", ", '<a href="{}">{}</a>',
            ((reverse("admin:articles_story_change", args=[s.pk]), s.headline) for s in stories),
        )  # fmt: skip

    # Uploading: several pictures at once, each checked before any is stored.

    def get_urls(self):
        return [
            path("upload/", self.admin_site.admin_view(self.upload_view), name="media_image_upload"),
            path("picker/", self.admin_site.admin_view(self.picker_view), name="media_image_picker"),
            path(
                "<int:pk>/thumbnail/",
                self.admin_site.admin_view(self.thumbnail_view),
                name="media_image_thumbnail",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:media_image_upload")

    def upload_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            fields = {
                name: form.cleaned_data[name] for name in ("credit", "caption", "alt_text", "usage_notes")
            }
            with atomic_with_files():
                images = [
                    store(checked, uploaded_by=request.user, **fields)
                    for checked in form.cleaned_data["files"]
                ]
            count = len(images)
            self.message_user(
                request,
                f"{count} picture{'s' if count != 1 else ''} added. Each needs alt text (or “decorative”) "
                "and a credit before a story showing it can be published.",
                messages.SUCCESS,
            )
            if count == 1:
                return HttpResponseRedirect(reverse("admin:media_image_change", args=[images[0].pk]))
            return HttpResponseRedirect(reverse("admin:media_image_changelist"))
        return TemplateResponse(
            request,
            "admin/media/image/upload.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Upload pictures",
                "form": form,
                "media": self.media + form.media,
            },
        )

    def picker_view(self, request):
        """The editor's picture picker: the library's pictures matching ``q``, newest first."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        images = Image.objects.search(request.GET.get("q", ""))[:PICKER_RESULTS]
        return JsonResponse({
            "results": [
                {"id": image.pk, "title": str(image), "caption": image.caption, "credit": image.credit,
                 "thumbnail": url_of(image, THUMBNAIL), "ready": not image.missing()}
                for image in images
            ]
        })  # fmt: skip

    def thumbnail_view(self, request, pk):
        """Where the editor's figures get their picture: the current thumbnail rendition."""
        image = get_object_or_404(Image, pk=pk)
        return HttpResponseRedirect(url_of(image, THUMBNAIL))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
