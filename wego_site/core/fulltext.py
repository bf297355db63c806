"""Full-text search building blocks shared by the content models (PostgreSQL only).

Each searchable model names its searchable text once, with
`search_document = search_document_field("title", "body", ...)`: a `tsvector` column
that the database itself computes from those fields on every insert and update (a
stored generated column, so bulk inserts, fixtures and raw SQL keep it true too), with
`SearchIndex(fields=["search_document"], ...)`, a GIN index, on it. Searching, ranking
and counting then read the stored vector instead of re-parsing every matching text, so
a word found in thousands of long posts costs little more than a rare one. Like
`publishing.py`, this module imports nothing of the apps.

On SQLite there is no full-text search: the column holds NULL, the index is skipped
(see `SearchIndex`) and the site search falls back to a plain case-insensitive match
on the same fields (`searchable_fields`).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models

# The text search configuration: English stemming ("workshops" finds "workshop").
SEARCH_CONFIG = "english"


class StoredSearchVector(SearchVector):
    """`to_tsvector(...)` of the fields on PostgreSQL, NULL on other databases."""

    def as_sql(self, compiler, connection, *args, **kwargs):
        if connection.vendor != "postgresql":
            return "NULL", []
        return super().as_sql(compiler, connection, *args, **kwargs)


def search_document_field(*fields):
    """The stored `tsvector` of `fields`, with the site's configuration.

    Declare it as the model's `search_document`, and exclude it from the model's versions
    (`reversion.register(exclude=["search_document"])`): it is derived data.
    """
    return models.GeneratedField(
        expression=StoredSearchVector(*fields, config=SEARCH_CONFIG),
        output_field=SearchVectorField(null=True),
        db_persist=True,
    )


class SearchIndex(GinIndex):
    """A GIN index created on PostgreSQL only: on a model's `search_document` unless
    told otherwise (the first migrations put it on the `to_tsvector(...)` expression).

    Elsewhere this index's SQL is an SQL comment, so migrations stay the ones
    `makemigrations` writes and run unchanged on both databases.
    """

    def __init__(self, *expressions, fields=(), **kwargs):
        if not expressions and not fields:
            fields = ["search_document"]
        super().__init__(*expressions, fields=fields, **kwargs)

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return f"-- {self.name}: full-text index, PostgreSQL only"
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return f"-- {self.name}: full-text index, PostgreSQL only"
        return super().remove_sql(model, schema_editor, **kwargs)


def searchable_fields(model):
    """Names of the fields the model's search document is made of (SQLite fallback)."""
    vector = model._meta.get_field("search_document").expression
    return [expression.name for expression in vector.source_expressions]
