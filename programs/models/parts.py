"""What hangs off an edition: its topics, site visits and participating cities."""

import reversion
from django.core.exceptions import ValidationError
from django.db import models

from programs.models.organisations import Country
from wego_site.core.fulltext import SearchIndex, search_document_field
from wego_site.core.natural_keys import NaturalKeyManager


class EditionPart(models.Model):
    edition = models.ForeignKey("programs.Edition", on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the page.")

    # Natural key: the edition's, plus the part's position.
    objects = NaturalKeyManager("edition__program__slug", "edition__slug", "position")

    class Meta:
        abstract = True
        ordering = ["edition", "position"]

    def natural_key(self):
        return (*self.edition.natural_key(), self.position)

    natural_key.dependencies = ["programs.edition"]


def part_rules(name):
    """(indexes, constraints) of a part named `name`: its search index, and one part per
    position in an edition."""
    return (
        [SearchIndex(name=f"{name}_search_idx")],
        [models.UniqueConstraint(fields=["edition", "position"], name=f"{name}_position_unique")],
    )


@reversion.register(exclude=["search_document"])
class Topic(EditionPart):
    title = models.CharField(max_length=255)

    search_document = search_document_field("title")

    class Meta(EditionPart.Meta):
        default_related_name = "topics"
        indexes, constraints = part_rules("topic")

    def __str__(self):
        return self.title


@reversion.register(exclude=["search_document"])
class SiteVisit(EditionPart):
    name = models.CharField(max_length=200, help_text="Place visited, e.g. “Jeju Techno Park”.")
    note = models.CharField(
        max_length=200,
        blank=True,
        help_text="A short qualifier, e.g. “UNESCO World Heritage Site”.",
    )

    search_document = search_document_field("name", "note")

    class Meta(EditionPart.Meta):
        default_related_name = "site_visits"
        indexes, constraints = part_rules("site_visit")

    def __str__(self):
        return f"{self.name} ({self.note})" if self.note else self.name


@reversion.register(exclude=["search_document"])
class Participant(EditionPart):
    """A city or public body that sent participants to an edition."""

    name = models.CharField(
        max_length=200,
        help_text="City or body as it should read, e.g. “Government of Punjab, Chandigarh”.",
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="participations")
    # PROTECT: deleting a place must not silently take its participations off the map
    # and out of the figures; the editor is shown which participants still name it.
    place = models.ForeignKey(
        "programs.Place",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participants",
        help_text=(
            "The city, region or organisation on the map, from the gazetteer. Empty until "
            "it is known: the participant is then counted by its name and country."
        ),
    )

    search_document = search_document_field("name")

    class Meta(EditionPart.Meta):
        default_related_name = "participants"
        indexes, constraints = part_rules("participant")

    def __str__(self):
        return f"{self.name} ({self.country})"

    def clean(self):
        super().clean()
        if self.place_id and self.country_id and self.place.country_id != self.country_id:
            raise ValidationError(
                {"place": f"{self.place} is not in {self.country}. Choose a place in that country."}
            )
