"""Uploaded pictures: checked with Pillow before anything is stored, then cut into renditions.

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
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

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
            params={"size": filesizeformat(file.size), "limit": filesizeformat(max_bytes)},
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


def make_renditions(original_name, storage=default_storage, centering=(0.5, 0.5)):
    """Crop the picture to every rendition size, around `centering` (its focal point, see
    wego_site.core.photos), and save each as JPEG and WebP."""
    with storage.open(original_name, "rb") as original, Image.open(original) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        for size in RENDITION_SIZES:
            cropped = ImageOps.fit(image, size, Image.Resampling.LANCZOS, centering=centering)
            for extension, image_format in RENDITION_FORMATS.items():
                name = rendition_name(original_name, size, extension)
                buffer = io.BytesIO()
                cropped.save(buffer, image_format, quality=82, optimize=True)
                if storage.exists(name):
                    storage.delete(name)
                storage.save(name, ContentFile(buffer.getvalue()))


def delete_picture(original_name, storage=default_storage):
    """Remove an original and its renditions (missing files are fine)."""
    for name in [original_name, *rendition_names(original_name)]:
        storage.delete(name)


class CheckedImageFormField(forms.ImageField):
    """An image upload field that gives our own, specific messages before Django's generic one."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        validate_image_upload(upload)
        return super().to_python(data)
