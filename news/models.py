import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Max, Min, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItemBase

from programs.models import Organisation, Place, Program
from wego_site.core.card_drawing import CardText
from wego_site.core.cards import HasSocialCard
from wego_site.core.fulltext import SearchIndex, search_document_field
from wego_site.core.images import RENDITION_SIZES, rendition_name, validate_image_upload
from wego_site.core.natural_keys import NaturalKeyManager, NaturalKeyMixin
from wego_site.core.photos import caption_field, credit_field, figure, focus_field
from wego_site.core.publishing import Publishable, PublishableQuerySet
from wego_site.core.stored_values import RemembersStoredValues


class PostQuerySet(PublishableQuerySet):
    def with_tags(self):
        """Each post's tag links as `post.tag_links` (`link.tag`), in one query for all,
        in the order the tags were given: for the cards, the feeds and the post's page.

        Through the links rather than the `tags` manager: prefetched through the manager,
        taggit builds a fresh filtered queryset for every post only to hold its results,
        and its prefetch query has no order.
        """
        links = TaggedPost.objects.select_related("tag").order_by("pk")
        return self.prefetch_related(Prefetch("tagged_items", links, to_attr="tag_links"))

    def by_topics_shared_with(self, post):
        """Every post but `post`, those sharing most of its topics first (`shared`, the
        number of its tags they carry), then the newest: the posts on its topics lead, and
        the latest follow them, in one query."""
        topics = TaggedPost.objects.filter(content_object=post).values("tag")
        return (
            self.exclude(pk=post.pk)
            .annotate(shared=Count("tagged_items", filter=Q(tagged_items__tag__in=topics)))
            .order_by("-shared", "-published_at", "-pk")
        )


# A version of a post holds its tag links (through TaggedPost); related programs and
# organisations are links stored with the post's own version.
@reversion.register(follow=["tagged_items"], exclude=["search_document", "social_card"])
class Post(NaturalKeyMixin, HasSocialCard, RemembersStoredValues, Publishable):
    title = models.CharField(max_length=200, help_text="The headline.")
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text=(
            "Web address: /news/year/slug/. If you change it (or the publication year), "
            "the old address keeps working (it redirects)."
        ),
        error_messages={"unique": "Another news post already uses this web address (slug)."},
    )
    dateline = models.CharField(
        max_length=60, blank=True, help_text="Where the story was filed, e.g. “SEOUL”."
    )
    lede = models.TextField(help_text="The opening paragraph, shown in lists and feeds.")
    body = models.TextField(blank=True, help_text="The rest of the story, after the lede.")
    cover_image = models.ImageField(
        upload_to="news/covers/",
        blank=True,
        validators=[validate_image_upload],
        help_text=(
            "A real photograph of the story (never a stock picture), landscape, best at "
            "least 1140 × 760 pixels: JPEG, PNG or WebP, at most 5 MB. It is cropped to 3:2 "
            "around its focal point."
        ),
    )
    cover_alt_text = models.CharField(
        "cover alt text",
        max_length=250,
        blank=True,
        help_text="Describe the picture for people who cannot see it. Required with a cover.",
    )
    cover_caption = caption_field()
    cover_credit = credit_field()
    cover_focus = focus_field()
    related_programs = models.ManyToManyField(
        Program, blank=True, related_name="posts", help_text="Programs this story is about."
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="posts", help_text="Organisations it names."
    )
    tags = TaggableManager(through="news.TaggedPost", blank=True)

    # Not the dateline: every post is filed from SEOUL, so a search for Seoul would find
    # them all; it is shown in a hit's meta line instead.
    search_document = search_document_field("title", "lede", "body")

    objects = NaturalKeyManager.from_queryset(PostQuerySet)("slug")
    card_folder = "cards/news"

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [SearchIndex(name="post_search_idx")]

    def __str__(self):
        return self.title

    def card_text(self):
        return CardText(
            title=self.title,
            eyebrow=" · ".join(part for part in ["News", self.dateline] if part),
            details=(format_date(self.published_at_local, "j F Y"),),
        )

    def card_photo(self):
        """With a cover, the card is its 1200 × 630 crop."""
        return self.cover_image.name or ""

    def card_alt(self):
        return self.cover_alt_text if self.cover_image else super().card_alt()

    def clean(self):
        super().clean()
        if self.cover_image and not self.cover_alt_text.strip():
            raise ValidationError(
                {"cover_alt_text": "Describe the cover picture: alt text is required with a cover."}
            )

    def get_absolute_url(self):
        return reverse(
            "news:post_detail",
            kwargs={"year": self.published_at_local.year, "slug": self.slug},
        )

    # What its address is made of (see url_paths).
    address_fields = ("published_at", "slug")

    def url_paths(self):
        """This post's public address (it holds the year): see wego_site.core.redirects."""
        return {"post": self.get_absolute_url()}

    def more_news(self, count=3, leaving_out=()):
        """The `count` public posts to read after this one: those on its topics first (most
        shared first, then the newest), then the newest others; never this post, nor those
        whose ids are in `leaving_out` (the older and newer posts its page links to)."""
        # The posts left out are dropped from a few more read than are needed, not in the
        # query: so a page reads their tags the same way however few posts there are.
        leaving_out = set(leaving_out)
        read = Post.objects.published().by_topics_shared_with(self).with_tags()
        kept = [post for post in read[: count + len(leaving_out)] if post.pk not in leaving_out]
        return kept[:count]

    def dateline_place(self):
        """The place the post was filed from: the place its dateline names, whatever the
        case ("SEOUL" is Seoul), with its country, if the site has it on the map; else
        None (no query without a dateline)."""
        if not self.dateline.strip():
            return None
        return (
            Place.objects.drawable()
            .filter(name__iexact=self.dateline.strip())
            .select_related("country")
            .order_by("pk")
            .first()
        )

    @property
    def published_at_local(self):
        return timezone.localtime(self.published_at)

    @property
    def photo_figure(self):
        """The cover as includes/photo.html shows it (wego_site.core.photos)."""
        return figure(
            self.cover_image,
            self.cover_alt_text,
            self.cover_caption,
            self.cover_credit,
            self.cover_focus,
        )

    @property
    def cover(self):
        """URLs of the cover's renditions, made when the cover was saved; None without one."""
        if not self.cover_image:
            return None
        storage = self.cover_image.storage
        (width, height), (width_2x, height_2x) = RENDITION_SIZES
        urls = {
            f"{extension}{suffix}": storage.url(
                rendition_name(self.cover_image.name, size, extension)
            )
            for suffix, size in [("", (width, height)), ("_2x", (width_2x, height_2x))]
            for extension in ("jpg", "webp")
        }
        return {"width": width, "height": height, **urls}


@reversion.register()
class TaggedPost(TaggedItemBase):
    """Tags of a post, through a real foreign key so fixtures can name posts by slug."""

    content_object = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="tagged_items")

    objects = NaturalKeyManager("tag__name", "content_object__slug")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tag", "content_object"], name="post_tag_unique")
        ]

    def natural_key(self):
        return (self.tag.name, self.content_object.slug)

    natural_key.dependencies = ["taggit.tag", "news.post"]


# Renames and merges of tags are recorded too.
reversion.register(Tag)


def public_tags():
    """The tags public posts carry, those on most posts first (then by name), each with
    its `post_count` and the publication times of its first and last public posts
    (`first_published`, `last_published`: the span a tag's page heads its list with)."""
    published = "news_taggedpost_items__content_object__published_at"
    return (
        Tag.objects.filter(news_taggedpost_items__content_object__in=Post.objects.published())
        .annotate(
            post_count=Count("news_taggedpost_items"),
            first_published=Min(published),
            last_published=Max(published),
        )
        .order_by("-post_count", "name")
    )
