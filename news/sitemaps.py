"""Sitemap section for news posts: published ones only, dated by their last edit."""

from django.contrib.sitemaps import Sitemap

from news.models import Post


class PostSitemap(Sitemap):
    def items(self):
        return Post.objects.published()

    def lastmod(self, post):
        return post.updated_at
