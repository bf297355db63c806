"""The secretariat's side: calls, the applications to review and decide, decision texts."""

from django.contrib import admin
from post_office.admin import AttachmentAdmin, LogAdmin
from post_office.models import Attachment, EmailTemplate, Log

from applications.admin import applications, calls, decisions  # noqa: F401 - registers them

# The decision texts are post_office's email templates, edited as DecisionEmail;
# post_office's own template editor loads CodeMirror from a CDN, which the site's CSP
# (rightly) blocks.
if admin.site.is_registered(EmailTemplate):
    admin.site.unregister(EmailTemplate)


class SentByTheSiteOnly:
    """The queue writes an email's log and attachments; nobody adds one by hand."""

    def has_add_permission(self, request, obj=None):
        return False


class EmailLogAdmin(SentByTheSiteOnly, LogAdmin):
    pass


class EmailAttachmentAdmin(SentByTheSiteOnly, AttachmentAdmin):
    pass


for model, model_admin in ((Log, EmailLogAdmin), (Attachment, EmailAttachmentAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
