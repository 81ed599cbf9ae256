from django.conf import settings
from django.urls import path

from media import views

app_name = "media"

urlpatterns = [
    path("img/<int:pk>/<str:fingerprint>/<str:spec>", views.rendition, name="rendition"),
]
if settings.MEDIA_URL.startswith("/"):  # files on this site, not on an object store or CDN
    urlpatterns.append(
        path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.stored_file, name="stored_file")
    )
