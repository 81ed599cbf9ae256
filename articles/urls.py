from django.urls import path

from . import preview, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("preview/<str:token>/", preview.shared_preview, name="preview"),
    path("<slug:section>/", views.SectionView.as_view(), name="section"),
    path(
        "<slug:section>/<int:year>/<str:month>/<str:day>/<slug:slug>/",
        views.story_detail,
        name="story",
    ),
]
