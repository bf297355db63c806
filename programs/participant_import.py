"""Reading an edition's participants from a CSV file, checked row by row before any save.

Columns: `name,country` (a header line naming them is required), and optionally `city`
when the name is a body's ("Urban Development Authority" in the city "Battaramulla");
other columns are ignored. They are separated by commas, semicolons (as spreadsheets in
most European languages save CSV) or tabs: the separator is read from the file itself.
A country is read as the site, the application form and the applications' export write
it: a country stored under "Countries" (by its name, ignoring case, or its ISO code), or
any country of the ISO list by its English name ("South Korea", "Colombia") or its
two-letter code ("KR"), added under Countries when the rows are saved, as accepting an
applicant does. A name that matches no country is refused, so a typo never becomes a
new country.

Each row is placed on the map (programs.models.places.PlaceFinder): a place already
stored, or the gazetteer's one city of that name in that country, added as a place when
the rows are saved. A row that cannot be placed is still imported, and listed.
"""

import csv
import io
import unicodedata
from dataclasses import dataclass, field, replace

from django.db import transaction
from django.db.models import Max
from django_countries import countries as iso_countries

from programs.countries import country_code
from programs.models import Country, Participant
from programs.models.places import PlaceFinder, PlaceMatch

MAX_ROWS = 1000
NAME_MAX_LENGTH = Participant._meta.get_field("name").max_length


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message says why."""


@dataclass
class ImportRow:
    line: int
    name: str
    country_name: str
    city_name: str = ""
    country: Country | None = None
    place_match: PlaceMatch | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def is_placed(self):
        return self.place_match is not None and self.place_match.found

    @property
    def place_problem(self):
        """Why the row was not placed and how to place it: a row named by a body, with no
        city column, can give its city in one."""
        if self.is_placed or self.place_match is None:
            return ""
        problem = self.place_match.problem
        if not self.city_name:
            problem += " Or give its city in a third column: name,city,country."
        return problem

    @property
    def adds_a_country(self):
        return self.country is not None and self.country.pk is None


class CountryReader:
    """The country a cell names: a stored one by its name, else the one of its ISO code as
    accepting an applicant finds it (Country.objects.for_code), which may be a new one,
    unsaved: one instance per code, so the rows that name it share it until it is saved."""

    def __init__(self):
        self.by_name = {country.name.casefold(): country for country in Country.objects.all()}
        self.by_code = {}

    def read(self, text):
        key = text.casefold()
        if key in self.by_name:
            return self.by_name[key]
        code = text.upper() if len(text) == 2 and text.upper() in iso_countries else ""
        code = code or iso_countries.by_name(text, insensitive=True) or country_code(text)
        if not code:
            return None
        if code not in self.by_code:
            name = str(iso_countries.name(code))
            self.by_code[code] = Country.objects.for_code(code, name, save=False)
        return self.by_code[code]


def has_control_characters(text):
    """Whether `text` holds a control character (NUL, a line break inside a cell, ...):
    invisible in a spreadsheet, never part of a name."""
    return any(unicodedata.category(char) == "Cc" for char in text)


CONTROL_CHARACTER_HELP = (
    "an invisible control character (such as a NUL byte): retype it in your spreadsheet, "
    "save the file again and check it again."
)


MAX_FILE_BYTES = 1024 * 1024
SEPARATORS = {",": "commas", ";": "semicolons", "\t": "tabs"}


def sniff_separator(text):
    """The separator of `text`: comma, semicolon or tab, read from its first lines
    (a comma when they do not tell)."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(SEPARATORS)).delimiter
    except csv.Error:
        return ","


def decode_upload(upload):
    if upload.size > MAX_FILE_BYTES:
        raise ImportFileError("The file is larger than 1 MB; a participant list is much smaller.")
    data = upload.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            "The file is not UTF-8 text. In your spreadsheet, use “Save as” › "
            "“CSV UTF-8 (comma delimited)” and upload that file."
        ) from None


def read_participants(text, edition):
    """Every row of `text` with its errors; raises ImportFileError for an unreadable file."""
    reader = csv.reader(io.StringIO(text), delimiter=sniff_separator(text))
    try:
        lines = [line for line in reader if any(cell.strip() for cell in line)]
    except csv.Error as error:
        raise ImportFileError(f"The file is not a readable CSV file ({error}).") from None
    if not lines:
        raise ImportFileError("The file is empty.")
    if any(has_control_characters(cell) for cell in lines[0]):
        raise ImportFileError(f"The first line holds {CONTROL_CHARACTER_HELP}")
    header = [cell.strip().lower() for cell in lines[0]]
    if "name" not in header or "country" not in header:
        raise ImportFileError(
            "The first line must name the columns: “name,country”. "
            f"It reads: “{','.join(lines[0])}”."
        )
    if len(lines) == 1:
        raise ImportFileError("The file has column names but no participants.")
    if len(lines) - 1 > MAX_ROWS:
        raise ImportFileError(f"The file has more than {MAX_ROWS} rows; split it up.")
    name_at, country_at = header.index("name"), header.index("country")
    city_at = header.index("city") if "city" in header else None
    countries = CountryReader()
    existing = {
        (name.lower(), country_id)
        for name, country_id in edition.participants.values_list("name", "country_id")
    }
    seen = {}
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = [*line, "", "", ""]
        row = ImportRow(
            line=number,
            name=cells[name_at].strip(),
            country_name=cells[country_at].strip(),
            city_name=cells[city_at].strip() if city_at is not None else "",
        )
        read = {"name": row.name, "country": row.country_name, "city": row.city_name}
        for column, value in read.items():
            if has_control_characters(value):
                row.errors.append(f"The {column} holds {CONTROL_CHARACTER_HELP}")
        # Other columns are ignored, but a NUL byte anywhere cannot be sent back to save.
        if "\x00" in "".join(line) and not row.errors:
            row.errors.append(f"The line holds {CONTROL_CHARACTER_HELP}")
        if not row.name:
            row.errors.append("The name is empty.")
        elif len(row.name) > NAME_MAX_LENGTH:
            row.errors.append(f"The name is longer than {NAME_MAX_LENGTH} characters.")
        if not row.country_name:
            row.errors.append("The country is empty.")
        else:
            row.country = countries.read(row.country_name)
            if row.country is None:
                row.errors.append(
                    f"Unknown country “{row.country_name}”: write its English name "
                    "(“South Korea”) or its two-letter ISO code (“KR”)."
                )
        if row.name and row.country:
            key = (row.name.lower(), row.country.pk)
            if key in existing:
                row.errors.append("Already listed as a participant of this edition.")
            elif key in seen:
                row.errors.append(f"The same as line {seen[key]}.")
            seen.setdefault(key, number)
        rows.append(row)
    finder = PlaceFinder()
    for row in rows:
        if not row.errors:
            row.place_match = finder.match(row.city_name or row.name, row.country)
    return rows


def unplaced(rows):
    """The rows whose place was not found, to list after saving."""
    return [row for row in rows if not row.errors and not row.is_placed]


@transaction.atomic
def save_participants(edition, rows):
    """Add every row after the edition's current participants; all or nothing."""
    if any(row.errors for row in rows):
        raise ValueError("Rows with errors are never saved.")
    added = {}
    for row in rows:
        if row.adds_a_country:
            code = row.country.code
            if code not in added:
                added[code] = Country.objects.for_code(code, row.country.name)
            row.country = added[code]
            if row.place_match is not None:
                row.place_match = replace(row.place_match, country=row.country)
    last = edition.participants.aggregate(last=Max("position"))["last"] or 0
    return [
        Participant.objects.create(
            edition=edition,
            position=last + offset,
            name=row.name,
            country=row.country,
            place=row.place_match.get_or_create_place() if row.place_match else None,
        )
        for offset, row in enumerate(rows, start=1)
    ]
