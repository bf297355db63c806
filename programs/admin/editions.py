"""Editions: their page in the admin, with their parts inline, the "Copy for next year"
action and the participants' import (import_participants.py)."""

import reversion
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from programs.admin.import_participants import ParticipantImportMixin
from programs.admin.parts import ParticipantInline, SiteVisitInline, TopicInline
from programs.models import Edition
from wego_site.core.admin import (
    AUDIT_FIELDSET,
    PHOTOGRAPH_FIELDSET,
    PUBLICATION_FIELDSET,
    PublishableAdmin,
)
from wego_site.core.admin import PublicationStateFilter as StateFilter
from wego_site.core.date_text import date_range_text


@admin.register(Edition)
class EditionAdmin(ParticipantImportMixin, PublishableAdmin):
    markdown_fields = ["body"]
    # Few, short columns so the list fits a 1280-pixel screen: the dates as one range,
    # the program by its short name; the title opens the edition.
    list_display = ["title", "program_short", "dates", "venue_city", "publication_state"]
    list_display_links = ["title"]
    list_filter = [StateFilter, "program__kind", "program"]
    list_select_related = ["program"]
    search_fields = ["title", "summary", "venue_city", "program__title"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["program", "venue_country", "venue_place", "co_organisers", "contacts"]
    inlines = [TopicInline, SiteVisitInline, ParticipantInline]
    actions = [*PublishableAdmin.actions, "copy_for_next_year"]
    fieldsets = [
        (None, {"fields": ["program", "title", "slug"]}),
        (
            "Dates and venue",
            {
                "fields": [
                    ("start_date", "end_date"),
                    ("venue_city", "venue_country"),
                    "venue_place",
                    "attendance",
                ]
            },
        ),
        ("Page", {"fields": ["summary", "body"]}),
        PHOTOGRAPH_FIELDSET,
        (
            "Who took part",
            {
                "fields": [
                    "co_organisers",
                    ("people_involved", "people_involved_note"),
                    "participant_count",
                ],
                "description": (
                    "The participating cities and bodies are listed below; to add many at "
                    "once, use “Import participants” (top right)."
                ),
            },
        ),
        ("Program document and video", {"fields": ["program_document", "video_url"]}),
        ("Contacts", {"fields": ["contacts"]}),
        PUBLICATION_FIELDSET,
        AUDIT_FIELDSET,
    ]
    change_form_template = "admin/programs/edition/change_form.html"

    @admin.display(description="program", ordering="program__title")
    def program_short(self, obj):
        return Truncator(obj.program.title).chars(40)

    @admin.display(description="dates", ordering="start_date")
    def dates(self, obj):
        return date_range_text(obj.start_date, obj.end_date)

    @admin.action(description="Copy for next year (as a new draft)", permissions=["add"])
    def copy_for_next_year(self, request, queryset):
        """A copy one year on. A page asks first when that year's dates are past already
        (offering the next year still ahead), and when the program has an edition in that
        year already (naming it), so that Go pressed twice makes no second copy."""
        editions = list(queryset.select_related("program"))
        today = timezone.localdate()
        past = [
            (edition, edition.start_date.year + 1, edition.next_future_year(today))
            for edition in editions
            if edition.next_future_year(today) > edition.start_date.year + 1
        ]
        choice = request.POST.get("copy_to")
        if past and choice not in ("next", "ahead"):
            return self.copy_question(
                request, "Copy for next year: the dates would be past", editions, past=past
            )
        years = [
            edition.next_future_year(today) if choice == "ahead" else edition.start_date.year + 1
            for edition in editions
        ]
        existing = self.editions_in_year(editions, years)
        if existing and request.POST.get("copy_again") != "yes":
            return self.copy_question(
                request,
                "Copy for next year: that year has an edition already",
                editions,
                existing=existing,
                copy_to=choice,
            )
        copies = [
            edition.copy_for_next_year(year) for edition, year in zip(editions, years, strict=True)
        ]
        # The copies' first version (the revision the admin's changelist opens) says so.
        if reversion.is_active():
            reversion.set_comment(
                " ".join(
                    f"Copied from {edition} for {copy.start_date.year}."
                    for edition, copy in zip(editions, copies, strict=True)
                )
            )
        for copy in copies:
            self.message_user(
                request,
                format_html(
                    'Created the draft <a href="{}">{}</a> ({}). Check its dates and '
                    "topics, then publish it.",
                    reverse("admin:programs_edition_change", args=[copy.pk]),
                    copy.title,
                    date_range_text(copy.start_date, copy.end_date),
                ),
                messages.SUCCESS,
            )
        if len(copies) == 1:
            return redirect("admin:programs_edition_change", copies[0].pk)
        return None

    def editions_in_year(self, editions, years):
        """For each edition whose program has an edition in the year it would be copied
        to, a sentence naming that program's editions of that year, with links to them."""
        sentences = []
        for edition, year in zip(editions, years, strict=True):
            found = Edition.objects.filter(program=edition.program, start_date__year=year).order_by(
                "start_date", "pk"
            )
            if not found:
                continue
            named = format_html_join(
                ", ",
                '<a href="{}">{}</a> ({}, {})',
                (
                    (
                        reverse("admin:programs_edition_change", args=[other.pk]),
                        other.title,
                        date_range_text(other.start_date, other.end_date),
                        self.publication_state(other).lower(),
                    )
                    for other in found
                ),
            )
            sentences.append(
                format_html(
                    "{} has {} in {} already: {}.",
                    edition.program.title,
                    "an edition" if len(found) == 1 else f"{len(found)} editions",
                    year,
                    named,
                )
            )
        return sentences

    def copy_question(self, request, title, editions, **questions):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "editions": editions,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            **questions,
        }
        return TemplateResponse(request, "admin/programs/edition/copy_for_next_year.html", context)
