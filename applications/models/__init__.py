"""Calls for applications and what applicants send; every name is importable from
`applications.models`. Personal data of the site lives here and nowhere else."""

from applications.models.applicants import (
    Application,
    ApplicationQuerySet,
    ApplicationStatus,
    Honorific,
    StatusChange,
)
from applications.models.calls import Call, CallQuerySet, CallState
from applications.models.decisions import DecisionEmail

__all__ = [
    "Application",
    "ApplicationQuerySet",
    "ApplicationStatus",
    "Call",
    "CallQuerySet",
    "CallState",
    "DecisionEmail",
    "Honorific",
    "StatusChange",
]
