"""A call for applications: when an edition takes applications, from whom, on what terms."""

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from applications.time_zones import validate_time_zone
from programs.models import Contact, Edition
from wego_site.core.date_text import day_text, moment_html, moment_text, utc_text
from wego_site.core.publishing import Publishable, PublishableQuerySet, published_q


class CallState(models.TextChoices):
    UPCOMING = "upcoming", "Opens soon"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class CallQuerySet(PublishableQuerySet):
    def published(self):
        """Public calls of public editions of public programs."""
        return (
            super().published().filter(published_q("edition__"), published_q("edition__program__"))
        )

    def upcoming_moments(self):
        """When a published call opens or closes next: a page that shows a call changes
        then, by the clock alone. The page cache starts a new content generation at the
        earliest of these (wego_site.pagecache.generation)."""
        now = timezone.now()
        calls = self.filter(status="published").order_by()
        return [
            calls.filter(opens_at__gt=now).values_list("opens_at", flat=True),
            calls.filter(closes_at__gt=now).values_list("closes_at", flat=True),
        ]


# Its contacts are links stored with the call's own version.
@reversion.register()
class Call(Publishable):
    edition = models.OneToOneField(
        Edition,
        on_delete=models.PROTECT,
        related_name="call",
        help_text="The edition people apply to. An edition has at most one call.",
    )
    opens_at = models.DateTimeField(
        "opens", help_text="From this moment the form takes applications (in the zone below)."
    )
    closes_at = models.DateTimeField(
        "deadline",
        help_text="The deadline. A form sent after it is refused, even if opened before.",
    )
    time_zone = models.CharField(
        max_length=64,
        default="Asia/Seoul",
        validators=[validate_time_zone],
        help_text="The zone the dates are given and shown in, e.g. “Asia/Seoul”.",
    )
    eligibility = models.TextField(
        help_text="Who may apply, e.g. “City officials working on e-government, nominated by their city”."
    )
    places = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many participants will be selected, if known."
    )
    languages = models.CharField("working languages", max_length=200, help_text="E.g. “English”.")
    costs = models.TextField(
        "cost and what is covered",
        help_text="What participants pay and what WeGO or the partner covers (travel, stay, meals …).",
    )
    documents = models.TextField(
        "what to upload",
        default="A nomination letter from your city, or your CV, as one PDF.",
        help_text="What applicants attach, as one PDF file.",
    )
    contacts = models.ManyToManyField(
        Contact,
        blank=True,
        related_name="calls",
        help_text="Whom applicants write to with questions, or to change an application.",
    )

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-closes_at"]
        verbose_name = "call for applications"
        verbose_name_plural = "calls for applications"
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="call_closes_after_it_opens",
                violation_error_message="A call must close after it opens.",
            )
        ]

    def __str__(self):
        """Named by its edition's program and dates, as the committee's spreadsheet and the
        admin show it: two programs' editions may share a title."""
        return f"Call for applications: {self.edition.label}"

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": "The deadline is before the opening. A call closes after it opens."}
            )

    # Whose contacts applicants are sent to, in the order they are looked for.
    CONTACT_SOURCES = {
        "call": "the call's own contacts",
        "edition": "the edition's contacts (the call names none)",
        "program": "the program's contacts (the call and the edition name none)",
        "site": "the site's contacts (the call, the edition and the program name none)",
    }

    def question_contacts_with_source(self):
        """Whom applicants write to with questions, and whose contacts they are: the
        call's, else the edition's, else the program's, else those of every public
        program. Prefetch `contacts`, `edition__contacts`, `edition__program__contacts`."""
        edition = self.edition
        for source, contacts in (
            ("call", self.contacts.all() if self.pk else []),
            ("edition", edition.contacts.all()),
            ("program", edition.program.contacts.all()),
        ):
            if contacts:
                return list(contacts), source
        return list(Contact.objects.of_public_programs()), "site"

    def question_contacts(self):
        return self.question_contacts_with_source()[0]

    def get_absolute_url(self):
        edition = self.edition
        return reverse(
            "applications:apply",
            kwargs={"program_slug": edition.program.slug, "slug": edition.slug},
        )

    def state(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return CallState.UPCOMING
        if now < self.closes_at:
            return CallState.OPEN
        return CallState.CLOSED

    @property
    def is_open(self):
        return self.state() == CallState.OPEN

    @property
    def is_over(self):
        return self.state() == CallState.CLOSED

    # A call's moments are written in its own zone and in UTC, for applicants anywhere.
    @property
    def opens_text(self):
        return moment_text(self.opens_at, self.time_zone, with_utc=True)

    @property
    def opens_html(self):
        return moment_html(self.opens_at, self.time_zone, with_utc=True)

    @property
    def opened_on_text(self):
        """The day the call opened, in its zone: “7 December 2026” (the deadline alone is
        written to the minute)."""
        return day_text(self.opens_at, self.time_zone)

    @property
    def closes_text(self):
        return moment_text(self.closes_at, self.time_zone, with_utc=True)

    @property
    def closes_html(self):
        return moment_html(self.closes_at, self.time_zone, with_utc=True)

    @property
    def closes_local_html(self):
        """The deadline in the call's zone alone, for a sentence that gives its UTC apart."""
        return moment_html(self.closes_at, self.time_zone)

    @property
    def closes_utc_text(self):
        """The deadline in UTC (“5 January, 23:48 UTC”); empty for a call kept at UTC."""
        return utc_text(self.closes_at, self.time_zone)

    def state_text(self, now=None):
        """ "Opens on …", "Open until …" or "Closed on …", with the zone named."""
        state = self.state(now)
        if state == CallState.UPCOMING:
            return f"Opens on {self.opens_text}"
        if state == CallState.OPEN:
            return f"Open until {self.closes_text}"
        return f"Closed on {self.closes_text}"
