"""Natural keys: fixtures name a row by the fields that identify it, not by its id, so
reloading a fixture updates the row it names instead of adding another.

A model names those fields once, in its manager: `objects = NaturalKeyManager("slug")`
(with the model's own queryset: `NaturalKeyManager.from_queryset(ProgramQuerySet)("slug")`),
and takes `natural_key()` from `NaturalKeyMixin`, so the two always agree. A model whose
key needs another model's rows loaded first writes its own `natural_key()` with
`natural_key.dependencies`, which Django reads from the model's own method.
"""

from functools import reduce

from django.db import models


class NaturalKeyManager(models.Manager):
    """Looks a row up by the values of the named `fields` (lookups such as
    "program__slug" reach through relations), in the order `natural_key()` gives them."""

    def __init__(self, *fields):
        super().__init__()
        self.natural_key_fields = fields

    def get_by_natural_key(self, *values):
        return self.get(**dict(zip(self.natural_key_fields, values, strict=True)))


class NaturalKeyMixin:
    """`natural_key()`: the values of the fields the model's `NaturalKeyManager` names."""

    def natural_key(self):
        return tuple(
            reduce(getattr, field.split("__"), self)
            for field in type(self)._default_manager.natural_key_fields
        )
