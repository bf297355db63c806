"""Fixtures name rows by natural keys: every model's key finds the row it came from."""

import pytest
from django.apps import apps

from wego_site.core.natural_keys import NaturalKeyManager

pytestmark = pytest.mark.django_db


def natural_key_models():
    return [
        model
        for model in apps.get_models()
        if isinstance(model._default_manager, NaturalKeyManager)
    ]


def test_every_content_model_has_a_natural_key():
    labels = {model._meta.label for model in natural_key_models()}
    assert {
        "programs.Country",
        "programs.Organisation",
        "programs.Contact",
        "programs.RegionalOffice",
        "programs.Introduction",
        "programs.Program",
        "programs.Edition",
        "programs.Topic",
        "programs.SiteVisit",
        "programs.Participant",
        "news.Post",
        "news.TaggedPost",
        "testimonials.Testimonial",
    } <= labels


def test_each_row_is_found_again_by_its_natural_key(seed):
    for model in natural_key_models():
        rows = list(model._default_manager.all()[:5])
        assert rows, f"the seed has no {model._meta.label}"
        for row in rows:
            key = row.natural_key()
            assert model._default_manager.get_by_natural_key(*key) == row, (model, key)


def test_a_key_names_the_fields_in_the_managers_order(seed):
    from programs.models import Edition, Program

    program = Program.objects.first()
    assert program.natural_key() == (program.slug,)
    edition = Edition.objects.select_related("program").first()
    assert edition.natural_key() == (edition.program.slug, edition.slug)


def test_a_key_of_the_wrong_length_is_refused(seed):
    from programs.models import Program

    with pytest.raises(ValueError):
        Program.objects.get_by_natural_key("a-slug", "extra")
