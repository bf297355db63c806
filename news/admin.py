from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.db import transaction
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.html import format_html
from taggit.models import Tag

from news.cover_upload import KeepsChosenCoverMixin
from news.models import Post, TaggedPost
from wego_site.core.admin import (
    AUDIT_FIELDSET,
    PUBLICATION_FIELDSET,
    ContentAdmin,
    PublishableAdmin,
)
from wego_site.core.admin import PublicationStateFilter as StateFilter

TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length


class PostAdminForm(KeepsChosenCoverMixin, forms.ModelForm):
    new_tags = forms.CharField(
        required=False,
        max_length=500,
        help_text="Tags that do not exist yet, separated by commas, e.g. “webinar, COVID-19”.",
    )

    class Meta:
        model = Post
        # The admin's fieldsets decide the fields shown; these are the ones this form needs.
        fields = ["tags", "cover_image", "cover_alt_text"]

    def clean(self):
        cleaned_data = super().clean()
        tags = list(cleaned_data.get("tags") or [])
        known = {tag.name.lower() for tag in tags}
        # Commas only separate tags: "smart cities" is one tag (taggit would split it).
        names = [name.strip() for name in cleaned_data.get("new_tags", "").split(",")]
        for name in filter(None, names):
            if len(name) > TAG_MAX_LENGTH:
                self.add_error(
                    "new_tags", f"A tag can be at most {TAG_MAX_LENGTH} characters: “{name[:30]}…”."
                )
                continue
            existing = Tag.objects.filter(name__iexact=name).first()
            if (existing.name if existing else name).lower() not in known:
                tags.append(existing or name)
                known.add(name.lower())
        cleaned_data["tags"] = tags
        return cleaned_data


@admin.register(Post)
class PostAdmin(PublishableAdmin):
    form = PostAdminForm
    list_display = [
        "title",
        "publication_state",
        "is_public",
        "publication_time",
        "tag_list",
        "has_cover",
    ]
    list_filter = [StateFilter, "tags", "related_programs"]
    search_fields = ["title", "lede", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["related_programs", "organisations"]
    fieldsets = [
        (None, {"fields": ["title", "slug"]}),
        PUBLICATION_FIELDSET,
        (
            "Cover picture",
            {
                "fields": [
                    "cover_image",
                    "pending_cover",
                    "cover_alt_text",
                    ("cover_caption", "cover_credit"),
                    "cover_focus",
                ],
                "description": (
                    "Optional: only a real photograph of the story. Shown above the story "
                    "and in lists, cropped to 3:2 around its focal point; without one, the "
                    "story's card is text only."
                ),
            },
        ),
        ("Story", {"fields": ["dateline", "lede", "body"]}),
        (
            "Tags and links",
            {"fields": ["tags", "new_tags", "related_programs", "organisations"]},
        ),
        AUDIT_FIELDSET,
    ]

    markdown_fields = ["body"]

    class Media:
        # Marks the alt text as required as soon as a cover is chosen (works without it).
        js = ["admin/cover-alt.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        form.forget_pending_cover()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "tags":
            # Pick existing tags by typing (the admin's autocomplete); new ones go in "new tags".
            return forms.ModelMultipleChoiceField(
                queryset=Tag.objects.all(),
                required=False,
                widget=AutocompleteSelectMultiple(db_field, self.admin_site),
                help_text="Type to find existing tags.",
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="tags")
    def tag_list(self, obj):
        return ", ".join(sorted(tag.name for tag in obj.tags.all()))

    @admin.display(description="cover", boolean=True)
    def has_cover(self, obj):
        return bool(obj.cover_image)


class TagMergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Tag.objects.none(),
        label="Keep this tag",
        help_text="The other selected tags are removed; their posts get this tag instead.",
    )

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = tags


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(ContentAdmin):
    """Tags of news posts. Rename a tag by editing it; merge duplicates with the action."""

    list_display = ["name", "slug", "post_count"]
    ordering = ["name"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_tags"]
    fields = ["name", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(post_count=Count("news_taggedpost_items"))

    @admin.display(description="posts", ordering="post_count")
    def post_count(self, obj):
        return obj.post_count

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.base_fields[
            "name"
        ].help_text = (
            "Renaming changes the tag on every post that has it. Change the slug too, to match."
        )
        return form

    @admin.action(description="Merge the selected tags into one", permissions=["change"])
    def merge_tags(self, request, queryset):
        if queryset.count() < 2:
            self.message_user(request, "Select at least two tags to merge.", messages.WARNING)
            return None
        form = TagMergeForm(request.POST if "merge" in request.POST else None, tags=queryset)
        if form.is_valid():
            target = form.cleaned_data["target"]
            merged = merge_tags(target, queryset.exclude(pk=target.pk))
            self.message_user(
                request,
                format_html("Merged {} into “{}”.", ", ".join(merged), target.name),
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/taggit/tag/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge tags",
                "opts": self.model._meta,
                "form": form,
                "tags": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


@transaction.atomic
def merge_tags(target, others):
    """Move every post of `others` to `target`, then delete `others`; returns their names."""
    names = []
    for tag in others:
        for item in TaggedPost.objects.filter(tag=tag):
            if TaggedPost.objects.filter(
                tag=target, content_object_id=item.content_object_id
            ).exists():
                item.delete()
            else:
                item.tag = target
                item.save()
        names.append(tag.name)
        tag.delete()
    return names
