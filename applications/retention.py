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
    """The strings that name this applicant: their address and, when it is more than
    an initial, their name."""
    texts = [application.email]
    if len(application.name.strip()) > 2:
        texts.append(application.name.strip())
    return texts


def forget_in_history(application, texts, anonymised_repr):
    """Rewrite the admin log entries and remove the versions that name the applicant
    (`texts`, read before anonymising); returns (entries rewritten, versions removed)."""
    content_type = ContentType.objects.get_for_model(application)
    own = Q(content_type=content_type, object_id=str(application.pk))
    naming = Q()
    for text in texts:
        naming |= Q(object_repr__icontains=text) | Q(change_message__icontains=text)
    rewritten = 0
    for entry in LogEntry.objects.filter(own | naming):
        entry.object_repr = anonymised_repr if entry.content_type_id == content_type.pk else REMOVED
        if any(text.lower() in entry.change_message.lower() for text in texts):
            entry.change_message = ""
        entry.save(update_fields=["object_repr", "change_message"])
        rewritten += 1

    # A version names them when one of its fields holds the text (it is stored as JSON).
    version_naming = Q()
    for text in texts:
        quoted = json.dumps(text)[1:-1]
        version_naming |= Q(serialized_data__icontains=quoted) | Q(object_repr__icontains=text)
    versions = Version.objects.filter(version_naming)
    revision_ids = set(versions.values_list("revision_id", flat=True))
    removed, _ = versions.delete()
    Revision.objects.filter(pk__in=revision_ids, version__isnull=True).delete()
    for text in texts:
        Revision.objects.filter(comment__icontains=text).update(comment=REMOVED)
    return rewritten, removed
