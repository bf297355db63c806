from django.db import models


class SeedLoad(models.Model):
    """Records that a seed fixture file was loaded, so it is never loaded over an editor's work."""

    fixture = models.CharField(max_length=200, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["fixture"]
        verbose_name = "seed load"

    def __str__(self):
        return f"{self.fixture} (loaded {self.loaded_at:%Y-%m-%d %H:%M})"
