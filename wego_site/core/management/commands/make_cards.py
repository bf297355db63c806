from django.core.management.base import BaseCommand

from wego_site.core.cards import card_models


class Command(BaseCommand):
    help = (
        "Make the social cards that are missing or out of date (saving a row makes its "
        "card; this is for rows that arrived another way, such as the seed fixtures, and "
        "after a change of the drawing or the palette)."
    )

    def handle(self, *args, **options):
        made = 0
        for model in card_models():
            for row in model._base_manager.all().order_by("pk").iterator(chunk_size=200):
                made += row.refresh_card()
        self.stdout.write(self.style.SUCCESS(f"Social cards made: {made}."))
