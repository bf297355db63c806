"""Full-text search building blocks shared by the content models (PostgreSQL only).

Each searchable model names its searchable text once, with `search_vector(...)`, and
uses that one expression twice: in `Meta.indexes` (a GIN index on the expression) and
in the site search's query. PostgreSQL uses an expression index only when the query's
expression is the very same one, text search configuration included, so both must come
from here. Like `publishing.py`, this module imports nothing of the apps.

On SQLite there is no full-text search: the index is skipped (see `SearchIndex`) and
the site search falls back to a plain case-insensitive match on the same fields.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector

# The text search configuration: English stemming ("workshops" finds "workshop").
SEARCH_CONFIG = "english"


def search_vector(*fields):
    """The tsvector of `fields`, with the site's configuration.

    Call it in a model's `Meta.indexes` and in the search query with the same fields in
    the same order, so PostgreSQL can answer the query from the index.
    """
    return SearchVector(*fields, config=SEARCH_CONFIG)


class SearchIndex(GinIndex):
    """A GIN index on a `search_vector(...)` expression, created on PostgreSQL only.

    Django would try to build an expression index on SQLite too (and again whenever it
    rebuilds a table there), and `to_tsvector ... USING gin` is not SQLite. Elsewhere
    this index's SQL is an SQL comment, so migrations stay the ones `makemigrations`
    writes and run unchanged on both databases.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return f"-- {self.name}: full-text index, PostgreSQL only"
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return f"-- {self.name}: full-text index, PostgreSQL only"
        return super().remove_sql(model, schema_editor, **kwargs)


def search_index_of(model):
    """The model's `SearchIndex`, or None if it has none."""
    return next((index for index in model._meta.indexes if isinstance(index, SearchIndex)), None)


def indexed_vector(model):
    """The exact expression of the model's search index, for use in queries."""
    return search_index_of(model).expressions[0].copy()


def indexed_fields(model):
    """Names of the fields in the model's search index (for the SQLite fallback)."""
    return [
        expression.name for expression in search_index_of(model).expressions[0].source_expressions
    ]
