"""Cover pictures: renditions made when a cover is saved; replaced files removed after commit."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from news.models import Post
from wego_site.core.images import delete_picture, make_renditions


@receiver(pre_save, sender=Post, dispatch_uid="news_post_remember_cover")
def remember_stored_cover(sender, instance, raw=False, **kwargs):
    if raw:
        return
    stored = Post.objects.filter(pk=instance.pk).values_list("cover_image", flat=True).first()
    instance._stored_cover_name = stored or ""


@receiver(post_save, sender=Post, dispatch_uid="news_post_make_renditions")
def make_cover_renditions(sender, instance, raw=False, **kwargs):
    if raw:
        return
    old_name = getattr(instance, "_stored_cover_name", "")
    new_name = instance.cover_image.name or ""
    if old_name == new_name:
        return
    if new_name:
        make_renditions(new_name, instance.cover_image.storage)
    if old_name:
        storage = instance.cover_image.storage
        transaction.on_commit(lambda: delete_picture(old_name, storage))
    instance._stored_cover_name = new_name


@receiver(post_delete, sender=Post, dispatch_uid="news_post_delete_cover")
def delete_cover(sender, instance, **kwargs):
    if instance.cover_image.name:
        name, storage = instance.cover_image.name, instance.cover_image.storage
        transaction.on_commit(lambda: delete_picture(name, storage))
