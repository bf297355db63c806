"""The "Secretariat editor" role: edits every piece of content, never users or permissions.

Rebuilt after every `migrate` (and by `manage.py setup_roles`), so a content model
added later is covered without anyone remembering to do it.
"""

from django.conf import settings
from django.db.models import Q

EDITOR_GROUP = "Secretariat editor"
# Site-level models editors may work on: codename prefixes allowed per model.
SITE_MODELS = {
    ("wego_site", "redirect"): ("add", "change", "delete", "view"),
}


def editor_permissions(permission_model):
    site = Q()
    for (app_label, model), actions in SITE_MODELS.items():
        site |= Q(
            content_type__app_label=app_label,
            content_type__model=model,
            codename__in=[f"{action}_{model}" for action in actions],
        )
    return permission_model.objects.filter(
        Q(content_type__app_label__in=settings.CONTENT_APPS) | site
    )


def ensure_editor_group(using="default", apps=None):
    """Create or correct the editors' group; returns it."""
    if apps is None:
        from django.apps import apps
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _ = group_model.objects.using(using).get_or_create(name=EDITOR_GROUP)
    group.permissions.set(editor_permissions(permission_model).using(using))
    return group


def setup_roles_after_migrate(sender, using="default", apps=None, **kwargs):
    """post_migrate receiver. It runs once per app; the last run sees every permission.

    `flush` (used between transactional tests) sends it without `apps`.
    """
    if apps is None:
        from django.apps import apps
    try:
        apps.get_model("auth", "Group")
        apps.get_model("auth", "Permission")
    except LookupError:  # auth not migrated (yet)
        return
    ensure_editor_group(using=using, apps=apps)
