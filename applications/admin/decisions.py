from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from applications.models import DecisionEmail


@admin.register(DecisionEmail)
class DecisionEmailAdmin(SimpleHistoryAdmin):
    list_display = ["status", "subject"]
    fields = ["status", "subject", "body"]
