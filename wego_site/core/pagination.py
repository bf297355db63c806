"""Pagination shared by the site's long lists: news, the archive of editions, testimonials."""

import re

from django.utils import timezone

from wego_site.pagecache.generation import PAGES_KEPT, per_generation, per_generation_each

# The page numbers a list keeps its rows for: "2", "last"; anything else is read afresh
# (and is most likely a 404).
_KEPT_PAGE = re.compile(r"[1-9][0-9]{0,5}|last")


class PaginatedListMixin:
    """For a `ListView` with `paginate_by`: links to a few pages around the current one
    (`page_range`), the page number in the title (`title_suffix`), and a total counted
    once per content generation, since counting every row is what grows with the archive.

    A page's rows are read once per content generation and day too (a list may hold only
    the editions held by today; nothing else of the request than its address and page
    number decides them), at most PAGES_KEPT pages of each kind of list a day.
    """

    def paginate_queryset(self, queryset, page_size):
        number = self.request.GET.get(self.page_kwarg) or self.kwargs.get(self.page_kwarg) or "1"
        if not _KEPT_PAGE.fullmatch(str(number)):
            return super().paginate_queryset(queryset, page_size)

        def read_page():
            paginator, page, rows, is_paginated = super(PaginatedListMixin, self).paginate_queryset(
                queryset, page_size
            )
            # The rows themselves, not a query to run again.
            page.object_list = list(rows)
            return paginator, page, page.object_list, is_paginated

        name = f"list-pages:{type(self).__name__}:{timezone.localdate().isoformat()}"
        key = (tuple(sorted(self.kwargs.items())), str(number))
        return per_generation_each(name, key, read_page, PAGES_KEPT)

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        # Named by the view and its arguments (a year as an integer, a tag that exists),
        # never by the raw path, so odd spellings of an address add no names; and by the
        # day, as for the rows.
        day = timezone.localdate().isoformat()
        name = f"count:{type(self).__name__}:{sorted(self.kwargs.items())}:{day}"
        paginator.count = per_generation(name, lambda: paginator.count)
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        if page:
            # 1 2 … 6 7 [8] 9 10 … 999 1000: a page of links, not a thousand.
            context["page_range"] = page.paginator.get_elided_page_range(page.number)
        # Each page of a list has its own title.
        context["title_suffix"] = f", page {page.number}" if page and page.number > 1 else ""
        return context
