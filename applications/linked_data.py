"""schema.org data of a call for applications: the Offer of its edition's Event."""

from applications.models import CallState

AVAILABILITY = {
    CallState.UPCOMING: "https://schema.org/PreOrder",
    CallState.OPEN: "https://schema.org/InStock",
    CallState.CLOSED: "https://schema.org/SoldOut",
}


def offer_json_ld(call, url):
    """schema.org Offer for the edition's Event: applying at `url` (absolute), and until
    when."""
    return {
        "@type": "Offer",
        "url": url,
        "availability": AVAILABILITY[call.state()],
        "validFrom": call.opens_at.isoformat(),
        "validThrough": call.closes_at.isoformat(),
        "description": call.costs,
    }
