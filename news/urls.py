from django.urls import path

from news import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.PostListView.as_view(), name="post_list"),
    # Discovery: feeds of the latest posts.
    path("feed/rss/", feeds.LatestPostsFeed(), name="feed_rss"),
    path("feed/atom/", feeds.LatestPostsAtomFeed(), name="feed_atom"),
    path("tag/<slug:slug>/", views.PostTagView.as_view(), name="post_tag"),
    path("<year:year>/", views.PostYearView.as_view(), name="post_year"),
    path("<year:year>/<slug:slug>/", views.PostDetailView.as_view(), name="post_detail"),
]
