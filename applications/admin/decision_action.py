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
    first_time = [a for a in ready if not a.decision_emailed_at]
    again_label = (
        "Email this applicant again"
        if len(emailed_before) == 1
        else f"Email these {len(emailed_before)} applicants again"
    )
    previews = [
        (
            application,
            not application.decision_emailed_at,
            *templates[application.status].render(application),
        )
        for application in (first_time + emailed_before)[:PREVIEW_COUNT]
    ]
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Email the decision",
        "opts": modeladmin.model._meta,
        "applications": applications,
        "ready": ready,
        "left_out": left_out,
        "emailed_before": emailed_before,
        "who_gets_it": who_gets_it(
            len(applications), len(first_time), len(emailed_before), again_label
        ),
        "again_label": again_label,
        "previews": previews,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/applications/decision_preview.html", context)


def who_gets_it(selected, first_time, emailed_before, again_label):
    """The preview's first sentence: how many of the `selected` applications get an email
    when Send is pressed as the page stands (`first_time`), and how many were emailed a
    decision before and get one only when `again_label` is ticked."""
    unless = f"gets nothing unless you tick “{again_label}” below"
    if selected == 1:
        if first_time:
            return "The selected application will get the email written for its status."
        if emailed_before:
            return f"The selected application was emailed a decision before: it {unless}."
        return "The selected application will get no email."
    if first_time == selected:
        sentence = (
            f"All {selected} selected applications will get the email written for their status"
        )
    elif not first_time:
        sentence = f"None of the {selected} selected applications will get an email"
    else:
        sentence = (
            f"{first_time} of the {selected} selected applications will get the email "
            "written for their status"
        )
    if emailed_before == 1:
        sentence += f"; 1 was emailed a decision before and {unless}"
    elif emailed_before:
        sentence += (
            f"; {emailed_before} were emailed a decision before and get nothing unless you "
            f"tick “{again_label}” below"
        )
    return sentence + "."
