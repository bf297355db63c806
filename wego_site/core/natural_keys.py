"""Natural keys: fixtures name a row by the fields that identify it, not by its id, so
reloading a fixture updates the row it names instead of adding another."""

from django.db import models


class NaturalKeyManager(models.Manager):
    """Looks a row up by its natural key: the values of the named `fields`, in the order
    the model's `natural_key()` returns them.

    `objects = NaturalKeyManager("slug")`; with the model's own queryset:
    `objects = NaturalKeyManager.from_queryset(ProgramQuerySet)("slug")`.
    """

    def __init__(self, *fields):
        super().__init__()
        self.natural_key_fields = fields

    def get_by_natural_key(self, *values):
        return self.get(**dict(zip(self.natural_key_fields, values, strict=True)))
