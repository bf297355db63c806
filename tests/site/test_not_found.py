"""Unknown slugs, years, tags and bad page numbers are 404s, never 500s."""

import pytest
from django.core.exceptions import ValidationError

from programs.models import Program, ProgramKind
from tests.factories import make_post

pytestmark = pytest.mark.django_db

NOT_FOUND = [
    "/programs/no-such-program/",
    "/programs/wego-shrdc-training-program/no-such-edition/",
    "/programs/no-such-program/2018/",
    # An edition asked for under another program's address.
    "/programs/wego-shrdc-training-program/2018/",
    "/programs/kind/no-such-kind/",
    "/programs/kind/MAIN/",
    "/programs/archive/1999/",
    "/programs/archive/0/",
    "/programs/archive/99999999999999999999999/",
    "/news/1999/",
    "/news/0/",
    "/news/9999/",
    "/news/99999999999999999999999/",
    "/news/2019/18-cities-awarded-for-their-smart-initiatives/",
    "/news/2020/no-such-post/",
    "/news/99999999999999999999/18-cities-awarded-for-their-smart-initiatives/",
    "/news/tag/no-such-tag/",
    "/news/?page=abc",
    "/news/?page=0",
    "/news/?page=-1",
    "/news/?page=9999",
    "/news/?page=99999999999999999999999999",
    "/news/2020/?page=2",
    "/news/tag/webinar/?page=x",
    "/testimonials/2012/",
    "/testimonials/0/",
    "/testimonials/99999999999999999999999/",
]


@pytest.mark.parametrize("url", NOT_FOUND)
def test_not_found(client, seed, url):
    assert client.get(url).status_code == 404


def test_a_second_page_exists_once_there_are_enough_posts(client, seed):
    for _ in range(5):
        make_post()
    response = client.get("/news/?page=2")
    assert response.status_code == 200
    assert 'rel="canonical" href="http://testserver/news/?page=2"' in response.content.decode()
    assert client.get("/news/?page=last").status_code == 200
    assert client.get("/news/?page=3").status_code == 404


@pytest.mark.parametrize("slug", ["kind", "archive"])
def test_reserved_program_slugs_are_refused(slug):
    program = Program(title="Clash", slug=slug, kind=ProgramKind.MAIN)
    with pytest.raises(ValidationError) as error:
        program.full_clean()
    assert "slug" in error.value.message_dict


def test_fixed_paths_win_over_program_slugs(client, seed):
    # Even if a program slipped past validation, the fixed pages keep their addresses.
    Program.objects.create(
        title="Archive", slug="archive", kind=ProgramKind.MAIN, status="published"
    )
    response = client.get("/programs/archive/")
    assert response.status_code == 200
    assert response.templates[0].name == "programs/edition_archive.html"
