import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from programs.models import Edition, Place, Program
from wego_site.core.fulltext import SearchIndex, search_document_field
from wego_site.core.natural_keys import NaturalKeyManager, NaturalKeyMixin
from wego_site.core.publishing import Publishable, PublishableQuerySet


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
    def speaks_for(self):
        """“on behalf of Barcelona City Council”, or the organisation, for the byline."""
        if self.on_behalf_of:
            return f"on behalf of {self.on_behalf_of}"
        return self.organisation
