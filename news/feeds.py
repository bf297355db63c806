"""RSS 2.0 and Atom feeds of the latest published news posts."""

from urllib.parse import urljoin

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.html import escape

from news.models import Post
from wego_site.core.cards import SITE_CARD
from wego_site.core.linked_data import WEGO_NAME, WEGO_URL

FEED_LENGTH = 20


class LatestPostsFeed(Feed):
    """RSS 2.0: the 20 latest published posts, each with its lede, tags and social card.

    The card is the item's enclosure (a link with its size and type in Atom), the same
    picture as the post page's og:image.
    """

    title = f"News · {settings.SITE_NAME}"
    link = reverse_lazy("news:post_list")
    description = "News about WeGO's capacity-building training programs for cities."
    feed_url = reverse_lazy("news:feed_rss")
    # RFC 4287 wants an author on an Atom feed or on every entry: WeGO writes them all.
    author_name = WEGO_NAME
    author_link = WEGO_URL

    def get_object(self, request, *args, **kwargs):
        """The site's root URL, so each item's card can be given an absolute address."""
        return request.build_absolute_uri("/")

    def items(self, site_root):
        posts = list(Post.objects.published().with_tags()[:FEED_LENGTH])
        for post in posts:
            post.site_root = site_root
        return posts

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
        return [link.tag.name for link in post.tag_links]

    def item_enclosures(self, post):
        """The card, with its size; none when the post's card file is missing from storage
        (deleted or not yet copied): an enclosure needs a length, and one post's missing
        file must never cost the whole feed."""
        card = post.card
        if post.social_card:
            try:
                length = post.social_card.storage.size(post.social_card.name)
            except OSError:
                return []
        else:
            length = (settings.BASE_DIR / "static" / SITE_CARD).stat().st_size
        return [Enclosure(urljoin(post.site_root, card["url"]), str(length), card["type"])]


class LatestPostsAtomFeed(LatestPostsFeed):
    """The same posts as an Atom feed."""

    feed_type = Atom1Feed
    subtitle = LatestPostsFeed.description
    feed_url = reverse_lazy("news:feed_atom")
