from django.core.management.base import BaseCommand

from news.models import Post
from wego_site.core.images import make_renditions, rendition_names


class Command(BaseCommand):
    help = (
        "Make the missing renditions of news covers (saving a cover in the admin makes them; "
        "this is for covers that arrived another way, e.g. copied media or fixtures). "
        "--all remakes every one."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", dest="remake_all", help="Remake existing renditions too."
        )

    def handle(self, *args, remake_all=False, **options):
        made = 0
        for post in Post.objects.exclude(cover_image="").only("pk", "cover_image"):
            storage, name = post.cover_image.storage, post.cover_image.name
            if remake_all or not all(storage.exists(r) for r in rendition_names(name)):
                make_renditions(name, storage)
                made += 1
        self.stdout.write(self.style.SUCCESS(f"Renditions made for {made} cover(s)."))
