"""Public news pages. Every queryset starts from `Post.objects.published()`."""

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from news.linked_data import article_json_ld
from news.models import Post
from programs.models import Program
from wego_site.core.dates import valid_year
from wego_site.core.linked_data import BreadcrumbsMixin, Crumb, collection
from wego_site.core.pagination import PaginatedListMixin
from wego_site.core.preview import Previewable
from wego_site.pagecache.generation import per_generation


def news_crumb():
    return Crumb("News", reverse("news:post_list"))


class PostListMixin(BreadcrumbsMixin, PaginatedListMixin):
    """Shared by the news list, a year and a tag: pagination and the years to browse."""

    template_name = "news/post_list.html"
    context_object_name = "posts"
    paginate_by = 10

    def get_queryset(self):
        # Cards show their tags: one query per page.
        return Post.objects.published().with_tags()

    list_name = "News"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            years=per_generation("news-years", public_years), **kwargs
        )
        context["collection"] = collection(
            self.list_name, context["posts"], label=lambda p: p.title
        )
        return context

    def get_breadcrumbs(self, context):
        return [news_crumb()]


def public_years():
    years = Post.objects.published().dates("published_at", "year", order="DESC")
    return [day.year for day in years]


class PostListView(PostListMixin, ListView):
    pass


class PostYearView(PostListMixin, ListView):
    allow_empty = False  # a year without public posts is a 404

    def get_queryset(self):
        return super().get_queryset().filter(published_at__year=valid_year(self.kwargs["year"]))

    def get_context_data(self, **kwargs):
        self.list_name = f"News from {self.kwargs['year']}"
        return super().get_context_data(year=self.kwargs["year"], **kwargs)

    def get_breadcrumbs(self, context):
        return [news_crumb(), Crumb(str(self.kwargs["year"]), self.request.path)]


class PostTagView(PostListMixin, ListView):
    allow_empty = False  # a tag no public post carries is a 404

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        self.list_name = f"News tagged “{self.tag.name}”"
        return super().get_context_data(tag=self.tag, **kwargs)

    def get_breadcrumbs(self, context):
        return [news_crumb(), Crumb(self.list_name, self.request.path)]


class PostDetailView(Previewable, BreadcrumbsMixin, DetailView):
    template_name = "news/post_detail.html"
    context_object_name = "post"

    def get_queryset(self):
        return (
            self.visible(Post.objects)
            .filter(published_at__year=valid_year(self.kwargs["year"]))
            .with_tags()
            .prefetch_related(
                Prefetch("related_programs", queryset=Program.objects.published()),
                "organisations",
            )
        )

    def get_context_data(self, **kwargs):
        post = self.object
        neighbours = Post.objects.published().only("title", "slug", "published_at")
        same_time = Q(published_at=post.published_at)
        older = neighbours.filter(
            Q(published_at__lt=post.published_at) | (same_time & Q(pk__lt=post.pk))
        ).order_by("-published_at", "-pk")
        newer = neighbours.filter(
            Q(published_at__gt=post.published_at) | (same_time & Q(pk__gt=post.pk))
        ).order_by("published_at", "pk")
        url = self.request.build_absolute_uri(post.get_absolute_url())
        return super().get_context_data(
            previous_post=older.first(),
            next_post=newer.first(),
            article_json_ld=article_json_ld(post, url),
            **kwargs,
        )

    def get_breadcrumbs(self, context):
        year = self.object.published_at_local.year
        return [
            news_crumb(),
            Crumb(str(year), reverse("news:post_year", args=[year])),
            Crumb(self.object.title, self.request.path),
        ]
