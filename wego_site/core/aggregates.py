"""A query helper shared by the apps (imports nothing of them)."""

from django.db.models import Subquery, Value


def scalar_aggregate(queryset, aggregate):
    """`aggregate` over the whole `queryset`, as a one-value subquery to annotate with.

    Uncorrelated, so the database computes it once per query, not once per row: a page
    gets a figure without spending a query of its own on it.
    """
    return Subquery(
        queryset.order_by()
        .annotate(_all=Value(1))
        .values("_all")
        .annotate(value=aggregate)
        .values("value")
    )
