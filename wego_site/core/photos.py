"""Photographs the secretariat has of a program, an edition or a news post.

A photograph is optional everywhere: every page is designed to look complete without
one, and none is ever invented. With one, the editor gives its alt text (required), a
caption and a credit, and the part of the picture to keep when it is cropped (its focal
point). Pages crop with CSS (`object-position`, a class per focal point: the site's CSP
allows no inline style), and the stored renditions are cut around the same point.

`HasPhoto` gives a model the five `photo*` fields; a news post keeps its `cover_*`
fields and shares the focal point, the renditions and the template (`photo_figure`).
"""

from django.core.exceptions import ValidationError
from django.db import models

from wego_site.core.images import (
    RENDITION_SIZES,
    make_renditions,
    rendition_name,
    validate_image_upload,
)


class Focus(models.TextChoices):
    CENTRE = "centre", "Centre"
    TOP = "top", "Top"
    BOTTOM = "bottom", "Bottom"
    LEFT = "left", "Left"
    RIGHT = "right", "Right"
    TOP_LEFT = "top-left", "Top left"
    TOP_RIGHT = "top-right", "Top right"
    BOTTOM_LEFT = "bottom-left", "Bottom left"
    BOTTOM_RIGHT = "bottom-right", "Bottom right"


# Where ImageOps.fit centres its crop (0 = left or top, 1 = right or bottom); the
# stylesheet's `.focus-*` classes place the same points at 15 % and 85 %.
CENTERING = {
    Focus.CENTRE: (0.5, 0.5),
    Focus.TOP: (0.5, 0.15),
    Focus.BOTTOM: (0.5, 0.85),
    Focus.LEFT: (0.15, 0.5),
    Focus.RIGHT: (0.85, 0.5),
    Focus.TOP_LEFT: (0.15, 0.15),
    Focus.TOP_RIGHT: (0.85, 0.15),
    Focus.BOTTOM_LEFT: (0.15, 0.85),
    Focus.BOTTOM_RIGHT: (0.85, 0.85),
}

FOCUS_HELP = "The part of the picture to keep when a page crops it (a wide banner, a card)."
CAPTION_HELP = "Optional: what or who it shows, where and when; shown under the picture."
CREDIT_HELP = "Optional: who took it or owns it, e.g. “WeGO” or a photographer’s name."


def focus_field():
    return models.CharField(
        "focal point",
        max_length=12,
        choices=Focus.choices,
        default=Focus.CENTRE,
        blank=True,  # a form that leaves it out keeps the centre
        help_text=FOCUS_HELP,
    )


def caption_field():
    return models.CharField(max_length=300, blank=True, help_text=CAPTION_HELP)


def credit_field():
    return models.CharField(max_length=150, blank=True, help_text=CREDIT_HELP)


def photo_upload_to(instance, filename):
    return f"photos/{instance._meta.model_name}/{filename}"


def make_photo_renditions(name, focus, storage):
    """The renditions of a stored picture, cut around its focal point."""
    make_renditions(name, storage, centering=CENTERING.get(focus, CENTERING[Focus.CENTRE]))


def figure(field, alt, caption, credit, focus):
    """What includes/photo.html shows of a stored picture: its renditions' URLs, the
    rendered size, its words and the class that crops it around its focal point."""
    if not field:
        return None
    storage = field.storage
    (width, height), (width_2x, height_2x) = RENDITION_SIZES
    urls = {
        f"{extension}{suffix}": storage.url(rendition_name(field.name, size, extension))
        for suffix, size in [("", (width, height)), ("_2x", (width_2x, height_2x))]
        for extension in ("jpg", "webp")
    }
    return {
        "width": width,
        "height": height,
        **urls,
        "alt": alt,
        "caption": caption,
        "credit": credit,
        "focus_class": f"focus-{focus}" if focus and focus != Focus.CENTRE else "",
    }


class HasPhoto(models.Model):
    """A photograph of the row, optional, with its alt text, caption, credit and focal point."""

    photo = models.ImageField(
        "photograph",
        upload_to=photo_upload_to,
        blank=True,
        validators=[validate_image_upload],
        help_text=(
            "Optional: a real photograph of it (never a stock picture). Landscape, best "
            "at least 1600 pixels wide: JPEG, PNG or WebP, at most 5 MB."
        ),
    )
    photo_alt_text = models.CharField(
        "photograph alt text",
        max_length=250,
        blank=True,
        help_text="Describe the picture for people who cannot see it. Required with a photograph.",
    )
    photo_caption = caption_field()
    photo_credit = credit_field()
    photo_focus = focus_field()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.photo and not self.photo_alt_text.strip():
            raise ValidationError(
                {"photo_alt_text": "Describe the photograph: alt text is required with it."}
            )

    @property
    def photo_figure(self):
        return figure(
            self.photo, self.photo_alt_text, self.photo_caption, self.photo_credit, self.photo_focus
        )


def remember_stored_photo(sender, instance, raw=False, **kwargs):
    """pre_save: the stored picture and focal point, to know after the save if either changed."""
    if raw:
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("photo", "photo_focus").first()
    instance._stored_photo = stored or ("", "")


def make_stored_photo_renditions(sender, instance, raw=False, **kwargs):
    """post_save: renditions of a new picture, or of the same one with a new focal point."""
    if raw:
        return
    current = (instance.photo.name or "", instance.photo_focus)
    if current != getattr(instance, "_stored_photo", ("", "")) and current[0]:
        make_photo_renditions(current[0], current[1], instance.photo.storage)
    instance._stored_photo = current
