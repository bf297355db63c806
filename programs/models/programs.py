"""Programs, their kinds, and the introductions of the site's sections."""

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse

from programs.models.organisations import Contact, Organisation, RegionalOffice
from wego_site.core.card_drawing import CardText
from wego_site.core.cards import HasSocialCard
from wego_site.core.fulltext import SearchIndex, search_document_field
from wego_site.core.natural_keys import NaturalKeyManager, NaturalKeyMixin
from wego_site.core.photos import HasPhoto
from wego_site.core.publishing import Publishable, PublishableQuerySet, published_q
from wego_site.core.stored_values import RemembersStoredValues


class ProgramKind(models.TextChoices):
    MAIN = "main", "Main Training Program"
    REGIONAL = "regional", "Regional Office Program"
    PARTNER = "partner", "Partners’ Program"
    JOINT_WORKSHOP = "joint-workshop", "Joint Workshop"

    @property
    def short_label(self):
        """The word of its plural name that tells the kind from the others, where four names
        share a phone's row (the kind tabs): "Regional" of "Regional Office Programs"."""
        return {
            self.MAIN: "Main",
            self.REGIONAL: "Regional",
            self.PARTNER: "Partners",
            self.JOINT_WORKSHOP: "Workshops",
        }[self]


class IntroductionSection(models.TextChoices):
    OVERVIEW = "overview", "Training programs overview (top of the landing page)"
    ABOUT = "about", "About"
    MAIN = ProgramKind.MAIN.value, "Main Training Programs"
    REGIONAL = ProgramKind.REGIONAL.value, "Regional Office Programs"
    PARTNER = ProgramKind.PARTNER.value, "Partners’ Programs"
    JOINT_WORKSHOP = ProgramKind.JOINT_WORKSHOP.value, "Joint Workshops"


class IntroductionQuerySet(models.QuerySet):
    def by_section(self):
        """{section: introduction}, for pages that show several sections."""
        return {intro.section: intro for intro in self}


@reversion.register()
class Introduction(NaturalKeyMixin, models.Model):
    """The heading and introductory text of a section of the training pages."""

    section = models.CharField(max_length=20, choices=IntroductionSection.choices, unique=True)
    heading = models.CharField(max_length=200)
    text = models.TextField(
        blank=True, help_text="Plain text; a blank line starts a new paragraph."
    )

    objects = NaturalKeyManager.from_queryset(IntroductionQuerySet)("section")

    class Meta:
        ordering = ["section"]

    def __str__(self):
        return self.get_section_display()


# Fixed paths under /programs/ that a program slug must never take, or the program's
# page would be hidden behind them (see programs/urls.py, where these come first).
RESERVED_PROGRAM_SLUGS = frozenset({"kind", "archive"})


class ProgramQuerySet(PublishableQuerySet):
    def with_public_edition_counts(self):
        """Each program's number of public editions, as ``public_edition_count``."""
        return self.annotate(
            public_edition_count=Count("editions", filter=published_q("editions__"), distinct=True)
        )

    def sharing_partners_with(self, program):
        """The other programs that have a partner in common with `program` (a program, or
        its id as an expression: `OuterRef("pk")`), each once."""
        return (
            self.filter(partners__programs=program)
            .exclude(pk=getattr(program, "pk", program))
            .distinct()
        )

    def with_partners_elsewhere(self):
        """Whether each program's partners co-organized editions of other public programs
        (`partners_co_organised`), and whether other public programs have a partner in
        common with it (`partners_shared`), in the same query: a page reads which they are
        only where there are some."""
        edition_model = self.model.editions.field.model
        program = OuterRef("pk")
        return self.annotate(
            partners_co_organised=Exists(
                edition_model.objects.published().co_organised_by_partners_of(program)
            ),
            partners_shared=Exists(self.model.objects.published().sharing_partners_with(program)),
        )


# Partners and contacts are links stored with the program's own version.
@reversion.register(exclude=["search_document", "social_card"])
class Program(NaturalKeyMixin, HasSocialCard, HasPhoto, RemembersStoredValues, Publishable):
    title = models.CharField(max_length=200, help_text="The program's name as the public reads it.")
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=(
            "The program's web address: /programs/slug/. Lower-case letters, digits and "
            "hyphens. If you change it, the old address keeps working (it redirects)."
        ),
        error_messages={"unique": "Another program already uses this web address (slug)."},
    )
    kind = models.CharField(
        max_length=20,
        choices=ProgramKind.choices,
        db_index=True,
        help_text="The section of the site the program is listed in.",
    )
    summary = models.TextField(
        blank=True,
        help_text="One or two sentences shown in lists. Leave empty if nothing is known.",
    )
    body = models.TextField(blank=True, help_text="The full description on the program's page.")
    announcement = models.TextField(
        blank=True, help_text="News about the next edition, shown prominently on the program page."
    )
    since_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Year the program started, if known."
    )
    regional_office = models.ForeignKey(
        RegionalOffice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programs",
        help_text="Only for programs run by a WeGO regional office.",
    )
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="programs", help_text="Organisations it runs with."
    )
    contacts = models.ManyToManyField(Contact, blank=True, related_name="programs")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order among programs of the same kind (smallest first)."
    )
    is_sample = models.BooleanField(
        "sample",
        default=False,
        editable=False,
        help_text="Made by `manage.py load_demo` to try the site out: shown, never counted in the site's figures.",
    )

    search_document = search_document_field("title", "summary", "body", "announcement")

    objects = NaturalKeyManager.from_queryset(ProgramQuerySet)("slug")
    card_folder = "cards/programs"

    class Meta:
        ordering = ["position", "title"]
        indexes = [SearchIndex(name="program_search_idx")]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.slug in RESERVED_PROGRAM_SLUGS:
            raise ValidationError(
                {
                    "slug": f"“{self.slug}” is taken by a fixed page of the site "
                    "(/programs/{self.slug}/). Choose another web address."
                }
            )

    def card_text(self):
        office = self.regional_office
        return CardText(
            title=self.title,
            eyebrow=" · ".join(p for p in [self.get_kind_display(), office and office.city] if p),
            details=(f"Since {self.since_year}",) if self.since_year else (),
        )

    @property
    def has_information(self):
        """False for a program announced by name only, so pages can say so honestly."""
        return bool(self.summary or self.body or self.announcement)

    def get_absolute_url(self):
        return reverse("programs:program_detail", kwargs={"slug": self.slug})

    # What its addresses are made of (see url_paths).
    address_fields = ("slug",)

    def url_paths(self):
        """This program's address and its editions' (they contain its slug): see redirects."""
        return {
            "program": self.get_absolute_url(),
            **{
                f"edition-{edition.pk}": edition.get_absolute_url()
                for edition in self.editions.all()
            },
        }
