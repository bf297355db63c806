"""Who and where: countries, organisations, contacts and WeGO's regional offices."""

import re

import reversion
from django.db import models
from django.urls import reverse

from programs.countries import country_code, validate_country_code
from wego_site.core.natural_keys import NaturalKeyManager, NaturalKeyMixin
from wego_site.core.publishing import published_q


class CountryQuerySet(models.QuerySet):
    def for_code(self, code, name, *, save=True):
        """The country with the ISO code `code`: the first row with that code, else the row
        called `name` (in any case), given the code when it has none, else a new row of
        that name and code.

        With `save=False` nothing is written: a new row is returned unsaved (its `pk` is
        None) and a row without a code is returned as it is, so the participants' import
        can show what it would add before the editor confirms."""
        code = code.upper()
        country = (
            self.filter(code=code).order_by("pk").first()
            or self.filter(name__iexact=name).order_by("pk").first()
        )
        if country is None:
            if not save:
                return self.model(name=name, code=code)
            country, _ = self.get_or_create(name=name, defaults={"code": code})
        if save and not country.code:
            country.code = code
            country.save(update_fields=["code"])
        return country


# Countries whose short English name takes "the" (ISO 3166-1 alpha-2).
CODES_NAMED_WITH_THE = frozenset(
    {
        "AE",
        "BS",
        "CD",
        "CF",
        "CG",
        "DO",
        "GB",
        "GM",
        "KM",
        "KY",
        "MH",
        "MV",
        "NL",
        "PH",
        "SB",
        "SC",
        "US",
        "VA",
    }
)
# Official or descriptive names take "the" whatever the country: "the Republic of Korea".
NAMED_WITH_THE = re.compile(
    r"^(?:Republic|Kingdom|State|Federation|Union|Commonwealth|Principality|Sultanate)\b"
    r"|^(?:United|Democratic|Federated|Islamic|Plurinational|People’s|People's)\s"
    r"|\b(?:Islands|Republic|Emirates|States)$"
)


@reversion.register()
class Country(NaturalKeyMixin, models.Model):
    name = models.CharField(
        max_length=100, unique=True, help_text="As the secretariat writes it, e.g. “Korea”."
    )
    code = models.CharField(
        "ISO code",
        max_length=2,
        blank=True,
        validators=[validate_country_code],
        help_text=(
            "The two-letter ISO 3166-1 code, e.g. “KR”, for search engines and maps. "
            "Leave empty to fill it in from the name; check it when the name is unusual."
        ),
    )

    objects = NaturalKeyManager.from_queryset(CountryQuerySet)("name")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.code = self.code.upper() or country_code(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The country's page, /countries/ph/; None for a country with no ISO code."""
        return reverse("country_detail", args=[self.iso_lower]) if self.code else None

    @property
    def name_in_sentence(self):
        """The name as a sentence writes it after a preposition: "the Philippines", "the
        United States", "Korea". English puts "the" before the countries in
        `CODES_NAMED_WITH_THE` and before names like "Republic of …" or "… Islands"."""
        name = self.name
        if name[:4].lower() == "the ":
            return name
        if self.code in CODES_NAMED_WITH_THE or NAMED_WITH_THE.search(name):
            return f"the {name}"
        return name

    @property
    def iso_lower(self):
        """The ISO code in lower case, as the country's web address has it ("ph")."""
        return self.code.lower()


# Names of bodies that English writes with "the": "the World Bank", "the Seoul Human
# Resource Development Center".
NAMED_AS_A_BODY = re.compile(
    r"\b(?:Academy|Agency|Alliance|Association|Authority|Bank|Cent(?:er|re)|Commission"
    r"|Corporation|Council|Department|Federation|Forum|Foundation|Fund|Institute|Ministry"
    r"|Network|Office|Organi[sz]ation|Secretariat|Society|Union|University)\b"
)


@reversion.register()
class Organisation(NaturalKeyMixin, models.Model):
    """A partner, co-organiser or other body WeGO works with (WeGO itself included)."""

    name = models.CharField(max_length=200, unique=True, help_text="Full official name.")
    acronym = models.CharField(max_length=30, blank=True, help_text="Short form, e.g. “NIA”.")
    website = models.URLField(blank=True, help_text="Leave empty if unknown.")

    objects = NaturalKeyManager("name")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def name_in_sentence(self):
        """The name as a sentence writes it after a preposition: a body named for what it
        is takes "the" ("the World Bank", "the Ministry of the Interior & Safety"); any
        other name is written as it is."""
        name = str(self)
        if name[:4].lower() != "the " and NAMED_AS_A_BODY.search(self.name):
            return f"the {name}"
        return name


class ContactQuerySet(models.QuerySet):
    def of_public_programs(self):
        """The people to contact about the public programs, by name (landing page, footer)."""
        return self.filter(published_q("programs__")).distinct().order_by("name")


@reversion.register()
class Contact(NaturalKeyMixin, models.Model):
    honorific = models.CharField(max_length=10, blank=True, help_text="“Mr.”, “Ms.”, “Dr.” …")
    name = models.CharField(max_length=150)
    email = models.EmailField(unique=True)
    role = models.CharField(
        max_length=200, blank=True, help_text="What to contact this person about, if known."
    )

    objects = NaturalKeyManager.from_queryset(ContactQuerySet)("email")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.honorific} {self.name}".strip()

    @property
    def name_on_page(self):
        """The full name as pages set it: the honorific held to the name by a non-breaking
        space, so no line ends after “Ms.”."""
        return f"{self.honorific}\u00a0{self.name}" if self.honorific else self.name


@reversion.register()
class RegionalOffice(NaturalKeyMixin, models.Model):
    name = models.CharField(max_length=150, help_text="E.g. “WeGO Regional Office for Asia”.")
    slug = models.SlugField(unique=True)
    region = models.CharField(max_length=50, help_text="The world region it serves, e.g. “Asia”.")
    city = models.CharField(max_length=100, help_text="Where the office is, e.g. “Chengdu”.")
    place = models.ForeignKey(
        "programs.Place",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regional_offices",
        help_text="The city or region of the office, for the map.",
    )
    training_since = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="First year it organized training, if known."
    )

    objects = NaturalKeyManager("slug")

    class Meta:
        ordering = ["region"]

    def __str__(self):
        return self.name
