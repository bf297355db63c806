"""The countries a form offers: django-countries' list, one choice per country."""

from django_countries import Countries


class OneNamePerCountry(Countries):
    """The country list with each country once, by the first of its names.

    `COUNTRIES_OVERRIDE` gives some countries two names ("Korea", "South Korea"): the
    first is the site's, the others keep `countries.by_name` finding them (the
    participants' import). django-countries offers every name as a choice; a form would
    then list Korea twice, under two names.
    """

    def translate_code(self, code, ignore_first=None):
        yield from list(super().translate_code(code, ignore_first))[:1]
