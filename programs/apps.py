from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    """A replaced or deleted program document stays in storage, like a news cover: an
    edition's earlier versions (its history) still link to it, and a revert brings it
    back."""

    name = "programs"
    verbose_name = "Training programs"
