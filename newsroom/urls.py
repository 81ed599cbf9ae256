from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]

handler404 = "articles.errors.not_found"
handler500 = "articles.errors.server_error"
