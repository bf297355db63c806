"""Applications: who applied to which call, their document, and the secretariat's
decisions with the history of each."""

import re
import secrets

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django_countries.fields import CountryField

from applications.addresses import normalise_address
from applications.documents import private_storage, random_document_name
from applications.models.calls import Call
from programs.models import Country, Participant
from wego_site.core.countries import OneNamePerCountry

TEXT_LIMIT = 2000
# A phone number: digits, spaces, dashes, dots, parentheses and one leading +.
PHONE_NUMBER = re.compile(r"\+?[0-9 ().-]*[0-9][0-9 ().-]*")
# From six digits ("0" or "+()-." is no number to call) to fifteen, the most an
# international number has (ITU-T E.164).
validate_phone_number = RegexValidator(
    rf"\A(?=(?:\D*\d){{6}})(?!(?:\D*\d){{16}})(?:{PHONE_NUMBER.pattern})\Z",
    "Enter your phone number in digits, with the country code, e.g. +82 2 123 4567 "
    "(spaces, dashes, dots and brackets may part them), or leave it empty.",
)
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud safely


class Honorific(models.TextChoices):
    MR = "Mr.", "Mr."
    MS = "Ms.", "Ms."
    MX = "Mx.", "Mx."
    DR = "Dr.", "Dr."
    PROF = "Prof.", "Prof."


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    UNDER_REVIEW = "under-review", "Under review"
    ACCEPTED = "accepted", "Accepted"
    WAITLISTED = "waitlisted", "Waitlisted"
    DECLINED = "declined", "Declined"
    CONFIRMED = "confirmed", "Confirmed"
    WITHDRAWN = "withdrawn", "Withdrawn"


S = ApplicationStatus
# Which status may follow which: the selection's way, with room to change one's mind.
NEXT_STATUSES = {
    S.SUBMITTED: {S.UNDER_REVIEW, S.ACCEPTED, S.WAITLISTED, S.DECLINED, S.WITHDRAWN},
    S.UNDER_REVIEW: {S.ACCEPTED, S.WAITLISTED, S.DECLINED, S.WITHDRAWN},
    S.WAITLISTED: {S.ACCEPTED, S.DECLINED, S.WITHDRAWN},
    S.ACCEPTED: {S.CONFIRMED, S.WITHDRAWN, S.WAITLISTED, S.DECLINED},
    S.DECLINED: {S.UNDER_REVIEW},
    S.CONFIRMED: {S.WITHDRAWN},
    S.WITHDRAWN: set(),
}
PARTICIPATING = {S.ACCEPTED, S.CONFIRMED}


def new_reference():
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


class ApplicationQuerySet(models.QuerySet):
    def due_for_retention(self, today=None, months=None):
        """Applications kept long enough: their edition ended `months` ago or more
        (settings.APPLICATION_RETENTION_MONTHS), not anonymised yet."""
        months = settings.APPLICATION_RETENTION_MONTHS if months is None else months
        cutoff = (today or timezone.localdate()) - relativedelta(months=months)
        return self.filter(call__edition__end_date__lt=cutoff, anonymised_at__isnull=True)


class Application(models.Model):
    # Who the applicant is, in the order the form and the admin ask for it.
    APPLICANT_FIELDS = [
        "honorific",
        "name",
        "position",
        "organisation",
        "city",
        "country",
        "email",
        "phone",
    ]

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    reference = models.CharField(max_length=9, unique=True, default=new_reference, editable=False)
    honorific = models.CharField(max_length=5, choices=Honorific.choices, blank=True)
    name = models.CharField("full name", max_length=150)
    position = models.CharField(max_length=200, help_text="Job title, e.g. “Director of IT”.")
    organisation = models.CharField(
        max_length=200,
        help_text="City government or public body, e.g. “Seoul Metropolitan Government”.",
    )
    city = models.CharField(max_length=100)
    country = CountryField(
        countries=OneNamePerCountry,
        blank_label="Choose a country",
        help_text="Any country or territory in ISO 3166, stored as its two-letter code.",
    )
    email = models.EmailField(
        help_text=(
            "Stored in lower case (a domain with accented letters in its xn-- form), so "
            "the same address is recognised however it was typed. One application per "
            "address per call."
        )
    )
    phone = models.CharField(max_length=40, blank=True, validators=[validate_phone_number])
    motivation = models.TextField(validators=[MaxLengthValidator(TEXT_LIMIT)])
    plans = models.TextField(
        "how the city will use what is learnt", validators=[MaxLengthValidator(TEXT_LIMIT)]
    )
    document = models.FileField(storage=private_storage, upload_to=random_document_name, blank=True)
    consented_at = models.DateTimeField(
        "consented to the privacy notice", help_text="When the applicant ticked the consent box."
    )
    status = models.CharField(
        max_length=12, choices=ApplicationStatus.choices, default=S.SUBMITTED, db_index=True
    )
    reviewer_notes = models.TextField(
        blank=True, help_text="Seen only by the secretariat; never sent to the applicant."
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The city or body listed on the edition page for this application.",
    )
    decision_emailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApplicationQuerySet.as_manager()

    # Applications are not content: saving one changes no public page.
    public_content = False

    class Meta:
        ordering = ["-submitted_at"]
        permissions = [("review_application", "Can review applications and read their documents")]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "email"],
                name="one_application_per_email_per_call",
                violation_error_message="An application from this email address has been received already.",
            )
        ]

    def __str__(self):
        return f"{self.reference} {self.name}".strip()

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.email and self.anonymised_at is None:
            try:
                self.email = normalise_address(self.email)
            except ValidationError as error:
                raise ValidationError({"email": error.messages}) from None

    def get_document_url(self):
        """The admin's checked download view: the only way to the file."""
        return reverse("admin:applications_application_document", args=[self.pk])

    @property
    def full_name(self):
        return f"{self.honorific} {self.name}".strip()

    def allowed_statuses(self):
        return NEXT_STATUSES[ApplicationStatus(self.status)]

    @transaction.atomic
    def change_status(self, status, user=None, note=""):
        """Move to `status` if the selection's way allows it; records who and when.
        Returns whether it moved."""
        if status == self.status or status not in self.allowed_statuses():
            return False
        StatusChange.objects.create(
            application=self, from_status=self.status, to_status=status, changed_by=user, note=note
        )
        self.status = status
        self.save(update_fields=["status", "updated_at"])
        return True

    def listing_on_edition_page(self, *, save=False):
        """How `make_participant` lists this applicant: the body's name (organisation, else
        city), its country and the participant the edition lists already under that name
        (in any case) and country, or None. With `save=False` nothing is written: a country
        the site has no row for yet is returned unsaved (its `pk` is None)."""
        name = self.organisation or self.city
        country = Country.objects.for_code(self.country.code, self.country.name, save=save)
        participant = None
        if country.pk is not None:
            participant = (
                Participant.objects.filter(
                    edition=self.call.edition, name__iexact=name, country=country
                )
                .order_by("position", "pk")
                .first()
            )
        return name, country, participant

    @transaction.atomic
    def make_participant(self):
        """List this applicant's organisation (or city) and country on the edition page.

        The country is the site's row with the application's ISO code, added from the ISO
        data when the site has none yet. Two applicants of one body share its entry, and a
        body the edition lists already (under that name, in any case, and country) is
        linked as it is. Returns the participant and whether it was added now, or
        (None, False) when the application is not accepted or confirmed."""
        if self.status not in PARTICIPATING:
            return None, False
        if self.participant_id:
            return self.participant, False
        edition = self.call.edition
        name, country, participant = self.listing_on_edition_page(save=True)
        added = participant is None
        if added:
            last = Participant.objects.filter(edition=edition).order_by("-position").first()
            participant = Participant.objects.create(
                edition=edition,
                name=name,
                country=country,
                position=(last.position + 1) if last else 0,
            )
        self.participant = participant
        self.save(update_fields=["participant", "updated_at"])
        return participant, added

    def anonymise(self):
        """Remove everything that identifies the applicant, here and in the admin's
        history and versions; keep country, status and dates for the figures. The
        document is deleted once the change is committed."""
        from applications.retention import forget_in_history, identifying_texts

        texts = identifying_texts(self)
        if self.document:
            name = self.document.name
            storage = self.document.storage
            transaction.on_commit(lambda: storage.delete(name))
        self.honorific = ""
        self.name = self.position = self.organisation = self.city = self.phone = ""
        self.motivation = self.plans = self.reviewer_notes = ""
        self.email = f"anonymised-{self.pk}@invalid"
        self.document = ""
        self.anonymised_at = timezone.now()
        self.save()
        self.status_changes.update(note="")
        forget_in_history(self, texts, str(self))


class StatusChange(models.Model):
    """One step of an application's selection: from what to what, by whom, when."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=12, choices=ApplicationStatus.choices)
    to_status = models.CharField(max_length=12, choices=ApplicationStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    changed_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=200, blank=True)

    public_content = False

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"
