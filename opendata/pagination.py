"""Lists come in pages: `page` (from 1) and `page_size` (up to 200)."""

from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = "There is no page {page_number} ({message}): pages start at 1."
