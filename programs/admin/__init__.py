"""The secretariat's side of programs: reference tables, places, programs, editions and
their parts. Importing this package registers every model admin (Django's autodiscovery
imports `programs.admin`)."""

from programs.admin import editions, parts, places, programs, reference  # noqa: F401 - registers them
