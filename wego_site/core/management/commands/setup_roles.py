from django.core.management.base import BaseCommand

from wego_site.core.roles import EDITOR_GROUP, ensure_editor_group


class Command(BaseCommand):
    help = (
        f"Create or correct the “{EDITOR_GROUP}” group: every content permission, nothing "
        "on users, groups or permissions. Safe to run again; `migrate` runs it too."
    )

    def handle(self, *args, **options):
        group = ensure_editor_group()
        self.stdout.write(
            self.style.SUCCESS(f"{group.name}: {group.permissions.count()} permissions.")
        )
