from django.urls import path

from . import archives, feeds, preview, sitemaps, views
from .caching import cache_public_page as public

app_name = "articles"

# Every door here shows only public stories and looks the same to every
# anonymous reader, so each goes through the page cache (articles/caching.py)...
urlpatterns = [
    path("", public(views.home), name="home"),
    path("search/", public(views.SearchView.as_view()), name="search"),
    path("feeds/rss/", public(feeds.StoryFeed.as_view()), name="feed_rss"),
    path("feeds/atom/", public(feeds.StoryAtomFeed.as_view()), name="feed_atom"),
    path("feeds/section/<slug:slug>/rss/", public(feeds.SectionFeed.as_view()), name="section_feed_rss"),
    path(
        "feeds/section/<slug:slug>/atom/",
        public(feeds.SectionAtomFeed.as_view()),
        name="section_feed_atom",
    ),
    path("feeds/tag/<slug:slug>/rss/", public(feeds.TagFeed.as_view()), name="tag_feed_rss"),
    path("feeds/tag/<slug:slug>/atom/", public(feeds.TagAtomFeed.as_view()), name="tag_feed_atom"),
    path("feeds/author/<slug:slug>/rss/", public(feeds.AuthorFeed.as_view()), name="author_feed_rss"),
    path("feeds/author/<slug:slug>/atom/", public(feeds.AuthorAtomFeed.as_view()), name="author_feed_atom"),
    path("sitemap.xml", public(sitemaps.index), name="sitemap_index"),
    path("sitemap-news.xml", public(sitemaps.news_sitemap), name="news_sitemap"),
    path("sitemap-<str:section>.xml", public(sitemaps.sitemap), name="sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),  # static text; nothing to cache
    path("archive/", public(archives.archive_index), name="archive"),
    path("archive/<int:year>/", public(archives.YearArchiveView.as_view()), name="archive_year"),
    path(
        "archive/<int:year>/<int:month>/",
        public(archives.MonthArchiveView.as_view()),
        name="archive_month",
    ),
    path(
        "archive/<int:year>/<int:month>/<int:day>/",
        public(archives.DayArchiveView.as_view()),
        name="archive_day",
    ),
    path("tag/<slug:slug>/", public(views.TagView.as_view()), name="tag"),
    path("author/<slug:slug>/", public(views.AuthorView.as_view()), name="author"),
    # ...except previews, which are for the link's holder only (articles/preview.py).
    path("preview/<str:token>/", preview.shared_preview, name="preview"),
    path("<slug:section>/", public(views.SectionView.as_view()), name="section"),
    path(
        "<slug:section>/<int:year>/<str:month>/<str:day>/<slug:slug>/",
        public(views.story_detail),
        name="story",
    ),
]
