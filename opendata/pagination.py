"""Lists come in pages: `page` (from 1) and `page_size` (1 to 200, 50 unless asked).

A `page` or `page_size` that is not a whole number in range, or given twice, is answered
with 400, not quietly replaced by the default: the caller would think it had what it
asked for. A page past the last is a 404.

The total of a list asked for without filters is counted once per content generation,
since counting every row is what grows with the data."""

import functools

from django.core.paginator import Paginator
from django.utils import timezone
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from wego_site.pagecache.generation import per_generation


def counted_once(name, *args, **kwargs):
    """A paginator whose total is counted once per content generation under `name`."""
    paginator = Paginator(*args, **kwargs)
    paginator.count = per_generation(name, lambda: paginator.count)
    return paginator


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = "There is no page {page_number} ({message}): pages start at 1."

    def paginate_queryset(self, queryset, request, view=None):
        for name in (self.page_query_param, self.page_size_query_param):
            values = request.query_params.getlist(name)
            if len(values) > 1:
                raise ValidationError({name: ["Give this parameter once."]})
        page = request.query_params.get(self.page_query_param)
        if page is not None and (not page.isdecimal() or int(page) < 1):
            raise ValidationError({self.page_query_param: ["Give a page number: 1 or more."]})
        unfiltered = not set(request.query_params) - {
            self.page_query_param,
            self.page_size_query_param,
        }
        if unfiltered and view is not None:
            # Named by the view alone (a filter's values, which a visitor chooses, never
            # add names) and the day: some lists count editions once they have ended.
            name = f"api-count:{type(view).__name__}:{timezone.localdate().isoformat()}"
            self.django_paginator_class = functools.partial(counted_once, name)
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        if not value.isdecimal() or not 1 <= int(value) <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        f"Give a whole number from 1 to {self.max_page_size}."
                    ]
                }
            )
        return int(value)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
                parameter["description"] = (
                    f"Items per page, from 1 to {self.max_page_size}; {self.page_size} unless given."
                )
        return parameters
