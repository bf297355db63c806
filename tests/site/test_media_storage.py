"""Shared media storage (S3-compatible) is switched on by environment variables alone."""

from tests.site.test_security import run_manage

SHOW_STORAGE = (
    "from django.core.files.storage import storages; s = storages['default']; "
    "print(type(s).__name__, s.url('news/a.jpg'))"
)


def test_files_on_disk_by_default():
    result = run_manage("shell", "--no-imports", "-c", SHOW_STORAGE)
    assert result.stdout.split() == ["FileSystemStorage", "/media/news/a.jpg"]


def test_s3_compatible_storage_from_the_environment():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        SHOW_STORAGE,
        DJANGO_MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="wego-media",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "http://127.0.0.1:9000/wego-media/news/a.jpg"]


def test_s3_without_a_bucket_is_one_clear_line():
    result = run_manage("check", DJANGO_MEDIA_STORAGE="s3")
    assert result.returncode != 0
    assert "AWS_STORAGE_BUCKET_NAME" in result.stderr
    assert "Traceback" not in result.stderr
