"""The data sets described for machines: schema.org’s Dataset (for dataset search
engines) and the Frictionless Data Package (for tools that read and check the files)."""

from django.conf import settings
from django.urls import reverse

from wego_site.core.linked_data import WEGO_NAME, WEGO_SHORT_NAME, WEGO_URL, wego_organization

NAME = "wego-training-programs"
TITLE = f"{WEGO_SHORT_NAME} training programs: editions, participation, news and testimonials"
DESCRIPTION = (
    "The public record of the capacity-building training programs of WeGO, the World "
    "Smart Sustainable Cities Organization: every edition since 2011 with its dates, venue, "
    "topics and counts; the cities and public bodies that took part, by country; news "
    "posts; and what former participants said."
)


def citation(page_url):
    licence = settings.OPEN_DATA_LICENCE
    return (
        f"{WEGO_NAME} ({WEGO_SHORT_NAME}). {TITLE}. {page_url} "
        f"(retrieved on the date you downloaded it). Licence: {licence['title']}."
    )


def csv_url(request, table):
    return request.build_absolute_uri(reverse("opendata:table_csv", args=[table.name]))


def dataset(request, tables):
    page_url = request.build_absolute_uri(reverse("opendata:datasets"))
    licence = settings.OPEN_DATA_LICENCE
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": TITLE,
        "description": DESCRIPTION,
        "url": page_url,
        "license": licence["url"],
        "isAccessibleForFree": True,
        "creator": wego_organization(page_url),
        "publisher": wego_organization(page_url),
        "citation": citation(page_url),
        "keywords": ["capacity building", "e-government", "smart cities", "training"],
        "distribution": [
            *(
                {
                    "@type": "DataDownload",
                    "name": table.title,
                    "description": table.description,
                    "encodingFormat": "text/csv",
                    "contentUrl": csv_url(request, table),
                }
                for table in tables
            ),
            {
                "@type": "DataDownload",
                "name": "Data package (Frictionless)",
                "encodingFormat": "application/json",
                "contentUrl": request.build_absolute_uri(reverse("opendata:data_package")),
            },
        ],
    }


def data_package_description(request, tables):
    page_url = request.build_absolute_uri(reverse("opendata:datasets"))
    licence = settings.OPEN_DATA_LICENCE
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "homepage": page_url,
        "licenses": [{"name": licence["id"], "title": licence["title"], "path": licence["url"]}],
        "contributors": [{"title": WEGO_NAME, "role": "publisher", "path": WEGO_URL}],
        "resources": [
            {
                "name": table.name,
                "title": table.title,
                "description": table.description,
                # Relative to this file, so the package reads the same on every host.
                "path": table.filename,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                # UTF-8 that starts with a byte order mark (see files.csv_text).
                "encoding": "utf-8-sig",
                "schema": table.schema(),
                **({"sources": table.sources} if table.sources else {}),
            }
            for table in tables
        ],
    }
