"""What the site adds to Django's date-based archive views (`ArchiveIndexView`,
`YearArchiveView`) of public rows: news by year, editions by year."""

import datetime as dt

from django.utils import timezone

from wego_site.pagecache.generation import per_generation


class DateArchiveMixin:
    """`date_list`, a DISTINCT over every row's date, gathered once per content generation
    (it grows with the archive); the year the address names given to templates as a
    number, as the year chips and titles write it."""

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        # Named by the view and its arguments (a year as a number), never the raw path, and
        # by the day (the archive's list holds the editions held by today).
        day = timezone.localdate().isoformat()
        view = f"{type(self).__name__}:{sorted(self.kwargs.items())}"
        name = f"dates:{view}:{date_type}:{ordering}:{day}"
        return per_generation(
            name,
            lambda: list(
                super(DateArchiveMixin, self).get_date_list(queryset, date_type, ordering)
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if isinstance(context.get("year"), dt.date):
            context["year"] = context["year"].year
        return context
