"""schema.org data of the news pages: a post as a NewsArticle."""

from django.utils import timezone

from wego_site.core.linked_data import absolute, wego_organization


def article_json_ld(post, url):
    """schema.org NewsArticle for `post`; `url` is the page's absolute URL, and the post
    is loaded `with_tags()`."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": post.title,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": post.published_at_local.isoformat(),
        "dateModified": timezone.localtime(post.updated_at).isoformat(),
        "description": post.lede,
        "image": [absolute(url, post.card["url"])],
        "author": wego_organization(url),
        "publisher": wego_organization(url, logo=True),
    }
    if post.dateline:
        data["dateline"] = post.dateline
    keywords = [link.tag.name for link in post.tag_links]
    if keywords:
        data["keywords"] = keywords
    return data
