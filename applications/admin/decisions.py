from django.contrib import admin

from applications.models import DecisionEmail
from wego_site.core.admin import ContentAdmin


@admin.register(DecisionEmail)
class DecisionEmailAdmin(ContentAdmin):
    list_display = ["status", "subject"]
    fields = ["status", "subject", "body"]
