"""Unknown slugs, years, tags and bad page numbers are 404s, never 500s."""

import pytest

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
