"""A field's value as stored, for code that reacts to a save (a changed slug leaves a
redirect, a new cover gets its renditions) without reading the row again.

The values a row was loaded with are kept as it is loaded (Django's documented
`Model.from_db` recipe) and after each save, so `stored_values()` in a `pre_save`
receiver answers from memory. Only a row built in code with the primary key of a row
that exists (never loaded) costs a query, once.
"""

from django.db import models
from django.db.models.fields.files import FieldFile


def _plain(value):
    """A file field's value by its name, as the database holds it."""
    return value.name if isinstance(value, FieldFile) else value


class RemembersStoredValues(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        fields = (
            self._meta.concrete_fields
            if update_fields is None
            else [self._meta.get_field(name) for name in update_fields]
        )
        known = self.__dict__.setdefault("_stored_values", {})
        for field in fields:
            if field.attname in self.__dict__:  # a deferred field was not saved
                known[field.attname] = _plain(self.__dict__[field.attname])

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # `field_names` are attribute names ("program_id"); deferred fields are left out.
        instance._stored_values = dict(zip(field_names, values, strict=True))
        return instance

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        # Fields not refreshed may hold changes not saved yet: ask again when needed.
        self.__dict__.pop("_stored_values", None)

    def stored_values(self, *names):
        """{name: value} of the fields named as the database holds them now (a foreign key
        by its id, a file by its name); {} for a row not stored yet."""
        if self._state.adding or self.pk is None:
            return {}
        attnames = {name: self._meta.get_field(name).attname for name in names}
        known = self.__dict__.setdefault("_stored_values", {})
        missing = [attname for attname in attnames.values() if attname not in known]
        if missing:
            row = type(self)._base_manager.filter(pk=self.pk).values(*missing).first()
            if row is None:
                return {}
            known.update(row)
        return {name: known[attname] for name, attname in attnames.items()}
