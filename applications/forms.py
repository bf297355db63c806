"""The public application form."""

import functools
import secrets
import unicodedata

from django import forms
from django.conf import settings
from django.core import signing
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.forms.utils import ErrorList
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from applications.addresses import normalise_address
from applications.documents import (
    KEPT_FOLDER,
    KEPT_SECONDS,
    private_storage,
    room_to_keep,
    validate_application_pdf,
)
from applications.models import Application
from applications.models.applicants import TEXT_LIMIT
from wego_site.core.templatetags.wego import unbroken_addresses
from wego_site.core.uploads import size_text

# A field people never see (hidden by the stylesheet, skipped by keyboard and screen
# readers); form-filling robots fill it. Named so that browsers' autofill leaves it alone.
HONEYPOT_FIELD = "website_address"


class MessageWithLinks(SafeString):
    """A message whose second part holds links (mailto links to the call's contacts): the
    error summary links only its `lead` to the field and writes `rest` after that link,
    since a link cannot hold another."""

    def __new__(cls, lead, rest):
        message = super().__new__(cls, format_html("{} {}", lead, rest))
        message.lead, message.rest = lead, rest
        return message


class UnbrokenAddressErrorList(ErrorList):
    """A field's messages with each email address kept on one line, as the error summary
    keeps them (a line never ends at an address's hyphen)."""

    def get_context(self):
        shown = self.copy()
        shown.field_id = self.field_id  # the message's id, which the field points to
        shown.data = [unbroken_addresses(error) for error in self]
        return {**super().get_context(), "errors": shown}


class DeliverableEmailField(forms.CharField):
    """An email address, normalised and checked as mail servers and the email queue would
    (applications.addresses)."""

    widget = forms.EmailInput

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_address(value) if value else value


class BrowserCountedTextField(forms.CharField):
    """A textarea's text with its line breaks as browsers count them: one character each
    (they send two, CR LF, but `maxlength` counts one)."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class ListedSelect(forms.Select):
    """A select whose options are written in Python: the same HTML as Django's own
    templates, without rendering an option template per option (the country list's ~250
    options took most of the time of opening the form)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _, _ in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = "".join(
            f'\n  <option value="{conditional_escape(str(option["value"]))}"'
            f"{_attributes(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
            for _, group, _ in widget["optgroups"]
            for option in group
        )
        return mark_safe(  # noqa: S308 - every value above is escaped
            f'<select name="{conditional_escape(widget["name"])}"{_attributes(widget["attrs"])}>'
            f"{options}\n</select>"
        )


def _attributes(attrs):
    """Attributes as django/forms/widgets/attrs.html writes them."""
    return "".join(
        f" {conditional_escape(name)}"
        + ("" if value is True else f'="{conditional_escape(str(value))}"')
        for name, value in attrs.items()
        if value is not False
    )


KEPT_SALT = "applications.kept-document"
KEPT_FULL_MESSAGE = (
    "Your document is fine, but it could not be kept this time: "
    "choose it again when you send the form."
)

# Characters that change how the text around them is shown without being seen themselves
# (bidirectional embeddings, overrides and isolates: "Evil\u202efdp.exe" shows as
# "Evilexe.pdf" in a reviewer's list), code points Unicode never assigns, and the C0 and
# C1 control characters (an ESC colours a reviewer's terminal, a BEL rings it).
HIDDEN_CONTROLS = dict.fromkeys(
    [
        *range(0x00, 0x20),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        *range(0xFDD0, 0xFDF0),
        *(plane + end for plane in range(0, 0x110000, 0x10000) for end in (0xFFFE, 0xFFFF)),
    ]
)
# What a text of several lines keeps of them: its line breaks and tabs.
MULTI_LINE_CONTROLS = {code: None for code in HIDDEN_CONTROLS if chr(code) not in "\r\n\t"}
# What a one-line field (a name, an organisation) makes of line breaks and tabs: a space,
# so "Evil\r\nBcc: …" cannot start a new line in an email, a CSV cell or a page.
ONE_LINE_CONTROLS = HIDDEN_CONTROLS | {
    ord(c): " " for c in "\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029"
}


def without_hidden_controls(text, one_line=True):
    """`text` without hidden and control characters; a one-line text's line breaks and
    tabs become a space (a CR LF pair one), a longer text keeps them."""
    if not one_line:
        return text.translate(MULTI_LINE_CONTROLS)
    return text.replace("\r\n", "\n").translate(ONE_LINE_CONTROLS).strip()


@functools.cache
def country_choices():
    """The country field's choices as a list, sorted by name once per process: the
    field's own are sorted afresh each time they are read (twice when a form is checked)."""
    return list(Application._meta.get_field("country").formfield().choices)


class ApplicationForm(forms.ModelForm):
    # Grouped on the page as <fieldset>s, in this order.
    fieldsets = [
        ("About you", ["honorific", "name", "position", "email", "phone"]),
        ("Your city or organisation", ["organisation", "city", "country"]),
        ("Your application", ["motivation", "plans", "document"]),
    ]

    document = forms.FileField(
        label="Nomination letter or CV (PDF)",
        validators=[validate_application_pdf],
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={
            "required": "Choose your nomination letter or CV, as one PDF file.",
            "empty": "The file you chose is empty: choose your nomination letter or CV as a PDF.",
        },
    )
    consent = forms.BooleanField(
        label="I have read the privacy notice and agree that WeGO keeps this application to select participants.",
        error_messages={"required": "Agree to the privacy notice to send the application."},
    )
    kept_document = forms.CharField(required=False, widget=forms.HiddenInput)
    website_address = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Application
        fields = [
            *Application.APPLICANT_FIELDS,
            "motivation",
            "plans",
            "document",
        ]
        field_classes = {
            "email": DeliverableEmailField,
            "motivation": BrowserCountedTextField,
            "plans": BrowserCountedTextField,
        }
        labels = {
            "honorific": "Title (optional)",
            "phone": "Phone (optional)",
            "motivation": "Why do you want to take part?",
            "plans": "How will your city use what you learn?",
        }
        help_texts = {
            "email": "We write to this address about your application.",
            "phone": "With the country code, e.g. +82 2 123 4567.",
            "motivation": f"At most {TEXT_LIMIT} characters.",
            "plans": f"At most {TEXT_LIMIT} characters.",
            "organisation": "E.g. “Seoul Metropolitan Government”.",
            "country": "Every country and territory; type its first letters to jump to it.",
        }
        # Each message says what to do, so the summary above the form reads as a to-do list.
        error_messages = {
            "name": {"required": "Enter your full name."},
            "position": {"required": "Enter your position, your job title."},
            "email": {
                "required": "Enter your email address.",
                "invalid": "Enter your email address in the form name@example.org.",
            },
            "organisation": {"required": "Enter the name of your city government or organisation."},
            "city": {"required": "Enter your city."},
            "country": {
                "required": "Choose your country.",
                "invalid_choice": "Choose your country from the list.",
            },
            "motivation": {"required": "Say why you want to take part."},
            "plans": {"required": "Say how your city will use what you learn."},
        }
        # Every field is the form's width; only an answer short by nature is narrower
        # from 40rem (`.input--wN`: about N characters): the title and the phone number.
        widgets = {
            "honorific": forms.Select(attrs={"class": "input--w10"}),
            "country": ListedSelect(),
            "motivation": forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_LIMIT}),
            "plans": forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_LIMIT}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(
                attrs={"autocomplete": "tel", "type": "tel", "class": "input--w20"}
            ),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "position": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
        }

    def __init__(self, *args, call, **kwargs):
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("error_class", UnbrokenAddressErrorList)
        super().__init__(*args, **kwargs)
        self.call = call
        self.fields["honorific"].choices = [("", "Choose…"), *self.fields["honorific"].choices[1:]]
        # A callable, so that neither setting nor copying the field goes through the list.
        self.fields["country"].choices = country_choices
        self.fields["consent"].help_text = format_html(
            '<a href="{}">Read the privacy notice</a>: what we keep, why, for how long, whom to ask.',
            reverse("applications:privacy"),
        )
        # What to send, above the file field like every other field's hint.
        self.fields["document"].help_text = self.documents_hint()
        self.kept = self.read_kept_document()
        if self.kept:
            self.show_kept_document()

    # A valid PDF sent with a form that fails elsewhere is kept for an hour, under a
    # random name in the private storage, and named in a signed token that the form
    # carries back, so the applicant does not have to choose it again.

    def read_kept_document(self):
        try:
            kept = signing.loads(
                self.data.get("kept_document", ""), salt=KEPT_SALT, max_age=KEPT_SECONDS
            )
        except signing.BadSignature:
            return None
        if kept.get("call") != self.call.pk or not private_storage().exists(kept["name"]):
            return None
        return kept

    def documents_hint(self):
        max_size = size_text(settings.APPLICATION_DOCUMENT_MAX_BYTES)
        return format_html("{} At most {}.", self.call.documents, max_size)

    def show_kept_document(self):
        field = self.fields["document"]
        field.required = False
        field.help_text = format_html(
            '{}<span class="kept-file"><span><strong>{}</strong> — kept; choose another file to '
            "replace it.</span></span>",
            self.documents_hint(),
            self.kept["filename"],
        )
        self._bound_fields_cache.pop("document", None)  # a bound field copies its help text

    def full_clean(self):
        super().full_clean()
        if self.has_error("document") and self.files.get("document") and not self.kept:
            self.ask_to_choose_again()

    def ask_to_choose_again(self):
        """A refused file is not kept, and the browser shows the field empty again: the
        hint says so, so the applicant knows to choose a file before sending."""
        field = self.fields["document"]
        field.help_text = format_html(
            '{}<span class="choose-again">The file you chose was not kept: choose a file '
            "again before you send the form.</span>",
            self.documents_hint(),
        )
        self._bound_fields_cache.pop("document", None)  # a bound field copies its help text

    def keep_document(self):
        """Keep the valid document of a form that failed elsewhere (see above)."""
        document = self.cleaned_data.get("document") if hasattr(self, "cleaned_data") else None
        if "document" in self.errors or not isinstance(document, UploadedFile):
            return
        if self.kept:  # replaced by this one
            private_storage().delete(self.kept["name"])
            self.kept = None
        if not room_to_keep(document.size):
            self.add_error("document", KEPT_FULL_MESSAGE)
            return
        document.seek(0)
        name = private_storage().save(f"{KEPT_FOLDER}/{secrets.token_hex(16)}.pdf", document)
        self.kept = {"call": self.call.pk, "name": name, "filename": document.name}
        self.data = self.data.copy()
        self.data["kept_document"] = signing.dumps(self.kept, salt=KEPT_SALT)
        self.show_kept_document()

    def discard_kept_document(self):
        """Remove the kept document once the application holds its own copy."""
        if self.kept:
            document = self.cleaned_data.get("document")
            if isinstance(document, File) and not isinstance(document, UploadedFile):
                document.close()
            private_storage().delete(self.kept["name"])

    @property
    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD))

    def grouped_fields(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.fieldsets]

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if not document and self.kept:
            return File(private_storage().open(self.kept["name"]), name=self.kept["filename"])
        return document

    def errors_in_order(self):
        """(field, message) for every error, in the order the form shows its fields; the
        form's own errors (field None) first."""
        shown = [name for _, names in self.fieldsets for name in names] + ["consent"]
        return [(None, error) for error in self.non_field_errors()] + [
            (self[name], error) for name in shown for error in self[name].errors
        ]

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str) and name != "kept_document":
                one_line = not isinstance(self.fields[name].widget, forms.Textarea)
                cleaned[name] = without_hidden_controls(value, one_line=one_line)
                if value and not cleaned[name] and self.fields[name].required:
                    self.add_error(name, self.fields[name].error_messages["required"])
        return cleaned

    def clean_phone(self):
        """The number as a keyboard or a copied page may give it: full-width digits
        ("０２") and no-break spaces read as plain ones before it is checked."""
        return " ".join(unicodedata.normalize("NFKC", self.cleaned_data["phone"]).split())

    def clean_email(self):
        email = self.cleaned_data["email"]
        if Application.objects.filter(call=self.call, email=email).exists():
            raise forms.ValidationError(self.duplicate_message(), code="duplicate")
        return email

    def duplicate_message(self):
        """Says no more than that this address has applied, and whom to write to: the
        call's contacts, each a mailto link named by the person."""
        contacts = self.call.question_contacts()
        if contacts:
            names = format_html_join(
                " or ", '<a href="mailto:{}">{}</a>', ((c.email, c.full_name) for c in contacts)
            )
            rest = format_html("To change it, write to {}, quoting your reference number.", names)
        else:
            rest = (
                "To change it, write to the WeGO secretariat, quoting your reference number: "
                "its contacts are at the foot of this page."
            )
        return MessageWithLinks(
            "An application from this address has been received already (one per person).",
            rest,
        )

    def save(self, commit=True):
        application = super().save(commit=False)
        application.call = self.call
        application.consented_at = timezone.now()
        if commit:
            application.save()
        return application
