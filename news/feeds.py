"""RSS 2.0 and Atom feeds of the latest published news posts."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from news.models import Post

FEED_LENGTH = 20


class LatestPostsFeed(Feed):
    """RSS 2.0: the 20 latest published posts, each with its lede and tags."""

    title = f"News · {settings.SITE_NAME}"
    link = reverse_lazy("news:post_list")
    description = "News about WeGO's capacity-building training programs for cities."
    feed_url = reverse_lazy("news:feed_rss")

    def items(self):
        return Post.objects.published().prefetch_related("tags")[:FEED_LENGTH]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        # Feed readers treat the description as HTML; the lede is plain text.
        return escape(post.lede)

    def item_pubdate(self, post):
        return post.published_at

    def item_updateddate(self, post):
        return post.updated_at

    def item_categories(self, post):
        return [tag.name for tag in post.tags.all()]


class LatestPostsAtomFeed(LatestPostsFeed):
    """The same posts as an Atom feed."""

    feed_type = Atom1Feed
    subtitle = LatestPostsFeed.description
    feed_url = reverse_lazy("news:feed_atom")
