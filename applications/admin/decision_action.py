"""The "send decision emails" action: preview each applicant's email, then queue them."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils import timezone

from applications import emails
from applications.models import DecisionEmail

PREVIEW_COUNT = 3


@admin.action(description="Email the decision to the selected applicants…", permissions=["review"])
def send_decision_emails(modeladmin, request, queryset):
    """First a page with each applicant's email as it will be sent; "Send" queues them.

    Each applicant gets the text written for their current status; applicants whose
    status has no text are listed and left out."""
    applications = list(queryset.select_related("call__edition__program", "country"))
    templates = {template.status: template for template in DecisionEmail.objects.all()}
    ready = [a for a in applications if a.status in templates and a.anonymised_at is None]
    left_out = [a for a in applications if a not in ready]
    if request.POST.get("confirm") == "send":
        for application in ready:
            emails.queue_decision(application, templates[application.status])
            application.decision_emailed_at = timezone.now()
            application.save(update_fields=["decision_emailed_at", "updated_at"])
        modeladmin.message_user(
            request,
            f"{len(ready)} decision email(s) queued; they go out within minutes.",
            messages.SUCCESS,
        )
        return None
    previews = [
        (application, *templates[application.status].render(application))
        for application in ready[:PREVIEW_COUNT]
    ]
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Email the decision",
        "opts": modeladmin.model._meta,
        "applications": applications,
        "ready": ready,
        "left_out": left_out,
        "previews": previews,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/applications/decision_preview.html", context)
