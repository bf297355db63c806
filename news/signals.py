"""Cover pictures: renditions made when a cover is saved.

A replaced or deleted cover's files stay in storage: earlier versions of the post (its
history) still show them, and reverting or recovering the post brings the cover back.
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from news.models import Post
from wego_site.core.images import rendition_names
from wego_site.core.photos import make_photo_renditions


@receiver(pre_save, sender=Post, dispatch_uid="news_post_remember_cover")
def remember_stored_cover(sender, instance, raw=False, **kwargs):
    if raw:
        return
    stored = Post.objects.filter(pk=instance.pk).values_list("cover_image", "cover_focus").first()
    instance._stored_cover_name, instance._stored_cover_focus = stored or ("", None)


@receiver(post_save, sender=Post, dispatch_uid="news_post_make_renditions")
def make_cover_renditions(sender, instance, raw=False, **kwargs):
    if raw:
        return
    old_name = getattr(instance, "_stored_cover_name", "")
    new_name = instance.cover_image.name or ""
    refocused = new_name and getattr(instance, "_stored_cover_focus", None) not in (
        None,
        instance.cover_focus,
    )
    if old_name == new_name and not refocused:
        return
    storage = instance.cover_image.storage
    if new_name and (
        refocused or not all(storage.exists(name) for name in rendition_names(new_name))
    ):
        make_photo_renditions(new_name, instance.cover_focus, storage)
    instance._stored_cover_name = new_name
    instance._stored_cover_focus = instance.cover_focus
