"""A testimonial links to its edition, or its program, but never to a hidden page."""

import pytest

from testimonials.models import Testimonial
from tests.factories import EditionFactory, ProgramFactory, TestimonialFactory
from wego_site.core.publishing import PublicationStatus

pytestmark = pytest.mark.django_db
DRAFT = PublicationStatus.DRAFT


def source_of(testimonial):
    return Testimonial.objects.published().get(pk=testimonial.pk).source


def test_links_to_its_public_edition():
    edition = EditionFactory(program=ProgramFactory())
    assert source_of(TestimonialFactory(edition=edition)) == edition


def test_falls_back_to_the_program_when_the_edition_is_a_draft():
    program = ProgramFactory()
    edition = EditionFactory(program=program, status=DRAFT)
    assert source_of(TestimonialFactory(edition=edition)) == program


def test_links_nowhere_when_the_program_is_a_draft():
    program = ProgramFactory(status=DRAFT)
    assert source_of(TestimonialFactory(edition=EditionFactory(program=program))) is None
    assert source_of(TestimonialFactory(program=program)) is None


def test_speaks_for():
    assert Testimonial(on_behalf_of="Barcelona City Council").speaks_for == (
        "on behalf of Barcelona City Council"
    )
    assert Testimonial(organisation="City Hall").speaks_for == "City Hall"
    assert Testimonial().speaks_for == ""
