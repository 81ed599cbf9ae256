from django.urls import path

from . import preview, views
from .caching import cache_public_page

app_name = "articles"

urlpatterns = [
    path("", cache_public_page(views.home), name="home"),
    path("search/", cache_public_page(views.SearchView.as_view()), name="search"),
    path("tag/<slug:slug>/", cache_public_page(views.TagView.as_view()), name="tag"),
    path("author/<slug:slug>/", cache_public_page(views.AuthorView.as_view()), name="author"),
    # Never page-cached: previews are for the link's holder only (articles/preview.py).
    path("preview/<str:token>/", preview.shared_preview, name="preview"),
    path("<slug:section>/", cache_public_page(views.SectionView.as_view()), name="section"),
    path(
        "<slug:section>/<int:year>/<str:month>/<str:day>/<slug:slug>/",
        cache_public_page(views.story_detail),
        name="story",
    ),
]
