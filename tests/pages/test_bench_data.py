"""generate_bench_data: synthetic rows for `make bench`, marked so they can be removed."""

import io

import pytest
from django.core.management import call_command

from news.models import Post
from programs.models import Edition, Program

pytestmark = pytest.mark.django_db


def test_generator_marks_its_rows_and_removes_only_them(seed):
    before = (Program.objects.count(), Edition.objects.count(), Post.objects.count())
    call_command(
        "generate_bench_data",
        posts=5,
        programs=2,
        editions=4,
        participants=8,
        testimonials=2,
        stdout=io.StringIO(),
    )
    assert Post.objects.filter(slug__startswith="bench-").count() == 5
    assert all(
        p.title.startswith("Synthetic") for p in Program.objects.filter(slug__startswith="bench-")
    )
    call_command("generate_bench_data", delete=True, stdout=io.StringIO())
    assert (Program.objects.count(), Edition.objects.count(), Post.objects.count()) == before
