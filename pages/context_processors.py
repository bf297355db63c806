"""What the footer of every page shows, computed only when a page renders the footer."""

from django.utils.functional import SimpleLazyObject

from programs.views import public_contacts


def footer(request):
    return {"footer_contacts": SimpleLazyObject(public_contacts)}
