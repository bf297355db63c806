"""Who and where: countries, organisations, contacts and WeGO's regional offices."""

import reversion
from django.db import models

from wego_site.core.natural_keys import NaturalKeyManager, NaturalKeyMixin


@reversion.register()
class Country(NaturalKeyMixin, models.Model):
    name = models.CharField(
        max_length=100, unique=True, help_text="As the secretariat writes it, e.g. “Korea”."
    )

    objects = NaturalKeyManager("name")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.name


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


@reversion.register()
class Contact(NaturalKeyMixin, models.Model):
    honorific = models.CharField(max_length=10, blank=True, help_text="“Mr.”, “Ms.”, “Dr.” …")
    name = models.CharField(max_length=150)
    email = models.EmailField(unique=True)
    role = models.CharField(
        max_length=200, blank=True, help_text="What to contact this person about, if known."
    )

    objects = NaturalKeyManager("email")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.honorific} {self.name}".strip()


@reversion.register()
class RegionalOffice(NaturalKeyMixin, models.Model):
    name = models.CharField(max_length=150, help_text="E.g. “WeGO Regional Office for Asia”.")
    slug = models.SlugField(unique=True)
    region = models.CharField(max_length=50, help_text="The world region it serves, e.g. “Asia”.")
    city = models.CharField(max_length=100, help_text="Where the office is, e.g. “Chengdu”.")
    training_since = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="First year it organised training, if known."
    )

    objects = NaturalKeyManager("slug")

    class Meta:
        ordering = ["region"]

    def __str__(self):
        return self.name
