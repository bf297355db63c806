"""schema.org structured data shared by every section: WeGO itself, breadcrumbs, lists.

Pages put their JSON-LD in the context; `{% page_json_ld %}` (templatetags/wego.py)
writes the breadcrumbs and a list page's `CollectionPage` into every page's head.
"""

from typing import NamedTuple
from urllib.parse import urljoin

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

# WeGO's own site: the domain of the secretariat's addresses on the seed page.
WEGO_NAME = "World Smart Sustainable Cities Organization"
WEGO_SHORT_NAME = "WeGO"
WEGO_URL = "https://we-gov.org/"
# The word mark, drawn by `manage.py draw_icons` (square, 512 pixels).
LOGO = "icons/icon-512.png"


class Crumb(NamedTuple):
    name: str
    url: str


def absolute(base_url, path):
    """`path` (a site path or an absolute URL) made absolute against a page's URL."""
    return urljoin(base_url, path)


def wego_organization(base_url, logo=False):
    """WeGO as a schema.org Organization; with its logo on the landing page."""
    data = {
        "@type": "Organization",
        "name": WEGO_NAME,
        "alternateName": WEGO_SHORT_NAME,
        "url": WEGO_URL,
    }
    if logo:
        data["logo"] = {
            "@type": "ImageObject",
            "url": absolute(base_url, static(LOGO)),
            "width": 512,
            "height": 512,
        }
    return data


def breadcrumb_list(crumbs, base_url):
    """The trail from the landing page to this page (the last crumb) as a BreadcrumbList."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.name,
                "item": absolute(base_url, crumb.url),
            }
            for position, crumb in enumerate(crumbs, start=1)
        ],
    }


def collection_page(name, items, page_url, description=""):
    """A list page as a CollectionPage whose main entity is the ItemList it shows.

    `items` are (name, path) pairs in the order of the page.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": name,
        "url": page_url,
        "isPartOf": {
            "@type": "WebSite",
            "name": settings.SITE_NAME,
            "url": absolute(page_url, reverse("landing")),
        },
        "mainEntity": {
            "@type": "ItemList",
            "numberOfItems": len(items),
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": item_name,
                    "url": absolute(page_url, path),
                }
                for position, (item_name, path) in enumerate(items, start=1)
            ],
        },
    }
    if description:
        data["description"] = description
    return data


def collection(name, objects, label=str, url=None):
    """What a list page shows, for its CollectionPage: its name and (label, path) pairs."""
    url = url or (lambda item: item.get_absolute_url())
    return {"name": name, "items": [(label(item), url(item)) for item in objects]}


class BreadcrumbsMixin:
    """Gives a view's template `breadcrumbs`: the landing page, then `get_breadcrumbs()`,
    whose last crumb is the page itself. The visible trail leaves that last one out;
    the JSON-LD keeps it."""

    def get_breadcrumbs(self, context):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [
            Crumb("Home", reverse("landing")),
            *self.get_breadcrumbs(context),
        ]
        return context
