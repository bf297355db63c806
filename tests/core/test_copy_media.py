"""copy_media_to_storage moves a one-machine site's files into its buckets, same names."""

import io

import pytest
from django.core.management import CommandError, call_command


@pytest.fixture
def one_machine_site(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    (settings.MEDIA_ROOT / "news" / "covers").mkdir(parents=True)
    (settings.MEDIA_ROOT / "news" / "covers" / "a.jpg").write_bytes(b"cover")
    (settings.MEDIA_ROOT / "cards").mkdir()
    (settings.MEDIA_ROOT / "cards" / "1-abc.png").write_bytes(b"card")
    (settings.PRIVATE_MEDIA_ROOT / "applications").mkdir(parents=True)
    (settings.PRIVATE_MEDIA_ROOT / "applications" / "f00.pdf").write_bytes(b"%PDF-1.4")
    return tmp_path


def buckets(settings, root):
    """Two storages standing in for the buckets (the deployment checks use real S3)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root / "media-bucket")},
        },
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root / "private-bucket")},
        },
    }


def test_every_file_goes_to_its_storage_under_the_same_name(one_machine_site, settings):
    buckets(settings, one_machine_site)
    out = io.StringIO()
    call_command("copy_media_to_storage", stdout=out)
    assert (one_machine_site / "media-bucket" / "news/covers/a.jpg").read_bytes() == b"cover"
    assert (one_machine_site / "media-bucket" / "cards/1-abc.png").read_bytes() == b"card"
    private = one_machine_site / "private-bucket" / "applications/f00.pdf"
    assert private.read_bytes() == b"%PDF-1.4"
    assert not (one_machine_site / "media-bucket" / "applications").exists()
    assert "copied 2 file(s)" in out.getvalue() and "copied 1 file(s)" in out.getvalue()

    again = io.StringIO()
    call_command("copy_media_to_storage", stdout=again)
    assert "copied 0 file(s) to STORAGES['default'], 2 already there" in again.getvalue()


def test_it_refuses_to_copy_a_folder_onto_itself(one_machine_site, settings):
    with pytest.raises(CommandError, match="DJANGO_MEDIA_STORAGE=s3"):
        call_command("copy_media_to_storage", stdout=io.StringIO())
