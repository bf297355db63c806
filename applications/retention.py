"""What retention removes beyond an application's own row: the admin's history of it
("Recent actions", each row's history) and any django-reversion version that names the
applicant, so that no name or address outlives the period the privacy notice states."""

import json

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from reversion.models import Revision, Version

REMOVED = "[removed after the retention period]"


def identifying_texts(application):
    """What names this applicant, read before anonymising: their address, and their name
    (with and without the title) when it is more than an initial."""
    names = {application.name.strip(), application.full_name.strip()}
    return {"email": application.email, "names": sorted(n for n in names if len(n) > 2)}


def forget_in_history(application, texts, anonymised_repr):
    """Rewrite the admin log entries and remove the versions that name the applicant:
    those about the application itself, those that hold the address anywhere, and those
    whose title or one of whose fields is the name itself (a name inside other text, a
    news post's say, is not hers). Returns (entries rewritten, versions removed)."""
    email, names = texts["email"], texts["names"]
    content_type = ContentType.objects.get_for_model(application)
    own = Q(content_type=content_type, object_id=str(application.pk))
    naming = Q(object_repr__icontains=email) | Q(change_message__icontains=email)
    for name in names:
        naming |= Q(object_repr__iexact=name)
    rewritten = 0
    for entry in LogEntry.objects.filter(own | naming):
        entry.object_repr = anonymised_repr if entry.content_type_id == content_type.pk else REMOVED
        if email.lower() in entry.change_message.lower():
            entry.change_message = ""
        entry.save(update_fields=["object_repr", "change_message"])
        rewritten += 1

    # Versions keep their fields as JSON: a field that is the name is the quoted name.
    version_naming = Q(serialized_data__icontains=email) | Q(object_repr__icontains=email)
    for name in names:
        version_naming |= Q(serialized_data__icontains=json.dumps(name, ensure_ascii=False)) | Q(
            object_repr__iexact=name
        )
    versions = Version.objects.filter(version_naming)
    revision_ids = set(versions.values_list("revision_id", flat=True))
    removed, _ = versions.delete()
    Revision.objects.filter(pk__in=revision_ids, version__isnull=True).delete()
    for text in [email, *names]:
        Revision.objects.filter(comment__icontains=text).update(comment=REMOVED)
    return rewritten, removed
