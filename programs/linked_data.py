"""schema.org data of the programs' pages: a program as an EventSeries, an edition as an
Event. The pieces every section shares (WeGO itself, breadcrumbs, lists) are in
wego_site.core.linked_data."""

from programs.models import AttendanceMode
from wego_site.core.linked_data import WEGO_NAME, WEGO_URL, absolute, wego_organization

ATTENDANCE_MODES = {
    AttendanceMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    AttendanceMode.MIXED: "https://schema.org/MixedEventAttendanceMode",
}


def organisation_json(organisation):
    """An Organisation row as a schema.org Organization (its website only when known)."""
    data = {"@type": "Organization", "name": organisation.name}
    if organisation.acronym:
        data["alternateName"] = organisation.acronym
    if organisation.website:
        data["url"] = organisation.website
    elif organisation.name == WEGO_NAME:
        data["url"] = WEGO_URL
    return data


def series_json_ld(program, url, editions):
    """schema.org EventSeries for `program` and the public `editions` its page lists;
    `url` is the page's absolute URL."""
    data = {
        "@context": "https://schema.org",
        "@type": "EventSeries",
        "name": program.title,
        "url": url,
        "description": program.summary or f"{program.get_kind_display()} of WeGO.",
        "image": [absolute(url, program.card["url"])],
        "organizer": [
            wego_organization(url),
            *(organisation_json(partner) for partner in program.partners.all()),
        ],
        "subEvent": [
            {
                "@type": "Event",
                "name": edition.full_title,
                "url": absolute(url, edition.get_absolute_url()),
                "startDate": edition.start_date.isoformat(),
                "endDate": edition.end_date.isoformat(),
            }
            for edition in editions
        ],
    }
    if program.since_year:
        data["startDate"] = str(program.since_year)
    return data


def event_json_ld(edition, url, offers=None):
    """schema.org Event for `edition`; `url` is the page's absolute URL, `offers` how to
    take part (the call for applications' Offer, when the page shows one)."""
    organizers = [organisation_json(o) for o in edition.co_organisers.all()] or [
        wego_organization(url)
    ]
    program = edition.program
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": edition.full_title,
        "url": url,
        "startDate": edition.start_date.isoformat(),
        "endDate": edition.end_date.isoformat(),
        "eventAttendanceMode": ATTENDANCE_MODES[edition.attendance],
        # Nothing records a cancellation or a postponement: editions take place.
        "eventStatus": "https://schema.org/EventScheduled",
        "description": edition.summary or edition.facts_description(),
        "image": [absolute(url, edition.card["url"])],
        "organizer": organizers,
        "superEvent": {
            "@type": "EventSeries",
            "name": program.title,
            "url": absolute(url, program.get_absolute_url()),
        },
    }
    places = []
    if edition.attendance != AttendanceMode.ONLINE and edition.venue:
        address = {"@type": "PostalAddress"}
        if edition.venue_city:
            address["addressLocality"] = edition.venue_city
        if edition.venue_country and edition.venue_country.code:
            address["addressCountry"] = edition.venue_country.code
        places.append({"@type": "Place", "name": edition.venue, "address": address})
    if edition.attendance != AttendanceMode.IN_PERSON:
        # The edition's page is where participants learn how to join.
        places.append({"@type": "VirtualLocation", "url": url})
    if places:
        data["location"] = places[0] if len(places) == 1 else places
    if offers is not None:
        data["offers"] = offers
    return data


def place_json_ld(place, url):
    """schema.org Place (City or AdministrativeArea for a region; an Organization for an
    organisation) for a place's page, with its coordinates as `geo` and its GeoNames
    entry as `sameAs` when the gazetteer has it; `url` is the page's absolute URL."""
    types = {"city": "City", "region": "AdministrativeArea", "organisation": "Organization"}
    data = {
        "@context": "https://schema.org",
        "@type": types.get(place.kind, "Place"),
        "name": place.name,
        "url": url,
    }
    country = {"@type": "Country", "name": place.country.name}
    if place.country.code:
        country["identifier"] = place.country.code
    data["containedInPlace" if place.kind != "organisation" else "location"] = country
    if place.is_drawable:
        geo = {
            "@type": "GeoCoordinates",
            "latitude": float(place.latitude),
            "longitude": float(place.longitude),
        }
        if place.kind == "organisation":
            data["location"] = {"@type": "Place", "geo": geo, "containedInPlace": country}
        else:
            data["geo"] = geo
    if place.geonames_id:
        data["sameAs"] = f"https://www.geonames.org/{place.geonames_id}/"
    return data
