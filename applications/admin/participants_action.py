"""The "list on the edition page" action: show per edition what will be published,
then list the bodies only when the editor confirms."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse

from applications.models.applicants import PARTICIPATING


@admin.action(
    description="List the accepted or confirmed applicants on their edition's page…",
    permissions=["review"],
)
def make_participants(modeladmin, request, queryset):
    """First a page with, per edition, each body's name and country as the edition's page
    will show them and the bodies it lists already; "Publish" (a POST with `post=yes`,
    as Django's delete confirmation) lists them and says how many."""
    applications = list(
        queryset.select_related("call__edition__program", "participant__country").order_by(
            "call__edition__start_date", "pk"
        )
    )
    if request.POST.get("post") == "yes":
        list_on_edition_pages(modeladmin, request, applications)
        return None
    editions, skipped = publishing_plan(applications)
    to_publish = sum(len(edition["to_publish"]) for edition in editions)
    to_link = sum(
        1
        for edition in editions
        for body in edition["already"]
        for application in body["applications"]
        if not application.participant_id
    )
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "List on the edition pages",
        "opts": modeladmin.model._meta,
        "applications": applications,
        "editions": editions,
        "skipped": skipped,
        "to_publish": to_publish,
        "to_link": to_link,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/applications/participants_preview.html", context)


def publishing_plan(applications):
    """Per edition, the bodies that will be added to its page (`to_publish`) and those it
    lists already (`already`), each once with its name, country and applications, as
    `Application.make_participant` will find them; and the applications skipped (not
    accepted or confirmed). Nothing is written."""
    editions = {}
    skipped = []
    for application in applications:
        if application.status not in PARTICIPATING:
            skipped.append(application)
            continue
        edition = application.call.edition
        plan = editions.setdefault(
            edition.pk, {"edition": edition, "to_publish": {}, "already": {}}
        )
        if application.participant_id:
            participant = application.participant
            name, country = participant.name, participant.country
        else:
            name, country, participant = application.listing_on_edition_page()
        if participant is not None:
            body = plan["already"].setdefault(
                participant.pk, {"name": name, "country": country, "applications": []}
            )
        else:
            key = (name.lower(), country.pk or country.code)
            body = plan["to_publish"].setdefault(
                key,
                {
                    "name": name,
                    "country": country,
                    "new_country": country.pk is None,
                    "applications": [],
                },
            )
        body["applications"].append(application)
    return [
        {
            **plan,
            "to_publish": list(plan["to_publish"].values()),
            "already": list(plan["already"].values()),
        }
        for plan in editions.values()
    ], skipped


def list_on_edition_pages(modeladmin, request, applications):
    """List each accepted or confirmed applicant's body; say how many bodies were
    listed now, how many applicants' bodies the edition listed already (left as they
    were) and how many applicants cannot be listed."""
    listed = already = skipped = 0
    for application in applications:
        if application.status not in PARTICIPATING:
            skipped += 1
            continue
        linked_before = application.participant_id is not None
        participant, added = application.make_participant()
        if added:
            listed += 1
            modeladmin.log_change(
                request, application, "Listed as a participating city or body of its edition."
            )
        else:
            already += 1
            if not linked_before:
                modeladmin.log_change(
                    request,
                    application,
                    f"Linked to “{participant.name}”, listed already on its edition's page.",
                )
    parts = [
        "1 listed as a participating city or body of its edition."
        if listed == 1
        else f"{listed} listed as participating cities or bodies of their edition."
    ]
    if already:
        parts.append(f"{already} already listed, left as they were.")
    if skipped:
        parts.append(f"{skipped} skipped: only accepted or confirmed applications are listed.")
    modeladmin.message_user(request, " ".join(parts), messages.SUCCESS)
