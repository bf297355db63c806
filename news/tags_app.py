"""django-taggit's app under the name editors read in the admin ("Tags", not "Taggit")."""

from taggit.apps import TaggitAppConfig


class TagsConfig(TaggitAppConfig):
    verbose_name = "Tags"
