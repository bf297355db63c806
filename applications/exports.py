"""A call's applications as CSV, for the selection committee."""

import csv

from django.http import HttpResponse
from django.utils import timezone

from applications.models.applicants import PHONE_NUMBER
from wego_site.core.date_text import zone_label

COLUMNS = [
    ("Reference", "reference"),
    ("Status", "get_status_display"),
    ("Title", "honorific"),
    ("Name", "name"),
    ("Position", "position"),
    ("Organisation", "organisation"),
    ("City", "city"),
    ("Country", "country.name"),
    ("Email", "email"),
    ("Phone", "phone"),
    ("Motivation", "motivation"),
    ("How the city will use it", "plans"),
    ("Submitted", "submitted_at"),
    ("Call", "call"),
]
# A cell starting with one of these is a formula to a spreadsheet: it is shown as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A phone number (PHONE_NUMBER, as the form and the admin check it) names no function and
# no other program, so it is written as typed.


def cell(application, attribute):
    value = application
    for name in attribute.split("."):
        value = getattr(value, name)
    value = value() if callable(value) else value
    if hasattr(value, "astimezone"):
        value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not PHONE_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_headings():
    """The columns' headings; a moment's heading names the zone its values are in, as
    the values are written for a spreadsheet to read ("2026-12-07 05:19")."""
    zone = zone_label(timezone.localtime())
    return [
        f"{title}, {zone}" if attribute.endswith("_at") else title for title, attribute in COLUMNS
    ]


def applications_csv_response(applications):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="applications-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # spreadsheets then read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(csv_headings())
    for application in applications.select_related("call__edition__program").order_by(
        "call", "submitted_at"
    ):
        writer.writerow([cell(application, attribute) for _, attribute in COLUMNS])
    return response
