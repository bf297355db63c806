"""The texts of decision emails, written by the secretariat.

They are django-post-office's own email templates, one per status, named
`decision-<status>`; `DecisionEmail` is a proxy that shows them under Applications with
the fields the secretariat needs. The texts are the only template code an email has:
applications.emails fills them with the application's values as context.
"""

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from post_office.models import EmailTemplate

from applications.models.applicants import ApplicationStatus

NAME_PREFIX = "decision-"
PLACEHOLDERS = (
    "{{ name }}, {{ reference }}, {{ edition }}, {{ edition_dates }}, {{ venue }}, {{ contacts }}"
)


class DecisionEmailManager(models.Manager):
    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(name__startswith=NAME_PREFIX, language="", default_template=None)
        )

    def by_status(self):
        return {template.status: template for template in self.all()}


# Versions are kept under this proxy (its admin's history), not post_office's model.
@reversion.register(for_concrete_model=False)
class DecisionEmail(EmailTemplate):
    """One email text per decision (accepted, waitlisted, declined …)."""

    objects = DecisionEmailManager()

    public_content = False

    class Meta:
        proxy = True
        ordering = ["name"]
        verbose_name = "decision email"

    def __str__(self):
        status = self.status
        label = ApplicationStatus(status).label if status in ApplicationStatus else status
        return f"Email when {label.lower()}"

    @property
    def status(self):
        return self.name.removeprefix(NAME_PREFIX)

    @status.setter
    def status(self, value):
        self.name = NAME_PREFIX + value

    def clean(self):
        """Each text must fill in: it is tried on a sample application."""
        from applications.emails import SAMPLE_CONTEXT, render_text

        for field in ("subject", "content"):
            try:
                render_text(getattr(self, field), SAMPLE_CONTEXT)
            except Exception as error:  # any failure is the editor's to fix
                raise ValidationError({field: f"This text cannot be filled in: {error}"}) from None
        duplicate = DecisionEmail.objects.filter(name=self.name).exclude(pk=self.pk)
        if duplicate.exists():
            raise ValidationError(
                {"name": "There is a text for this status already; change that one."}
            )

    def render(self, application):
        """(subject, body) for one application; plain text, nothing escaped."""
        from applications.emails import decision_context, render_text

        context = decision_context(application)
        subject = render_text(self.subject, context)
        return " ".join(subject.split()), render_text(self.content, context)
