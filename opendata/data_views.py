"""The data sets' page, its CSV files and data package, and the API's documentation page.

Like every public page they are stored by the page cache, with `Cache-Control: public`
and an ETag, and retired with the content they hold.
"""

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
from drf_spectacular.generators import SchemaGenerator

from opendata.api_docs import operations
from opendata.files import csv_text, file_facts
from opendata.linked_data import data_package_description, dataset
from opendata.tables import TABLES
from wego_site.core.linked_data import BreadcrumbsMixin, Crumb

CSV_TYPE = "text/csv; charset=utf-8"


def licence_short_name(spdx_id):
    """An SPDX id as the licence is usually written: “CC-BY-4.0” as “CC BY 4.0”,
    “CC-BY-SA-4.0” as “CC BY-SA 4.0”, “ODC-By-1.0” as “ODC-By 1.0”."""
    name, _, version = spdx_id.rpartition("-")
    if name.startswith("CC-"):
        name = "CC " + name.removeprefix("CC-")
    return f"{name} {version}" if name else spdx_id


class DataSetsView(BreadcrumbsMixin, TemplateView):
    template_name = "opendata/datasets.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        facts = file_facts(TABLES.values(), request)
        context.update(
            tables=list(TABLES.values()),
            files=[(table, facts[table.name]) for table in TABLES.values()],
            licence=settings.OPEN_DATA_LICENCE,
            licence_name=licence_short_name(settings.OPEN_DATA_LICENCE["id"]),
            page_url=request.build_absolute_uri(request.path),
            dataset=dataset(request, TABLES.values()),
        )
        return context

    def get_breadcrumbs(self, context):
        return [Crumb("Open data", reverse("opendata:datasets"))]


@require_safe
def table_csv(request, name):
    table = TABLES.get(name)
    if table is None:
        raise Http404("No such data set.")
    text, _rows = csv_text(table, request)
    response = HttpResponse(text, content_type=CSV_TYPE)
    response["Content-Disposition"] = f'inline; filename="{table.filename}"'
    return response


@require_safe
def data_package(request):
    """The Frictionless Data Package: the data sets, each with its table schema."""
    return JsonResponse(
        data_package_description(request, TABLES.values()),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )


PERIODS = {
    "s": "second",
    "sec": "second",
    "min": "minute",
    "h": "hour",
    "hour": "hour",
    "day": "day",
}


def rate_text(rate):
    """“120/min” as “120 requests a minute”."""
    count, period = rate.split("/")
    return f"{count} request{'' if count == '1' else 's'} a {PERIODS[period]}"


class ApiDocsView(BreadcrumbsMixin, TemplateView):
    """The API's reference, written from its OpenAPI description."""

    template_name = "opendata/api_docs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        schema = SchemaGenerator().get_schema(request=None, public=True)
        context.update(
            schema=schema,
            operations=operations(schema),
            api_root=self.request.build_absolute_uri(reverse("opendata:api_root")),
            licence=settings.OPEN_DATA_LICENCE,
            throttle_rate=rate_text(settings.OPEN_DATA_API_RATE),
        )
        return context

    def get_breadcrumbs(self, context):
        return [
            Crumb("Open data", reverse("opendata:datasets")),
            Crumb("API documentation", reverse("opendata:api_docs")),
        ]
