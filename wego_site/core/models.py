from django.core.exceptions import ValidationError
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


class RedirectQuerySet(models.QuerySet):
    def record(self, old_path, new_path):
        """Send `old_path` to `new_path` for good, keeping every chain one hop long.

        Addresses that led to `old_path` now lead to `new_path`; an address that comes
        back into use (a slug changed back) stops redirecting.
        """
        if old_path == new_path:
            return
        self.filter(old_path=new_path).delete()
        self.filter(new_path=old_path).update(new_path=new_path)
        self.update_or_create(old_path=old_path, defaults={"new_path": new_path})


class Redirect(models.Model):
    """An old web address that now lives elsewhere: answered with a permanent redirect."""

    old_path = models.CharField(
        "old address",
        max_length=300,
        unique=True,
        help_text="The path that no longer exists, e.g. “/news/2020/old-title/”.",
    )
    new_path = models.CharField(
        "new address", max_length=300, help_text="Where visitors are sent instead."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RedirectQuerySet.as_manager()

    class Meta:
        ordering = ["old_path"]
        verbose_name = "redirect from an old address"
        verbose_name_plural = "redirects from old addresses"

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"

    def clean(self):
        super().clean()
        errors = {}
        for name in ["old_path", "new_path"]:
            value = getattr(self, name)
            if not value.startswith("/") or value.startswith("//"):
                errors[name] = (
                    "Write an address on this site, starting with one “/”, e.g. “/news/”."
                )
        if not errors and self.old_path == self.new_path:
            errors["new_path"] = "The new address is the same as the old one."
        if errors:
            raise ValidationError(errors)
