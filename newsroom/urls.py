from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("media.urls")),
    path("", include("frontend.urls")),
]

handler404 = "frontend.errors.not_found"
handler500 = "frontend.errors.server_error"
