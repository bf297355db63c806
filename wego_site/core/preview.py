"""Staff preview of unpublished content on its real public page.

A public detail view that includes `Previewable` shows drafts and scheduled rows too
when it is built with `preview=True`. The admin (`PublishableAdmin.preview_view`) finds
an object's page by resolving its public address, so a preview is the page visitors
will see, whichever app composes it; the admin decides access by the model's view or
change permission (never a query-string flag). A preview is never cached by anyone.
"""

from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers


class Previewable:
    """For a public detail view: `visible()` keeps the published rows, or every row in a
    staff preview, which also gets `is_preview` and `preview_is_public` in its context."""

    preview = False

    def visible(self, rows):
        """`rows.published()` on the public page; every row in a preview."""
        return rows.all() if self.preview else rows.published()

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if self.preview:
            add_never_cache_headers(response)
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.preview:
            context["is_preview"] = True
            context["preview_is_public"] = self.object.is_published
        return context


def preview_page(obj):
    """(view, args, kwargs) that show `obj`'s public page with drafts, or None when its
    page is not a `Previewable` view (a list, a form)."""
    try:
        match = resolve(urlsplit(obj.get_absolute_url()).path)
    except Resolver404:
        return None
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not issubclass(view_class, Previewable):
        return None
    return view_class.as_view(preview=True), match.args, match.kwargs
