"""Social cards: one 1200 × 630 picture per page, stored like the cover renditions.

A model with a card (`HasSocialCard`) says what its card shows (`card_text()`, or
`card_photo()` for a picture of its own, such as a news post's cover). The card is made
once per change of those facts, after the save commits, and stored in the media storage
under a name that holds a digest of the facts and of the drawing's palette: a page only
builds URLs, a changed card gets a new address (so nothing serves a stale copy), and an
unchanged one is never drawn again. Rows that arrive without signals (the seed
fixtures) get theirs from `manage.py make_cards`; until then pages show the site card.
"""

import hashlib
import json

from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.templatetags.static import static
from PIL import Image, ImageOps

from wego_site.core.card_drawing import CARD_SIZE, draw_card, palette
from wego_site.core.images import (
    RENDITION_FORMATS,
    encode,
    open_picture,
    rendition_name,
    rendition_names,
    store,
    store_renditions,
)
from wego_site.pagecache.generation import bump_generation

# Smaller copies for lists (1×, and the card itself as 2×), as JPEG and WebP.
CARD_RENDITION_SIZES = [(600, 315), CARD_SIZE]
# Drawn with the word mark and the site's name only; committed, made by `draw_icons`.
SITE_CARD = "cards/site.png"
SITE_CARD_ALT = "WeGO Training Programs"
# Bump when the drawing changes, so `make_cards` draws every card again.
DRAWING_VERSION = 1


def card_renditions(name):
    return rendition_names(name, CARD_RENDITION_SIZES, RENDITION_FORMATS)


def delete_card(name, storage=default_storage):
    for path in [name, *card_renditions(name)]:
        storage.delete(path)


def store_card(image, name, storage=default_storage):
    """Save the 1200 × 630 card and its smaller copies under `name`."""
    store(storage, name, encode(image, "PNG" if name.endswith(".png") else "JPEG"))
    store_renditions(image, name, CARD_RENDITION_SIZES, storage)


def photo_card(original_name, storage=default_storage):
    """The 1200 × 630 centre crop of a stored picture."""
    return ImageOps.fit(open_picture(original_name, storage), CARD_SIZE, Image.Resampling.LANCZOS)


class HasSocialCard(models.Model):
    """A model whose public page has a social card of its own."""

    social_card = models.FileField(max_length=255, blank=True, editable=False)

    card_folder = "cards"

    class Meta:
        abstract = True

    def card_text(self):
        """A CardText with what this page says; subclasses define it."""
        raise NotImplementedError

    def card_photo(self):
        """The stored picture to crop into the card instead of drawing one, if any."""
        return ""

    def card_alt(self):
        """The card's alternative text: what it says (a photo's own alt text instead)."""
        text = self.card_text()
        return " — ".join(part for part in [text.title, text.eyebrow, *text.details] if part)

    def card_facts(self):
        photo = self.card_photo()
        if photo:
            return {"photo": photo}
        return {**self.card_text().as_facts(), "palette": palette(), "v": DRAWING_VERSION}

    def expected_card_name(self):
        facts = json.dumps(self.card_facts(), sort_keys=True, ensure_ascii=False)
        digest = hashlib.sha256(facts.encode()).hexdigest()[:12]
        extension = "jpg" if self.card_photo() else "png"
        return f"{self.card_folder}/{self.pk}-{digest}.{extension}"

    def refresh_card(self, storage=None):
        """Draw and store the card when its facts changed; True when the row's card changed.

        The file's name is a digest of what the card shows, so a file of that name is this
        card already (a copy of the database on another server, rows loaded again): it is
        used as it is, not drawn again.
        """
        storage = storage or self.social_card.storage
        name = self.expected_card_name()
        if self.social_card.name == name and storage.exists(name):
            return False
        if not storage.exists(name):
            photo = self.card_photo()
            image = photo_card(photo, storage) if photo else draw_card(self.card_text())
            store_card(image, name, storage)
        old_name = self.social_card.name
        type(self)._base_manager.filter(pk=self.pk).update(social_card=name)
        self.social_card.name = name
        if old_name and old_name != name:
            delete_card(old_name, storage)
        bump_generation()  # an update() sends no signal: pages showing the old card go
        return True

    @property
    def card(self):
        """URLs and size of the card and its smaller copies; the site card until it is made."""
        if not self.social_card:
            return site_card()
        storage, name = self.social_card.storage, self.social_card.name
        small, large = CARD_RENDITION_SIZES
        return {
            "url": storage.url(name),
            "type": "image/jpeg" if name.endswith(".jpg") else "image/png",
            "width": CARD_SIZE[0],
            "height": CARD_SIZE[1],
            "alt": self.card_alt(),
            "jpg": storage.url(rendition_name(name, small, "jpg")),
            "jpg_2x": storage.url(rendition_name(name, large, "jpg")),
            "webp": storage.url(rendition_name(name, small, "webp")),
            "webp_2x": storage.url(rendition_name(name, large, "webp")),
            "small_width": small[0],
            "small_height": small[1],
            "is_own": True,
            "is_photo": name.endswith(".jpg"),
        }


def site_card():
    """The card of the site as a whole, for the landing page and the lists."""
    return {
        "url": static(SITE_CARD),
        "type": "image/png",
        "width": CARD_SIZE[0],
        "height": CARD_SIZE[1],
        "alt": SITE_CARD_ALT,
        "is_own": False,
        "is_photo": False,
    }


def refresh_card_on_commit(instance):
    """Make `instance`'s card once the save is committed (fresh from the database then)."""
    model, pk = type(instance), instance.pk

    def refresh():
        row = model._base_manager.filter(pk=pk).first()
        if row is not None:
            row.refresh_card()

    transaction.on_commit(refresh)


def delete_card_on_commit(instance):
    if instance.social_card.name:
        name, storage = instance.social_card.name, instance.social_card.storage
        transaction.on_commit(lambda: delete_card(name, storage))


def card_models():
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, HasSocialCard)]


def _refresh_after_save(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_card_on_commit(instance)


def _delete_after_delete(sender, instance, **kwargs):
    delete_card_on_commit(instance)


def connect_signals():
    """Every model with a card: a save makes it (after commit), a delete removes it."""
    for model in card_models():
        uid = f"social_card_{model._meta.label_lower}"
        post_save.connect(_refresh_after_save, sender=model, dispatch_uid=uid)
        post_delete.connect(_delete_after_delete, sender=model, dispatch_uid=uid)
