"""The "send decision emails" action: preview each applicant's email, then queue them."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils import timezone

from applications import emails
from applications.models import DecisionEmail
from wego_site.core.templatetags.wego import count_text

PREVIEW_COUNT = 3


@admin.action(description="Email the decision to the selected applicants…", permissions=["review"])
def send_decision_emails(modeladmin, request, queryset):
    """First a page with each applicant's email as it will be sent; "Send" queues them.

    Each applicant gets the text written for their current status; applicants whose
    status has no text are listed and left out. Applicants who were emailed a decision
    before are listed with its date and emailed again only when that is ticked."""
    applications = list(queryset.select_related("call__edition__program"))
    templates = DecisionEmail.objects.by_status()
    ready = [a for a in applications if a.status in templates and a.anonymised_at is None]
    left_out = [a for a in applications if a not in ready]
    emailed_before = [a for a in ready if a.decision_emailed_at]
    if request.POST.get("confirm") == "send":
        again = request.POST.get("send_again") == "yes"
        to_send = ready if again else [a for a in ready if not a.decision_emailed_at]
        for application in to_send:
            emails.queue_decision(application, templates[application.status])
            application.decision_emailed_at = timezone.now()
            application.save(update_fields=["decision_emailed_at", "updated_at"])
            modeladmin.log_change(
                request, application, f"Decision email ({application.get_status_display()}) queued."
            )
        if to_send:
            goes = "it goes" if len(to_send) == 1 else "they go"
            message = (
                f"{count_text(len(to_send), 'decision email')} queued; {goes} out within minutes."
            )
        else:
            message = "No decision email queued."
        not_again = len(ready) - len(to_send)
        if not_again:
            message += (
                f" {count_text(not_again, 'applicant')} who had a decision email before "
                f"{'was' if not_again == 1 else 'were'} not emailed again."
            )
        modeladmin.message_user(request, message, messages.SUCCESS)
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
        "emailed_before": emailed_before,
        "previews": previews,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/applications/decision_preview.html", context)
