"""Reviewing applications: lists per call, status steps with their history, decision
emails, participants, the CSV export and the only way to an applicant's document."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.html import format_html
from django_countries.filters import CountryFilter

from applications.admin.decision_action import send_decision_emails
from applications.admin.participants_action import make_participants
from applications.documents import document_response
from applications.exports import applications_csv_response
from applications.models import Application, ApplicationStatus, Call, StatusChange
from wego_site.core.date_text import moment_text

REVIEW_PERMISSION = "applications.review_application"


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    fields = ["changed_at", "from_status", "to_status", "changed_by", "note"]
    readonly_fields = fields
    verbose_name = "status change"
    verbose_name_plural = "History of the status (who, when)"

    def has_add_permission(self, request, obj=None):
        return False


class CallFilter(admin.RelatedFieldListFilter):
    """The calls by their edition's title naming its program, as in the list's "call"
    column: two programs' editions may share a title ("Training Program, March 2017")."""

    def field_choices(self, field, request, model_admin):
        calls = Call.objects.select_related("edition__program").order_by("-edition__start_date")
        return [(call.pk, call.edition.full_title) for call in calls]


def apply_to_each(modeladmin, request, applications, step, done, skipped, logged):
    """Run `step` on each application and say how many it changed (`step` returned a true
    value) and how many it left; `done` and `skipped` are formatted with those counts.
    Each change is written in the application's history as `logged`."""
    changed = left = 0
    for application in applications:
        if step(application):
            modeladmin.log_change(request, application, logged)
            changed += 1
        else:
            left += 1
    message = done.format(changed)
    if left:
        message += " " + skipped.format(left)
    modeladmin.message_user(request, message, messages.SUCCESS)


def status_action(status):
    label = ApplicationStatus(status).label.lower()

    @admin.action(description=f"Mark the selected applications as {label}", permissions=["review"])
    def action(modeladmin, request, queryset):
        apply_to_each(
            modeladmin,
            request,
            queryset,
            lambda application: application.change_status(status, user=request.user),
            done=f"{{}} marked as {label}.",
            logged=f"Marked as {label}.",
            skipped="{} left as they were (that step does not follow their status).",
        )

    action.__name__ = f"mark_{status.replace('-', '_')}"
    return action


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "full_name",
        "organisation",
        "country",
        "applied_to",
        "status",
        "submitted",
        "on_edition_page",
    ]
    list_filter = [("call", CallFilter), "status", ("country", CountryFilter), "submitted_at"]
    list_select_related = ["call__edition__program"]
    search_fields = ["reference", "name", "email", "organisation", "city", "position"]
    date_hierarchy = "submitted_at"
    inlines = [StatusChangeInline]
    readonly_fields = [
        "reference",
        "call",
        "status",
        "document_link",
        "submitted_at",
        "consented_at",
        "decision_emailed_at",
        "participant",
    ]
    fieldsets = [
        (None, {"fields": ["reference", "call", "status", "submitted_at"]}),
        (
            "Applicant",
            {"fields": Application.APPLICANT_FIELDS},
        ),
        ("Application", {"fields": ["motivation", "plans", "document_link", "consented_at"]}),
        (
            "Review",
            {
                "fields": ["reviewer_notes", "decision_emailed_at", "participant"],
                "description": (
                    "Change the status with the actions of the list (select, then choose "
                    "the action): each step is recorded below with who made it and when."
                ),
            },
        ),
    ]
    actions = [
        *(
            status_action(status)
            for status in ApplicationStatus
            if status != ApplicationStatus.SUBMITTED
        ),
        send_decision_emails,
        make_participants,
        "export_csv",
    ]

    def has_add_permission(self, request):
        return False  # applications arrive through the public form only

    def has_review_permission(self, request):
        return request.user.has_perm(REVIEW_PERMISSION)

    def has_view_permission(self, request, obj=None):
        return self.has_review_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_review_permission(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_review_permission(request) and super().has_delete_permission(request, obj)

    @admin.display(description="call", ordering="call__edition__start_date")
    def applied_to(self, application):
        return application.call.edition.full_title

    @admin.display(description="submitted", ordering="submitted_at")
    def submitted(self, application):
        return moment_text(application.submitted_at)

    # "listed", as the action that lists them: short enough for the list to fit 1280 pixels.
    @admin.display(description="listed", boolean=True)
    def on_edition_page(self, application):
        return application.participant_id is not None

    @admin.display(description="document")
    def document_link(self, application):
        if not application.document:
            return "None (removed after the retention period)"
        return format_html('<a href="{}">Open the PDF</a>', application.get_document_url())

    @admin.action(description="Export the selected applications as CSV", permissions=["review"])
    def export_csv(self, request, queryset):
        for application in queryset:
            self.log_change(request, application, "Exported in a CSV file.")
        return applications_csv_response(queryset)

    def get_urls(self):
        return [
            path(
                "<int:pk>/document/",
                self.admin_site.admin_view(self.document_view),
                name="applications_application_document",
            ),
            *super().get_urls(),
        ]

    def document_view(self, request, pk):
        """The applicant's PDF, for reviewers only; never cached, always downloaded."""
        if not self.has_review_permission(request):
            raise PermissionDenied
        application = get_object_or_404(Application, pk=pk)
        if not application.document:
            raise Http404("This application has no document.")
        return document_response(
            application.document, filename=f"application-{application.reference}.pdf"
        )
