import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from programs.models import Edition, Place, Program
from programs.models.places import counted_edition_q
from wego_site.core.fulltext import SearchIndex, search_document_field
from wego_site.core.natural_keys import NaturalKeyManager, NaturalKeyMixin
from wego_site.core.publishing import Publishable, PublishableQuerySet, published_q


def counted_testimonial_q(prefix="", today=None):
    """Testimonials that show their place took part (through `prefix`): public, and
    about a counted edition, or (without an edition) about a public program that is not
    sample content. Registered with programs as evidence of a place (see apps.py)."""
    return published_q(prefix) & (
        counted_edition_q(f"{prefix}edition__", today)
        | Q(
            published_q(f"{prefix}program__"),
            **{f"{prefix}edition__isnull": True, f"{prefix}program__is_sample": False},
        )
    )


@reversion.register(exclude=["search_document"])
class Testimonial(NaturalKeyMixin, Publishable):
    quote = models.TextField(help_text="The participant's words, without quotation marks.")
    honorific = models.CharField(max_length=10, blank=True, help_text="“Mr.”, “Ms.”, “Dr.” …")
    person_name = models.CharField("person", max_length=150)
    role = models.CharField(max_length=200, blank=True, help_text="Job title, if given.")
    organisation = models.CharField(
        max_length=200, blank=True, help_text="E.g. “Barcelona City Council”, if given."
    )
    city = models.CharField(max_length=100, blank=True)
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="testimonials",
        help_text="The person's city on the map, from the gazetteer.",
    )
    year = models.PositiveSmallIntegerField(help_text="Year of the training the person attended.")
    on_behalf_of = models.CharField(
        max_length=200,
        blank=True,
        help_text="Fill in when the person speaks for someone else, e.g. “Barcelona City Council”.",
    )
    program = models.ForeignKey(
        Program,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="testimonials",
        help_text="The program, when the edition is not known.",
    )
    edition = models.ForeignKey(
        Edition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="testimonials",
        help_text="The edition the person attended.",
    )

    search_document = search_document_field(
        "person_name", "role", "organisation", "city", "on_behalf_of", "quote"
    )

    objects = NaturalKeyManager.from_queryset(PublishableQuerySet)("person_name", "year")

    class Meta:
        ordering = ["year", "pk"]
        indexes = [SearchIndex(name="testimonial_search_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["person_name", "year"], name="testimonial_person_year_unique"
            )
        ]

    def __str__(self):
        return f"{self.full_name}, {self.year}"

    def clean(self):
        super().clean()
        if self.edition_id and self.program_id and self.edition.program_id != self.program_id:
            raise ValidationError(
                {"program": "This edition belongs to another program. Leave the program empty."}
            )

    def get_absolute_url(self):
        return (
            reverse("testimonials:by_year", kwargs={"year": self.year}) + f"#testimonial-{self.pk}"
        )

    @property
    def full_name(self):
        return f"{self.honorific} {self.person_name}".strip()

    @property
    def related_program(self):
        return self.edition.program if self.edition_id else self.program

    @property
    def source(self):
        """The public edition or program this testimonial is about, for a link; or None.

        A draft edition falls back to its program, a draft program to nothing, so no link
        leads to a 404. Reads the program and the edition's program: a list that shows
        sources loads them: ``select_related("program", "edition__program")``.
        """
        if self.edition_id and self.edition.is_published and self.edition.program.is_published:
            return self.edition
        program = self.related_program
        return program if program is not None and program.is_published else None

    @property
    def byline_city(self):
        """The city for the byline, unless the organisation named before it says it
        already (“on behalf of Barcelona City Council”, not “…, Barcelona” again)."""
        if self.city and self.city.casefold() in self.speaks_for.casefold():
            return ""
        return self.city

    @property
    def speaks_for(self):
        """“on behalf of Barcelona City Council”, or the organisation, for the byline."""
        if self.on_behalf_of:
            return f"on behalf of {self.on_behalf_of}"
        return self.organisation
