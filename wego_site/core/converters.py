"""Path converters the site's addresses share."""

import datetime as dt


class YearConverter:
    """`<year:year>`: a year a date can hold in every time zone, as a number; any other
    number is no match (a 404), never an error further on."""

    regex = "[0-9]{1,4}"

    def to_python(self, value):
        year = int(value)
        if not dt.MINYEAR < year < dt.MAXYEAR:
            raise ValueError("No such year.")
        return year

    def to_url(self, value):
        return str(value)
