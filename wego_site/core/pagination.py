"""Pagination shared by the site's long lists: news, the archive of editions, testimonials."""

from wego_site.pagecache.generation import per_generation


class PaginatedListMixin:
    """For a `ListView` with `paginate_by`: links to a few pages around the current one
    (`page_range`), the page number in the title (`title_suffix`), and a total counted
    once per content generation, since counting every row is what grows with the archive.
    """

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        # Named by the view and its arguments (a year as an integer, a tag that exists),
        # never by the raw path, so odd spellings of an address add no names.
        name = f"count:{type(self).__name__}:{sorted(self.kwargs.items())}"
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
