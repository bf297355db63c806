"""What hangs off an edition: its topics, site visits and participating cities."""

import reversion
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

    search_document = search_document_field("name")

    class Meta(EditionPart.Meta):
        default_related_name = "participants"
        indexes, constraints = part_rules("participant")

    def __str__(self):
        return f"{self.name} ({self.country})"


def attach_parts(editions):
    """Give each edition its topics, site visits and participants in one query.

    A page that shows all three for several editions (the landing page) would otherwise
    spend three queries on them; the three part tables share their shape, so one UNION
    fetches them all. Each edition gets ``topic_list``, ``site_visit_list`` and
    ``participant_list`` (model instances, in page order). Returns the editions.
    """
    editions = list(editions)
    ids = [edition.pk for edition in editions]
    for edition in editions:
        edition.topic_list, edition.site_visit_list, edition.participant_list = [], [], []
    if not ids:
        return editions

    def kind(name):
        return models.Value(name, output_field=models.CharField())

    def blank_int():
        return models.Value(0, output_field=models.IntegerField())

    columns = ("kind", "edition_id", "position", "label", "note", "country_ref")
    # Each part of a UNION must be unordered; the rows are sorted in Python below.
    topics = (
        Topic.objects.filter(edition_id__in=ids)
        .order_by()
        .values_list(kind("topic"), "edition_id", "position", "title", kind(""), blank_int())
    )
    visits = (
        SiteVisit.objects.filter(edition_id__in=ids)
        .order_by()
        .values_list(kind("site_visit"), "edition_id", "position", "name", "note", blank_int())
    )
    participants = (
        Participant.objects.filter(edition_id__in=ids)
        .order_by()
        .values_list(
            kind("participant"), "edition_id", "position", "name", "country__name", "country_id"
        )
    )
    by_id = {edition.pk: edition for edition in editions}
    countries = {}
    rows = sorted(
        (
            dict(zip(columns, row, strict=True))
            for row in topics.union(visits, participants, all=True)
        ),
        key=lambda row: row["position"],
    )
    for row in rows:
        edition = by_id[row["edition_id"]]
        common = {"edition": edition, "position": row["position"]}
        if row["kind"] == "topic":
            edition.topic_list.append(Topic(title=row["label"], **common))
        elif row["kind"] == "site_visit":
            edition.site_visit_list.append(SiteVisit(name=row["label"], note=row["note"], **common))
        else:
            country = countries.setdefault(
                row["country_ref"], Country(pk=row["country_ref"], name=row["note"])
            )
            edition.participant_list.append(
                Participant(name=row["label"], country=country, **common)
            )
    return editions


def prefetch_parts(edition):
    """Load an edition's topics, site visits and participants in one query (`attach_parts`)
    and hand them to its related managers as `prefetch_related` would, so that
    `edition.topics.all()`, `edition.site_visits.all()` and `edition.participants.all()`
    read them without a query of their own. Returns the edition."""
    attach_parts([edition])
    cache = edition.__dict__.setdefault("_prefetched_objects_cache", {})
    for name, model, rows in (
        ("topics", Topic, edition.topic_list),
        ("site_visits", SiteVisit, edition.site_visit_list),
        ("participants", Participant, edition.participant_list),
    ):
        loaded = model.objects.filter(edition=edition)
        loaded._result_cache, loaded._prefetch_done = rows, True
        cache[name] = loaded
    return edition
