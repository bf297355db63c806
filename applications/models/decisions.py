"""The texts of decision emails, written by the secretariat."""

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.template import Context, Template, TemplateSyntaxError

from applications.models.applicants import ApplicationStatus

PLACEHOLDERS = (
    "{{ name }}, {{ reference }}, {{ edition }}, {{ edition_dates }}, {{ venue }}, {{ contacts }}"
)


@reversion.register()
class DecisionEmail(models.Model):
    """One email text per decision (accepted, waitlisted, declined …)."""

    status = models.CharField(
        max_length=12,
        choices=ApplicationStatus.choices,
        unique=True,
        help_text="Sent to applications with this status.",
    )
    subject = models.CharField(max_length=200, help_text=f"May use {PLACEHOLDERS}.")
    body = models.TextField(help_text=f"Plain text. May use {PLACEHOLDERS}.")

    public_content = False

    class Meta:
        ordering = ["status"]

    def __str__(self):
        return f"Email when {self.get_status_display().lower()}"

    def clean(self):
        for field in ("subject", "body"):
            try:
                Template(getattr(self, field))
            except TemplateSyntaxError as error:
                raise ValidationError({field: f"This text cannot be filled in: {error}"}) from None

    def render(self, application):
        """(subject, body) for one application; plain text, nothing escaped."""
        from applications.emails import decision_context

        context = Context(decision_context(application), autoescape=False)
        subject = Template(self.subject).render(context)
        return " ".join(subject.split()), Template(self.body).render(context)
