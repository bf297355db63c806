import django.contrib.postgres.search
from django.db import migrations, models

import wego_site.core.fulltext


class Migration(migrations.Migration):
    """The dateline leaves a post's search document: every post is filed from SEOUL, so a
    search for Seoul found them all. A generated column cannot be altered: it is dropped
    with its index and added again, which recomputes every row."""

    dependencies = [
        ("news", "0011_search_dateline"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="post",
            name="post_search_idx",
        ),
        migrations.RemoveField(
            model_name="post",
            name="search_document",
        ),
        migrations.AddField(
            model_name="post",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=wego_site.core.fulltext.StoredSearchVector(
                    "title", "lede", "body", config="english"
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
            ),
        ),
        migrations.AddIndex(
            model_name="post",
            index=wego_site.core.fulltext.SearchIndex(
                fields=["search_document"], name="post_search_idx"
            ),
        ),
    ]
