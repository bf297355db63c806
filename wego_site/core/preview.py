"""Staff preview of unpublished content on its real page template.

Each app's admin subclasses its PUBLIC detail view with `PreviewMixin` and a
`get_queryset()` that includes drafts and scheduled rows. Access is decided by the
model's view/change permission (never a query-string flag), the object is looked up
by primary key from the admin URL, and the response is never cached by anyone.
"""

from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.utils.cache import add_never_cache_headers


class PreviewMixin:
    pk_url_kwarg = "object_id"

    def dispatch(self, request, *args, **kwargs):
        opts = self.model._meta
        allowed = any(
            request.user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")
            for action in ("view", "change")
        )
        if not (request.user.is_active and request.user.is_staff and allowed):
            raise PermissionDenied
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = True
        context["preview_is_public"] = self.object.is_published
        return context
