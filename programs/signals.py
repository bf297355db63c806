"""An edition's program document: a replaced or deleted file is removed after commit."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from programs.models import Edition


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
