"""The admin site's name, the pieces every content admin shares, and the site's own models."""

from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from wego_site.core.images import CheckedImageFormField
from wego_site.core.models import Redirect, SeedLoad
from wego_site.core.publishing import PublicationStatus

admin.site.site_header = f"{settings.SITE_NAME} — administration"
admin.site.site_title = admin.site.site_header
admin.site.index_title = "What would you like to edit?"

AUDIT_FIELDSET = (
    "Record",
    {
        "classes": ["collapse"],
        "fields": ["created_at", "updated_at"],
        "description": "Filled in automatically. “History” (top right) shows every change.",
    },
)
PUBLICATION_FIELDSET = (
    "Publication",
    {
        "fields": ["status", "published_at"],
        "description": (
            "Draft: never shown. Published: shown from the publication time on; a time "
            "in the future schedules it, and it goes online by itself."
        ),
    },
)


class PublicationStateFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("scheduled", "Scheduled (published, time to come)"),
            ("live", "Online now"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "draft":
            return queryset.drafts()
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "live":
            return queryset.published()
        return queryset


class ContentAdmin(SimpleHistoryAdmin):
    """History (compare, revert) for every content admin."""

    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.ImageField: {"form_class": CheckedImageFormField},
    }


class PublishableAdmin(ContentAdmin):
    """Status column and filter, publish/unpublish actions and a staff preview.

    Set `preview_view` to a view built from the public detail view and
    `wego_site.core.preview.PreviewMixin` to get a "Preview" link on the change form.
    """

    preview_view = None
    readonly_fields = ["created_at", "updated_at"]
    change_form_template = "admin/publishable_change_form.html"
    actions = ["publish", "unpublish"]
    date_hierarchy = "published_at"

    @admin.display(description="status", ordering="status")
    def publication_state(self, obj):
        if obj.status == PublicationStatus.DRAFT:
            return "Draft"
        if obj.published_at > timezone.now():
            return format_html(
                "Scheduled for {}", date_format(timezone.localtime(obj.published_at), "j M Y H:i")
            )
        return "Online"

    @admin.display(description="online", boolean=True)
    def is_online(self, obj):
        return obj.is_published

    @admin.action(description="Publish the selected items", permissions=["change"])
    def publish(self, request, queryset):
        live = scheduled = held = 0
        for obj in queryset:
            if obj.status != PublicationStatus.PUBLISHED:
                obj.status = PublicationStatus.PUBLISHED
                obj.save()
            if obj.is_published:
                live += 1
            elif obj.published_at > timezone.now():
                scheduled += 1
            else:  # an edition whose program is still a draft
                held += 1
        message = f"{live} online now; {scheduled} scheduled (online at their publication time)."
        if held:
            message += f" {held} stay hidden until their program is published."
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(
        description="Unpublish the selected items (back to draft)", permissions=["change"]
    )
    def unpublish(self, request, queryset):
        count = 0
        for obj in queryset.exclude(status=PublicationStatus.DRAFT):
            obj.status = PublicationStatus.DRAFT
            obj.save()
            count += 1
        self.message_user(request, f"{count} taken offline (now drafts).", messages.SUCCESS)

    def get_urls(self):
        urls = super().get_urls()
        if self.preview_view is None:
            return urls
        opts = self.model._meta
        return [
            path(
                "<int:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view.as_view()),
                name=f"{opts.app_label}_{opts.model_name}_preview",
            ),
            *urls,
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk and self.preview_view is not None:
            opts = self.model._meta
            context["preview_url"] = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_preview", args=[obj.pk]
            )
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    """Old addresses are recorded by themselves when a slug changes; fix or remove them here."""

    list_display = ["old_path", "new_path", "created_at"]
    search_fields = ["old_path", "new_path"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at"]
    fields = ["old_path", "new_path", "created_at"]


@admin.register(SeedLoad)
class SeedLoadAdmin(admin.ModelAdmin):
    """Read-only: which seed files have been loaded (so they are never loaded twice)."""

    list_display = ["fixture", "loaded_at"]
    readonly_fields = ["fixture", "loaded_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
