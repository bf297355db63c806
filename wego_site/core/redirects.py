"""Old addresses keep working: a changed slug (or year) leaves a permanent redirect behind.

A model opts in with `url_paths()`, a dict naming each public address it owns (its own
page, and the pages of its parts whose address contains its slug), and
`address_fields`, the fields those addresses are made of; it remembers its stored
values (`wego_site.core.stored_values.RemembersStoredValues`). Before a save whose
address fields changed, the addresses of the row as stored are worked out; after it,
each address that changed is recorded as a `Redirect`. A middleware answers a 404 on an
old address with a 301.
"""

import copy

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.http import HttpResponsePermanentRedirect

from wego_site.core.models import Redirect


def stored_url_paths(instance):
    """`url_paths()` of the row as stored, or None when its address fields are unchanged
    (or it is not stored yet)."""
    stored = instance.stored_values(*instance.address_fields)
    attnames = {name: instance._meta.get_field(name).attname for name in stored}
    if all(getattr(instance, attnames[name]) == value for name, value in stored.items()):
        return None
    as_stored = copy.copy(instance)
    for name, value in stored.items():
        setattr(as_stored, attnames[name], value)
    return as_stored.url_paths()


@receiver(pre_save, dispatch_uid="redirects_remember_old_paths")
def remember_old_paths(sender, instance, raw=False, **kwargs):
    if raw or not hasattr(sender, "url_paths"):
        return
    instance._old_url_paths = stored_url_paths(instance)


@receiver(post_save, dispatch_uid="redirects_record_changed_paths")
def record_changed_paths(sender, instance, raw=False, created=False, **kwargs):
    old_paths = instance.__dict__.pop("_old_url_paths", None)
    if raw or created or not old_paths:
        return
    new_paths = instance.url_paths()
    for key, old_path in old_paths.items():
        new_path = new_paths.get(key)
        if new_path and new_path != old_path:
            Redirect.objects.record(old_path, new_path)


class OldAddressRedirectMiddleware:
    """Like django.contrib.redirects' fallback: acts only when the page was not found."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # No recorded address holds a NUL, and PostgreSQL refuses one in a query.
        if response.status_code != 404 or "\x00" in request.path:
            return response
        redirect = Redirect.objects.filter(old_path=request.path).only("new_path").first()
        if redirect is None:
            return response
        new_path = redirect.new_path
        if query := request.META.get("QUERY_STRING"):
            new_path = f"{new_path}?{query}"
        return HttpResponsePermanentRedirect(new_path)
