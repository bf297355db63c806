"""Adding a participant by hand works with JavaScript off: the edition's participants
have blank rows with a plain country select, and the participant's add page lists the
editions and countries."""

import re

import pytest
from django.db.models import Count, Max
from django.urls import reverse

from programs.models import Country, Edition, Participant
from tests.core.test_history import form_data

pytestmark = pytest.mark.django_db


def select_options(html, name):
    """The (value, label) pairs of the select named `name`."""
    select = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no select named {name}"
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))


def change_form_data(response):
    """What the change page's form sends back unchanged, inlines included."""
    data = form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        initial = formset.initial_forms
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(len(initial))
        data[f"{formset.prefix}-INITIAL_FORMS"] = str(len(initial))
        for form in initial:
            data.update({f"{form.prefix}-{k}": v for k, v in form_data(form).items()})
            data[f"{form.prefix}-id"] = form.instance.pk
    return data


def test_the_participant_add_page_lists_the_editions_and_countries(editor_client, seed):
    html = editor_client.get(reverse("admin:programs_participant_add")).content.decode()
    editions = dict(select_options(html, "edition"))
    countries = dict(select_options(html, "country"))
    assert len(editions) - 1 == Edition.objects.count() > 1
    assert len(countries) - 1 == Country.objects.count() > 1
    korea = Country.objects.get(code="KR")
    assert countries[str(korea.pk)] == korea.name


def test_a_participant_is_added_on_the_editions_page_without_javascript(
    editor_client, seed, django_assert_max_num_queries
):
    edition = Edition.objects.annotate(listed=Count("participants")).latest("listed")
    last = edition.participants.aggregate(last=Max("position"))["last"]
    url = reverse("admin:programs_edition_change", args=[edition.pk])
    with django_assert_max_num_queries(75):
        response = editor_client.get(url)
    html = response.content.decode()
    before = edition.participants.count()
    blank = f"participants-{before}"
    korea = Country.objects.get(code="KR")
    assert (str(korea.pk), korea.name) in select_options(html, f"{blank}-country")
    assert f'name="{blank}-name"' in html

    data = change_form_data(response)
    data.update(
        {
            "participants-TOTAL_FORMS": str(before + 1),
            f"{blank}-name": "Suwon",
            f"{blank}-country": korea.pk,
            f"{blank}-position": "",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    added = Participant.objects.get(edition=edition, name="Suwon")
    assert added.country == korea
    assert added.position == last + 1  # at the end of the list
    assert edition.participants.count() == before + 1
