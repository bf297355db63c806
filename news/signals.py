"""Cover pictures: renditions made when a cover is saved.

A replaced or deleted cover's files stay in storage: earlier versions of the post (its
history) still show them, and reverting or recovering the post brings the cover back.
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from news.models import Post
from wego_site.core.images import make_renditions, rendition_names


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
    storage = instance.cover_image.storage
    if new_name and not all(storage.exists(name) for name in rendition_names(new_name)):
        make_renditions(new_name, storage)
    instance._stored_cover_name = new_name
