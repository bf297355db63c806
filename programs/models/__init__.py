"""The programs app's models, one module per thing modelled; every name is importable
from `programs.models`."""

from programs.models.documents import DOCUMENT_MAX_BYTES, validate_pdf_upload
from programs.models.editions import AttendanceMode, Edition, EditionQuerySet
from programs.models.organisations import Contact, Country, Organisation, RegionalOffice
from programs.models.parts import Participant, SiteVisit, Topic
from programs.models.places import Place, PlaceKind, PlaceQuerySet
from programs.models.programs import (
    RESERVED_PROGRAM_SLUGS,
    Introduction,
    IntroductionSection,
    Program,
    ProgramKind,
)

__all__ = [
    "DOCUMENT_MAX_BYTES",
    "RESERVED_PROGRAM_SLUGS",
    "AttendanceMode",
    "Contact",
    "Country",
    "Edition",
    "EditionQuerySet",
    "Introduction",
    "IntroductionSection",
    "Organisation",
    "Participant",
    "Place",
    "PlaceKind",
    "PlaceQuerySet",
    "Program",
    "ProgramKind",
    "RegionalOffice",
    "SiteVisit",
    "Topic",
    "validate_pdf_upload",
]
