"""A large, clearly synthetic data set, for benchmarks and query-budget tests only.

Every row it makes is marked: slugs start with "bench-", titles with "Synthetic", so
it can never be mistaken for WeGO's content and `--delete` removes exactly these rows.
It writes only to the database, never to the seed fixtures in fixtures/.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from news.models import Post, TaggedPost
from programs.models import Country, Edition, Participant, Program, ProgramKind, Topic
from testimonials.models import Testimonial
from wego_site.core.publishing import PublicationStatus
from wego_site.pagecache.generation import bump_generation

PREFIX = "bench-"
BATCH = 2000
PUBLISHED = PublicationStatus.PUBLISHED


class Command(BaseCommand):
    help = (
        "Add a large synthetic data set for benchmarks (slugs start with 'bench-'). "
        "Never run it on a production database. --delete removes it again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=10_000)
        parser.add_argument("--programs", type=int, default=500)
        parser.add_argument("--editions", type=int, default=5_000)
        parser.add_argument("--participants", type=int, default=50_000)
        parser.add_argument("--testimonials", type=int, default=1_000)
        parser.add_argument(
            "--delete", action="store_true", help="Remove the synthetic rows and stop."
        )

    def handle(self, *args, delete, **options):
        sizes = {
            name: options[name]
            for name in ("posts", "programs", "editions", "participants", "testimonials")
        }
        if any(size < 0 for size in sizes.values()):
            raise CommandError("Sizes cannot be negative.")
        if delete:
            self.delete()
            bump_generation()
            return
        if Program.objects.filter(slug__startswith=PREFIX).exists():
            raise CommandError("Synthetic data is already there; run with --delete first.")
        if sizes["programs"] < 1 and (sizes["editions"] or sizes["testimonials"]):
            raise CommandError("Editions and testimonials need at least one program.")
        if sizes["editions"] < 1 and (sizes["participants"] or sizes["testimonials"]):
            raise CommandError("Participants and testimonials need at least one edition.")
        self.generate(**sizes)
        bump_generation()  # bulk_create sends no signal: retire cached pages here

    @transaction.atomic
    def delete(self):
        Testimonial.objects.filter(person_name__startswith="Synthetic").delete()
        Post.objects.filter(slug__startswith=PREFIX).delete()
        Edition.objects.filter(program__slug__startswith=PREFIX).delete()
        Program.objects.filter(slug__startswith=PREFIX).delete()
        Tag.objects.filter(slug__startswith=PREFIX).delete()
        Country.objects.filter(name__startswith="Synthetic").delete()
        self.stdout.write("Synthetic benchmark data removed.")

    @transaction.atomic
    def generate(self, *, posts, programs, editions, participants, testimonials):
        # Older than the seed's content, so the seed's news stays "latest".
        base = timezone.make_aware(dt.datetime(2019, 12, 31, 12, 0))
        kinds = list(ProgramKind)
        program_rows = Program.objects.bulk_create(
            [
                Program(
                    title=f"Synthetic benchmark program {n}",
                    slug=f"{PREFIX}program-{n:05d}",
                    kind=kinds[n % len(kinds)],
                    summary=f"Synthetic program {n}, generated for load testing.",
                    body="Synthetic text. " * 40,
                    status=PUBLISHED,
                    published_at=base - dt.timedelta(days=n),
                    position=1000 + n,
                )
                for n in range(programs)
            ],
            batch_size=BATCH,
        )
        edition_rows = Edition.objects.bulk_create(
            [
                Edition(
                    program=program_rows[n % programs],
                    title=f"Synthetic edition {n}",
                    slug=f"{PREFIX}edition-{n:05d}",
                    start_date=dt.date(1990 + n % 30, 1 + n % 12, 1),
                    end_date=dt.date(1990 + n % 30, 1 + n % 12, 5),
                    venue_city="Synthetic City",
                    summary="Synthetic edition, generated for load testing.",
                    participant_count=10,
                    status=PUBLISHED,
                    published_at=base - dt.timedelta(days=n),
                )
                for n in range(editions)
            ],
            batch_size=BATCH,
        )
        countries = Country.objects.bulk_create(
            [Country(name=f"Synthetic country {n:02d}") for n in range(20)]
        )
        Topic.objects.bulk_create(
            [
                Topic(edition=edition, position=position, title=f"Synthetic topic {position}")
                for edition in edition_rows
                for position in range(1, 4)
            ],
            batch_size=BATCH,
        )
        per_edition = -(-participants // editions) if editions else 0
        Participant.objects.bulk_create(
            [
                Participant(
                    edition=edition_rows[n // per_edition],
                    position=n % per_edition,
                    name=f"Synthetic city {n}",
                    country=countries[n % len(countries)],
                )
                for n in range(participants)
            ],
            batch_size=BATCH,
        )
        tags = Tag.objects.bulk_create(
            [Tag(name=f"Synthetic tag {n:02d}", slug=f"{PREFIX}tag-{n:02d}") for n in range(20)]
        )
        post_rows = Post.objects.bulk_create(
            [
                Post(
                    title=f"Synthetic benchmark news post {n}",
                    slug=f"{PREFIX}post-{n:05d}",
                    dateline="SYNTHETIC",
                    lede=f"Synthetic lede of post {n}, generated for load testing only.",
                    body="Synthetic paragraph about smart cities and e-government. " * 30,
                    status=PUBLISHED,
                    published_at=base - dt.timedelta(hours=8 * n),
                )
                for n in range(posts)
            ],
            batch_size=BATCH,
        )
        TaggedPost.objects.bulk_create(
            [
                TaggedPost(content_object=post, tag=tags[(n + offset) % len(tags)])
                for n, post in enumerate(post_rows)
                for offset in (0, 7)
            ],
            batch_size=BATCH,
        )
        if programs:
            Post.related_programs.through.objects.bulk_create(
                [
                    Post.related_programs.through(post=post, program=program_rows[n % programs])
                    for n, post in enumerate(post_rows)
                ],
                batch_size=BATCH,
            )
        Testimonial.objects.bulk_create(
            [
                Testimonial(
                    quote="Synthetic quote, generated for load testing.",
                    person_name=f"Synthetic Person {n}",
                    city="Synthetic City",
                    year=edition_rows[n % editions].start_date.year,
                    edition=edition_rows[n % editions],
                    status=PUBLISHED,
                    published_at=base - dt.timedelta(days=n),
                )
                for n in range(testimonials)
            ],
            batch_size=BATCH,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic benchmark data: {programs} programs, {editions} editions, "
                f"{participants} participants, {posts} posts, {testimonials} testimonials."
            )
        )
