"""Public news pages. Every queryset starts from `Post.objects.published()`.

The news list and a year's news are Django's date-based archive views, as on
djangoproject.com's weblog.
"""

import bisect

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import ArchiveIndexView, DetailView, ListView, YearArchiveView
from taggit.models import Tag

from news.linked_data import article_json_ld
from news.models import Post, public_tags
from programs.models import Program
from wego_site.core.archives import DateArchiveMixin
from wego_site.core.linked_data import BreadcrumbsMixin, Crumb, collection
from wego_site.core.pagination import PaginatedListMixin
from wego_site.core.preview import Previewable
from wego_site.pagecache.generation import PAGES_KEPT, per_generation, per_generation_each


def news_crumb():
    return Crumb("News", reverse("news:post_list"))


class PostListMixin(BreadcrumbsMixin, PaginatedListMixin):
    """Shared by the news list, a year and a tag: pagination and the years to browse."""

    template_name = "news/post_list.html"
    context_object_name = "posts"
    paginate_by = 10
    date_field = "published_at"

    def get_queryset(self):
        # Cards show their tags: one query per page.
        return Post.objects.published().with_tags()

    list_name = "News"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            years=per_generation("news-years", public_years),
            tags=per_generation("news-tags", lambda: list(public_tags())),
            **kwargs,
        )
        context["topics_of_several"], context["topics_of_one"] = topics_by_reach(context["tags"])
        context["collection"] = collection(
            self.list_name, context["posts"], label=lambda p: p.title
        )
        context["span"] = self.get_span(context)
        return context

    def get_span(self, context):
        """The days of the list's first and last posts (its head says them after the
        count), from the publication order kept per generation: no query of its own, and
        worked out once per generation and year (the order holds every post)."""
        year = context.get("year")
        return per_generation_each("news-span", year, lambda: post_span(year), limit=100)

    def get_breadcrumbs(self, context):
        return [news_crumb()]


def topics_by_reach(tags):
    """The topics as the news filter lists them: those of several posts (most first, as
    `public_tags` gives them), then those of one post each, by name."""
    several = [tag for tag in tags if tag.post_count > 1]
    one = sorted((tag for tag in tags if tag.post_count == 1), key=lambda tag: tag.name.lower())
    return several, one


def post_span(year=None):
    """The first and last days of the public posts (of `year`, if given), or None."""
    order = per_generation("news-order", public_post_order)
    if not year:
        order = order[:1] + order[-1:]
    days = [timezone.localtime(row[0]).date() for row in order]
    if year:
        days = [day for day in days if day.year == int(year)]
    return (days[0], days[-1]) if days else None


def public_post_order():
    """Every public post's (publication time, id, title, slug), in publication order
    (posts published at the same moment by id), once per content generation."""
    return list(
        Post.objects.published()
        .order_by("published_at", "pk")
        .values_list("published_at", "pk", "title", "slug")
    )


def neighbours(post):
    """The public posts just older and just newer than `post` (None at either end), for
    the links from its page; found in the order kept per generation."""
    order = per_generation("news-order", public_post_order)
    key = (post.published_at, post.pk)
    before = bisect.bisect_left(order, key, key=lambda row: row[:2])
    after = bisect.bisect_right(order, key, key=lambda row: row[:2])

    def as_post(row):
        published_at, pk, title, slug = row
        return Post(pk=pk, title=title, slug=slug, published_at=published_at)

    older = as_post(order[before - 1]) if before > 0 else None
    newer = as_post(order[after]) if after < len(order) else None
    return older, newer


def public_years():
    years = Post.objects.published().dates("published_at", "year", order="DESC")
    return [day.year for day in years]


class PostListView(PostListMixin, DateArchiveMixin, ArchiveIndexView):
    allow_empty = True  # a site without news says so


class PostYearView(PostListMixin, DateArchiveMixin, YearArchiveView):
    make_object_list = True  # a year without public posts is a 404

    def get_context_data(self, **kwargs):
        self.list_name = f"News from {self.kwargs['year']}"
        return super().get_context_data(**kwargs)

    def get_breadcrumbs(self, context):
        return [news_crumb(), Crumb(str(self.kwargs["year"]), self.request.path)]


class PostTagView(PostListMixin, ListView):
    allow_empty = False  # a tag no public post carries is a 404

    def get(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        if slug != slug.lower():
            # A tag's address is in lower case; /news/tag/COVID-19/, as the tag is
            # written, is sent there for good.
            return redirect("news:post_tag", slug=slug.lower(), permanent=True)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        self.list_name = f"News tagged “{self.tag.name}”"
        context = super().get_context_data(tag=self.tag, **kwargs)
        context["other_tags"] = [tag for tag in context["tags"] if tag.pk != self.tag.pk]
        return context

    def get_span(self, context):
        """A tag's first and last posts, from its row among the topics (no query)."""
        for tag in context["tags"]:
            if tag.pk == self.tag.pk:
                return tuple(
                    timezone.localtime(moment).date()
                    for moment in (tag.first_published, tag.last_published)
                )
        return None

    def get_breadcrumbs(self, context):
        return [news_crumb(), Crumb(self.list_name, self.request.path)]


# Posts under a post, as compact rows: those on its topics first, then the newest.
MORE_UNDER_A_POST = 3


class PostDetailView(Previewable, BreadcrumbsMixin, DetailView):
    template_name = "news/post_detail.html"
    context_object_name = "post"

    def get_queryset(self):
        return (
            self.visible(Post.objects)
            .filter(published_at__year=self.kwargs["year"])
            .with_tags()
            .prefetch_related(
                Prefetch("related_programs", queryset=Program.objects.published()),
                "organisations",
            )
        )

    def get_object(self, queryset=None):
        """The post with its tags, programs and organisations, read once per content
        generation (a preview reads it afresh); a 404 is never kept."""
        if self.preview:
            return super().get_object(queryset)
        key = (self.kwargs["year"], self.kwargs["slug"])
        return per_generation_each(
            "post-pages", key, lambda: super(PostDetailView, self).get_object(queryset), PAGES_KEPT
        )

    def get_context_data(self, **kwargs):
        post = self.object
        older, newer = neighbours(post)
        url = self.request.build_absolute_uri(post.get_absolute_url())
        more = self.more_news(post, older, newer)
        return super().get_context_data(
            filed_in=self.filed_in(post),
            previous_post=older,
            next_post=newer,
            more_posts=more,
            more_on_topics=bool(more) and all(other.shared for other in more),
            article_json_ld=article_json_ld(post, url),
            **kwargs,
        )

    def more_news(self, post, older, newer):
        """The posts under this one (`Post.more_news`), but the older and newer ones it
        links to already, shown newest first; kept per content generation (a preview's are
        read afresh)."""
        leaving_out = [p.pk for p in (older, newer) if p]

        def compute():
            chosen = post.more_news(MORE_UNDER_A_POST, leaving_out=leaving_out)
            return sorted(chosen, key=lambda other: other.published_at, reverse=True)

        if self.preview:
            return compute()
        return per_generation_each("post-more-news", post.pk, compute, PAGES_KEPT)

    def filed_in(self, post):
        """The place the post was filed from (`Post.dateline_place`), for its facts; None
        where the dateline names no place on the map. No globe of it in the head: a post
        is about what it tells, not where it was written (a Seoul globe over news of a
        Japanese partner misleads). Kept per content generation for each dateline (a
        preview reads it afresh): every post of a place shares it."""
        if self.preview or not post.dateline.strip():
            return post.dateline_place()
        return per_generation_each(
            "post-datelines", post.dateline.strip().lower(), post.dateline_place, PAGES_KEPT
        )

    def get_breadcrumbs(self, context):
        year = self.object.published_at_local.year
        return [
            news_crumb(),
            Crumb(str(year), reverse("news:post_year", args=[year])),
            Crumb(self.object.title, self.request.path),
        ]
