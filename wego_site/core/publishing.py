"""The one rule for what the public may see, shared by every content type.

A row is public when its status is "published" and its publication time has come.
A publication time in the future therefore means "scheduled": the row appears by
itself when the clock reaches it, with no job to run.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


def published_q(prefix=""):
    """The publication rule as a Q object, for this model (or a related one via `prefix`,
    e.g. "program__"), so a query can apply it through a join instead of a subquery."""
    return Q(
        **{
            f"{prefix}status": PublicationStatus.PUBLISHED,
            f"{prefix}published_at__lte": timezone.now(),
        }
    )


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_q())

    def drafts(self):
        return self.filter(status=PublicationStatus.DRAFT)

    def scheduled(self):
        return self.filter(status=PublicationStatus.PUBLISHED, published_at__gt=timezone.now())


class Publishable(models.Model):
    """Publication state and time, plus audit timestamps, for every public content type."""

    status = models.CharField(
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
        help_text="Drafts are never shown to the public. Choose “Published” to make this public.",
    )
    published_at = models.DateTimeField(
        "publication time",
        default=timezone.now,
        db_index=True,
        help_text=(
            "When this becomes public. A time in the future schedules it: "
            "it becomes public by itself at that moment."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == PublicationStatus.PUBLISHED and self.published_at <= timezone.now()
