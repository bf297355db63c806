"""Social cards that show another row's facts, and the renditions of photographs.

An edition's social card shows its program's kind and its country's name, a program's
card its regional office's city: saving one of those remakes the cards that show it
(after commit, like the card of any saved row, see wego_site.core.cards).
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from programs.models import Country, Edition, Place, Program, RegionalOffice
from wego_site.core.cards import refresh_card_on_commit
from wego_site.core.photos import make_stored_photo_renditions, remember_stored_photo

# Photographs of programs and editions: renditions made when one is saved or refocused.
for model in (Program, Edition):
    pre_save.connect(remember_stored_photo, sender=model, dispatch_uid=f"{model.__name__}_photo")
    post_save.connect(
        make_stored_photo_renditions, sender=model, dispatch_uid=f"{model.__name__}_renditions"
    )


@receiver(post_save, sender=Program, dispatch_uid="programs_program_edition_cards")
@receiver(post_save, sender=Country, dispatch_uid="programs_country_edition_cards")
def refresh_edition_cards(sender, instance, raw=False, **kwargs):
    if raw:
        return
    related = "editions" if sender is Program else "hosted_editions"
    for edition in getattr(instance, related).only("pk"):
        refresh_card_on_commit(edition)


@receiver(post_save, sender=RegionalOffice, dispatch_uid="programs_office_program_cards")
def refresh_program_cards(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for program in instance.programs.only("pk"):
        refresh_card_on_commit(program)


@receiver(pre_save, sender=Place, dispatch_uid="programs_place_from_gazetteer")
def fill_place_from_gazetteer(sender, instance, **kwargs):
    """A place with a GeoNames id takes its name and coordinates from the gazetteer
    where it has none: fixtures (saved raw, so this runs for them too), the participants
    import and the admin name only the id."""
    instance.fill_from_gazetteer()
