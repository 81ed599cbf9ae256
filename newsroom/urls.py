from django.contrib import admin
from django.urls import include, path

from newsroom import health

urlpatterns = [
    # Before the reader site, whose section pattern would take /healthz/.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("api/", include(("api.urls", "api"))),
    path("wire/", include("wire.urls")),
    path("", include("media.urls")),
    path("", include("frontend.urls")),
]

handler403 = "frontend.errors.permission_denied"
handler404 = "frontend.errors.not_found"
handler500 = "frontend.errors.server_error"
