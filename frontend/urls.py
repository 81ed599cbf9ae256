from django.urls import path

from frontend import archives, feeds, live, preview, sitemaps, views
from frontend.caching import cache_public_pages

app_name = "frontend"

# Every door in this list shows only public stories and looks the same to every
# anonymous reader, so all of them go through the page cache (frontend/caching.py).
public_pages = [
    path("", views.home, name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feeds/rss/", feeds.StoryFeed.as_view(), name="feed_rss"),
    path("feeds/atom/", feeds.StoryAtomFeed.as_view(), name="feed_atom"),
    path("feeds/section/<slug:slug>/rss/", feeds.SectionFeed.as_view(), name="section_feed_rss"),
    path("feeds/section/<slug:slug>/atom/", feeds.SectionAtomFeed.as_view(), name="section_feed_atom"),
    path("feeds/tag/<slug:slug>/rss/", feeds.TagFeed.as_view(), name="tag_feed_rss"),
    path("feeds/tag/<slug:slug>/atom/", feeds.TagAtomFeed.as_view(), name="tag_feed_atom"),
    path("feeds/author/<slug:slug>/rss/", feeds.AuthorFeed.as_view(), name="author_feed_rss"),
    path("feeds/author/<slug:slug>/atom/", feeds.AuthorAtomFeed.as_view(), name="author_feed_atom"),
    path("sitemap.xml", sitemaps.index, name="sitemap_index"),
    path("sitemap-news.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("sitemap-<str:section>.xml", sitemaps.sitemap, name="sitemap"),
    path("archive/", archives.archive_index, name="archive"),
    path("archive/<int:year>/", archives.YearArchiveView.as_view(), name="archive_year"),
    path("archive/<int:year>/<int:month>/", archives.MonthArchiveView.as_view(), name="archive_month"),
    path(
        "archive/<int:year>/<int:month>/<int:day>/",
        archives.DayArchiveView.as_view(),
        name="archive_day",
    ),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("<slug:section>/", views.SectionView.as_view(), name="section"),
    path("<slug:section>/<int:year>/<str:month>/<str:day>/<slug:slug>/", views.story_detail, name="story"),
    path(
        "<slug:section>/<int:year>/<str:month>/<str:day>/<slug:slug>/updates.json",
        live.updates,
        name="live_updates",
    ),
]

urlpatterns = [
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),  # static text; nothing to cache
    # Previews are for the link's holder only (articles/preview.py), never cached.
    path("preview/<str:token>/", preview.shared_preview, name="preview"),
    *cache_public_pages(public_pages),
]
