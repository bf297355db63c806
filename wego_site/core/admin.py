"""The admin site's name, the pieces every content admin shares, and the site's own models."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from wego_site.core.date_text import moment_text, zone_label
from wego_site.core.formatted_text import render_markdown
from wego_site.core.images import CheckedImageFormField
from wego_site.core.models import Redirect
from wego_site.core.preview import preview_page
from wego_site.core.publishing import PublicationStatus

admin.site.site_header = f"{settings.SITE_NAME} — administration"
admin.site.site_title = admin.site.site_header
admin.site.index_title = "What would you like to edit?"

AUDIT_FIELDSET = (
    "Record",
    {
        "classes": ["collapse"],
        "fields": ["created", "last_changed"],
        "description": (
            "Filled in automatically. “History” (top right) lists every version: compare "
            "two, or bring an earlier one back."
        ),
    },
)
PUBLICATION_FIELDSET = (
    "Publication",
    {
        "fields": ["status", "published_at"],
        "description": (
            "Draft: never shown. Published: public from the publication time on; a time "
            "in the future schedules it, and it becomes public by itself. Times are "
            f"{zone_label(timezone.localtime())}."
        ),
    },
)

# For models with `wego_site.core.photos.HasPhoto`'s fields.
PHOTOGRAPH_FIELDSET = (
    "Photograph",
    {
        "fields": ["photo", "photo_alt_text", ("photo_caption", "photo_credit"), "photo_focus"],
        "classes": ["collapse"],
        "description": (
            "Optional: only a real photograph the secretariat has. The page looks "
            "complete without one."
        ),
    },
)


class PublicationStateFilter(admin.SimpleListFilter):
    """Draft, scheduled or public: publication words only ("Online" is a format)."""

    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("scheduled", "Scheduled (published, time to come)"),
            ("live", "Public now"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "draft":
            return queryset.drafts()
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "live":
            return queryset.published()
        return queryset


MARKDOWN_HINT = (
    "Formatting: a blank line starts a paragraph; ## Heading, **bold**, *italic*, "
    "[words](https://address) for a link, lines starting “- ” for a list, “> ” for a quote. "
    "“Preview the formatted text” (below) shows the result."
)


class ContentAdmin(CompareVersionAdmin):
    """Versions for every content admin (django-reversion): the history of each row, with
    its parts; compare two versions; revert to one; recover a deleted row.

    Each save or list action in the admin makes one version, commented with what changed;
    a deleted row keeps its last version, from which it can be recovered.
    `history_latest_first` puts the newest version at the top.
    """

    history_latest_first = True
    # Long texts written in Markdown: the change form offers a preview of them.
    markdown_fields = []
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.ImageField: {"form_class": CheckedImageFormField},
    }

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name in self.markdown_fields:
            field.help_text = " ".join(filter(None, [str(field.help_text), MARKDOWN_HINT]))
        return field

    # Reverting and recovering save the row through the change form; the request then
    # carries the version being brought back, so the message says what was done.
    def revision_view(self, request, object_id, version_id, extra_context=None):
        request.restored = ("reverted", int(version_id))
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        request.restored = ("recovered", int(version_id))
        return super().recover_view(request, version_id, extra_context)

    def response_change(self, request, obj):
        restored = getattr(request, "restored", None)
        if restored is None:
            return super().response_change(request, obj)
        how, version_id = restored
        if how == "reverted":
            saved = Version.objects.select_related("revision").get(pk=version_id)
            done = f"was reverted to its version of {moment_text(saved.revision.date_created)}"
        else:
            done = "was recovered"
        opts = self.opts
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        link = format_html('<a href="{}">{}</a>', url, obj)
        message = format_html("The {} “{}” {}.", opts.verbose_name, link, done)
        self.message_user(request, message, messages.SUCCESS)
        return self.response_post_save_change(request, obj)


class PublishableAdmin(ContentAdmin):
    """Status column and filter, publish/unpublish actions and a staff preview.

    The change form links to a preview when the row's public page can show a draft
    (its view is `wego_site.core.preview.Previewable`).
    """

    readonly_fields = ["created", "last_changed"]
    change_form_template = "admin/publishable_change_form.html"
    actions = ["publish", "unpublish"]
    date_hierarchy = "published_at"

    @admin.display(description="status", ordering="status")
    def publication_state(self, obj):
        if obj.status == PublicationStatus.DRAFT:
            return "Draft"
        if obj.published_at > timezone.now():
            return f"Scheduled for {moment_text(obj.published_at)}"
        return "Public"

    @admin.display(description="publication time", ordering="published_at")
    def publication_time(self, obj):
        return moment_text(obj.published_at)

    @admin.display(description="created")
    def created(self, obj):
        return moment_text(obj.created_at) if obj.pk else "—"

    @admin.display(description="last changed")
    def last_changed(self, obj):
        return moment_text(obj.updated_at) if obj.pk else "—"

    @admin.display(description="public", boolean=True)
    def is_public(self, obj):
        return obj.is_published

    def get_view_on_site_url(self, obj=None):
        """ "View on site" only where the page is public: a draft's page is a 404 to
        visitors (the preview shows it to staff), and so is a page of a draft program."""
        program = getattr(obj, "program", None)
        if obj is not None and (
            not obj.is_published or (program is not None and not program.is_published)
        ):
            return None
        return super().get_view_on_site_url(obj)

    def reason_not_to_publish(self, obj):
        """Why `obj` may not be published yet, as a sentence for the editor; None when it
        may. The change form checks the same rule."""
        return None

    @admin.action(description="Publish the selected items", permissions=["change"])
    def publish(self, request, queryset):
        live = scheduled = held = 0
        refused = []
        for obj in queryset:
            reason = self.reason_not_to_publish(obj)
            if reason:
                refused.append(f"“{obj}”: {reason}")
                continue
            if obj.status != PublicationStatus.PUBLISHED:
                obj.status = PublicationStatus.PUBLISHED
                obj.save()
            if obj.is_published:
                live += 1
            elif obj.published_at > timezone.now():
                scheduled += 1
            else:  # an edition whose program is still a draft
                held += 1
        message = f"{live} public now; {scheduled} scheduled (public from their publication time)."
        if held:
            message += f" {held} stay hidden until their program is published."
        self.message_user(request, message, messages.SUCCESS)
        if refused:
            self.message_user(request, "Not published: " + " ".join(refused), messages.WARNING)

    @admin.action(
        description="Unpublish the selected items (back to draft)", permissions=["change"]
    )
    def unpublish(self, request, queryset):
        count = 0
        for obj in queryset.exclude(status=PublicationStatus.DRAFT):
            obj.status = PublicationStatus.DRAFT
            obj.save()
            count += 1
        self.message_user(request, f"{count} back to draft (no longer public).", messages.SUCCESS)

    def get_urls(self):
        urls = super().get_urls()
        opts = self.model._meta
        if self.markdown_fields:
            urls = [
                path(
                    "preview-formatting/",
                    self.admin_site.admin_view(self.markdown_preview_view),
                    name=f"{opts.app_label}_{opts.model_name}_markdown_preview",
                ),
                *urls,
            ]
        if not hasattr(self.model, "get_absolute_url"):
            return urls
        return [
            path(
                "<int:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name=f"{opts.app_label}_{opts.model_name}_preview",
            ),
            *urls,
        ]

    def preview_view(self, request, object_id):
        """The row's public page, drafts included, for editors who may view or change it."""
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404("Nothing to preview: this item does not exist.")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        page = preview_page(obj)
        if page is None:
            raise Http404("This item is shown within a list, not on a page of its own.")
        view, args, kwargs = page
        return view(request, *args, **kwargs)

    def markdown_preview_view(self, request):
        """The long texts of the form being edited (not yet saved), formatted as on the site.

        The change form's “Preview the formatted text” button posts the form here; nothing
        is saved. Only for editors who may add or change this kind of content.
        """
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        opts = self.model._meta
        texts = [
            {
                "label": opts.get_field(name).verbose_name,
                "html": render_markdown(request.POST.get(name, "")),
            }
            for name in self.markdown_fields
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Preview of the formatted text",
            "opts": opts,
            "texts": texts,
        }
        return TemplateResponse(request, "admin/markdown_preview.html", context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if self.markdown_fields:
            opts = self.model._meta
            context["markdown_preview_url"] = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_markdown_preview"
            )
        if obj is not None and obj.pk and preview_page(obj) is not None:
            opts = self.model._meta
            context["preview_url"] = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_preview", args=[obj.pk]
            )
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    """Old addresses are recorded by themselves when a slug changes; fix or remove them here.

    Which seed files were loaded (SeedLoad) is the seed loader's own bookkeeping, not
    content, so it has no admin.
    """

    list_display = ["old_path", "new_path", "recorded"]
    search_fields = ["old_path", "new_path"]
    date_hierarchy = "created_at"
    readonly_fields = ["recorded"]
    fields = ["old_path", "new_path", "recorded"]

    @admin.display(description="recorded", ordering="created_at")
    def recorded(self, obj):
        return moment_text(obj.created_at) if obj.pk else "—"
