from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "Training programs"

    def ready(self):
        from programs import signals  # noqa: F401 - removes replaced program documents
