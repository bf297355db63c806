from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from applications.models import ApplicationStatus, DecisionEmail
from applications.models.decisions import PLACEHOLDERS
from wego_site.core.admin import ContentAdmin

DECIDED = [(status.value, status.label) for status in ApplicationStatus if status != "submitted"]


class DecisionEmailForm(forms.ModelForm):
    status = forms.ChoiceField(
        choices=DECIDED, help_text="Sent to the applications with this status."
    )

    class Meta:
        model = DecisionEmail
        fields = ["subject", "content"]
        labels = {"content": "Body"}
        help_texts = {
            "subject": f"May use {PLACEHOLDERS}.",
            "content": (
                f"Plain text. May use {PLACEHOLDERS}. {{{{ edition }}}} names the program "
                "too, as the edition's page does (“WeGO–SHRDC Training Program, May 2016”)."
            ),
        }
        widgets = {"subject": forms.TextInput(attrs={"size": 80})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["status"].initial = self.instance.status

    def _post_clean(self):
        if "status" in self.cleaned_data:
            self.instance.status = self.cleaned_data["status"]
        super()._post_clean()

    def add_error(self, field, error):
        # The model names the status by the template's name; its errors come as a dict
        # or as a ValidationError holding one (from the model's clean()).
        if field == "name":
            field = "status"
        if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            error = error.error_dict
        if isinstance(error, dict) and "name" in error:
            error["status"] = error.pop("name")
        super().add_error(field, error)


@admin.register(DecisionEmail)
class DecisionEmailAdmin(ContentAdmin):
    form = DecisionEmailForm
    list_display = ["__str__", "subject"]
    fields = ["status", "subject", "content"]
