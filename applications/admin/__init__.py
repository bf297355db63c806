"""The secretariat's side: calls, the applications to review and decide, decision texts."""

from django.contrib import admin
from post_office.models import EmailTemplate

from applications.admin import applications, calls, decisions  # noqa: F401 - registers them

# The decision texts are post_office's email templates, edited as DecisionEmail;
# post_office's own template editor loads CodeMirror from a CDN, which the site's CSP
# (rightly) blocks.
if admin.site.is_registered(EmailTemplate):
    admin.site.unregister(EmailTemplate)
