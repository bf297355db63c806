"""Pictures: uploads checked with Pillow before anything is stored, and the one pipeline
that stores a picture's renditions (a cover's, a social card's).

The check opens the file and reads its header (never decoding a huge image), so a
file that is not a picture, a format pages cannot show, an oversized file or a
decompression bomb is refused with a message an editor can act on.

Renditions are made once, when the picture is saved, under names derived from the
original's name, so a page only has to build their URLs.
"""

import io
import warnings
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps, UnidentifiedImageError

from wego_site.core.uploads import size_text

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
# (width, height) of each rendition; the first is the size pages lay out.
RENDITION_SIZES = [(570, 380), (1140, 760)]
RENDITION_FORMATS = {"jpg": "JPEG", "webp": "WEBP"}


def validate_image_upload(file):
    """Refuse anything but a real JPEG, PNG or WebP picture within the size limits.

    Only new uploads are checked: a picture already stored passed when it arrived.
    """
    if getattr(file, "_committed", False):
        return
    max_bytes = settings.IMAGE_UPLOAD_MAX_BYTES
    max_pixels = settings.IMAGE_UPLOAD_MAX_PIXELS
    if file.size > max_bytes:
        raise ValidationError(
            "This file is %(size)s; pictures can be at most %(limit)s. "
            "Save it smaller (for example at 2000 pixels wide) and upload it again.",
            code="file_too_large",
            params={"size": size_text(file.size), "limit": size_text(max_bytes)},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                image_format = image.format
                width, height = image.size
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            "This picture has far too many pixels to be handled safely. Upload a smaller version.",
            code="too_many_pixels",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            "This file is not a picture, or it is damaged. Upload a JPEG, PNG or WebP image.",
            code="not_an_image",
        ) from None
    finally:
        file.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            "This picture is in %(format)s format. Upload a JPEG, PNG or WebP image.",
            code="wrong_format",
            params={"format": image_format or "an unknown"},
        )
    if width * height > max_pixels:
        raise ValidationError(
            "This picture is %(width)s × %(height)s pixels (%(mp)s megapixels); the limit is "
            "%(limit)s megapixels. Make it smaller and upload it again.",
            code="too_many_pixels",
            params={
                "width": width,
                "height": height,
                "mp": round(width * height / 1_000_000, 1),
                "limit": round(max_pixels / 1_000_000),
            },
        )


def rendition_name(original_name, size, extension):
    """Where a rendition of `original_name` lives, e.g. news/covers/renditions/x-570x380.webp."""
    path = PurePosixPath(original_name)
    width, height = size
    return str(path.parent / "renditions" / f"{path.stem}-{width}x{height}.{extension}")


def rendition_names(original_name, sizes=RENDITION_SIZES, extensions=RENDITION_FORMATS):
    return [
        rendition_name(original_name, size, extension) for size in sizes for extension in extensions
    ]


# Encoder settings chosen for speed as much as size: a social card is drawn during an
# admin save's commit, and the exhaustive ones (PNG optimize, WebP method 4+) take ten
# times as long for 5 % fewer bytes.
ENCODER_OPTIONS = {
    "PNG": {"compress_level": 6},
    "JPEG": {"quality": 85, "optimize": True},
    "WEBP": {"quality": 85, "method": 2},
}


def encode(image, image_format):
    buffer = io.BytesIO()
    image.save(buffer, image_format, **ENCODER_OPTIONS[image_format])
    return buffer.getvalue()


def store(storage, name, data):
    """Save `data` under exactly `name`, replacing what was there (a storage gives a new
    file another name rather than overwrite one)."""
    if storage.exists(name):
        storage.delete(name)
    storage.save(name, ContentFile(data))


def open_picture(name, storage=default_storage):
    """A stored picture, upright (its EXIF orientation applied), in RGB."""
    with storage.open(name, "rb") as original, Image.open(original) as image:
        return ImageOps.exif_transpose(image).convert("RGB")


def store_renditions(image, original_name, sizes, storage=default_storage, centering=(0.5, 0.5)):
    """Crop `image` to each of `sizes`, around `centering` (its focal point, see
    wego_site.core.photos), and store each as JPEG and WebP under the names
    `rendition_name` gives."""
    for size in sizes:
        cropped = (
            image
            if image.size == size
            else ImageOps.fit(image, size, Image.Resampling.LANCZOS, centering=centering)
        )
        for extension, image_format in RENDITION_FORMATS.items():
            store(
                storage,
                rendition_name(original_name, size, extension),
                encode(cropped, image_format),
            )


def make_renditions(original_name, storage=default_storage, centering=(0.5, 0.5)):
    """The renditions of an uploaded picture (a cover, a photograph), at `RENDITION_SIZES`,
    cut around `centering`."""
    image = open_picture(original_name, storage)
    store_renditions(image, original_name, RENDITION_SIZES, storage, centering)


class CheckedImageFormField(forms.ImageField):
    """An image upload field that gives our own, specific messages before Django's generic one."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        validate_image_upload(upload)
        return super().to_python(data)
