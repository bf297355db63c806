"""The admin's page that imports an edition's participants from a CSV file
(programs/participant_import.py reads and saves them): a preview of every line, then
"Import"."""

import reversion
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path

from programs.models import Edition, Participant
from programs.participant_import import (
    SEPARATORS,
    ImportFileError,
    decode_upload,
    read_participants,
    save_participants,
    sniff_separator,
    unplaced,
)


class ParticipantImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        required=False,
        help_text=(
            "A spreadsheet saved as CSV (UTF-8) whose first line is “name,country” (or "
            "“name,city,country” when names are bodies'); one participating city or body "
            "per line."
        ),
    )
    csv_text = forms.CharField(required=False, widget=forms.HiddenInput)


class ParticipantImportMixin:
    """An edition's admin with an "Import participants" page (linked from its change form,
    templates/admin/programs/edition/change_form.html)."""

    def get_urls(self):
        return [
            path(
                "<int:object_id>/import-participants/",
                self.admin_site.admin_view(self.import_participants_view),
                name="programs_edition_import_participants",
            ),
            *super().get_urls(),
        ]

    def import_participants_view(self, request, object_id):
        edition = get_object_or_404(Edition.objects.select_related("program"), pk=object_id)
        participant_admin = self.admin_site._registry.get(Participant)
        if not (
            self.has_change_permission(request, edition)
            and participant_admin is not None
            and participant_admin.has_add_permission(request)
        ):
            raise PermissionDenied
        form = ParticipantImportForm(request.POST or None, request.FILES or None)
        rows = None
        file_error = None
        csv_text = ""
        if request.method == "POST" and form.is_valid():
            try:
                if form.cleaned_data["file"]:
                    csv_text = decode_upload(form.cleaned_data["file"])
                else:
                    csv_text = form.cleaned_data["csv_text"]
                if not csv_text:
                    raise ImportFileError("Choose a CSV file to import.")
                rows = read_participants(csv_text, edition)
            except ImportFileError as error:
                file_error = str(error)
                rows = None
            if rows and "confirm" in request.POST and not any(row.errors for row in rows):
                # One version of the edition, with its new participants, in its history.
                with reversion.create_revision():
                    saved = save_participants(edition, rows)
                    reversion.add_to_revision(edition)
                    reversion.set_user(request.user)
                    reversion.set_comment(f"Imported {len(saved)} participants from a CSV file.")
                self.message_user(
                    request, f"Added {len(saved)} participants to {edition}.", messages.SUCCESS
                )
                not_placed = unplaced(rows)
                if not_placed:
                    self.message_user(
                        request,
                        f"{len(not_placed)} of them could not be placed on the map; choose "
                        "their place below. "
                        + " ".join(
                            f"Line {row.line}, {row.name} ({row.country}): {row.place_problem}"
                            for row in not_placed
                        ),
                        messages.WARNING,
                    )
                return redirect("admin:programs_edition_change", edition.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Import participants of {edition}",
            "opts": self.model._meta,
            "edition": edition,
            "form": ParticipantImportForm(initial={"csv_text": csv_text}) if rows else form,
            "rows": rows,
            "error_count": sum(1 for row in rows if row.errors) if rows else 0,
            "file_error": file_error,
            "separator": SEPARATORS[sniff_separator(csv_text)] if rows else "",
        }
        return TemplateResponse(request, "admin/programs/edition/import_participants.html", context)
