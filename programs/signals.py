"""An edition's program document: a replaced or deleted file is removed after commit.

An edition's social card shows its program's kind and its country's name, a program's
card its regional office's city: saving one of those remakes the cards that show it
(after commit, like the card of any saved row, see wego_site.core.cards).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from programs.models import Country, Edition, Program, RegionalOffice
from wego_site.core.cards import refresh_card_on_commit


@receiver(pre_save, sender=Edition, dispatch_uid="programs_edition_remember_document")
def remember_stored_document(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    stored = Edition.objects.filter(pk=instance.pk).values_list("program_document", flat=True)
    instance._stored_document_name = stored.first() or ""


@receiver(post_save, sender=Edition, dispatch_uid="programs_edition_delete_replaced_document")
def delete_replaced_document(sender, instance, raw=False, **kwargs):
    old_name = getattr(instance, "_stored_document_name", "")
    if raw or not old_name or old_name == instance.program_document.name:
        return
    storage = instance.program_document.storage
    transaction.on_commit(lambda: storage.delete(old_name))
    instance._stored_document_name = instance.program_document.name or ""


@receiver(post_delete, sender=Edition, dispatch_uid="programs_edition_delete_document")
def delete_document(sender, instance, **kwargs):
    if instance.program_document.name:
        name, storage = instance.program_document.name, instance.program_document.storage
        transaction.on_commit(lambda: storage.delete(name))


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
