"""A cover picture chosen in a form that fails (say, without alt text) is not lost.

Browsers never send a chosen file again, so when the form comes back with an error the
picture already checked is kept in storage under an unguessable name, and the form
carries a signed reference to it: saving again uses it unless another picture is chosen
or “Clear” is ticked. The form says so beside the picture field.
"""

import uuid
from pathlib import PurePosixPath

from django import forms
from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile

PENDING_DIRECTORY = "news/covers/pending"
_signer = signing.Signer(salt="news.pending-cover")


class KeepsChosenCoverMixin(forms.Form):
    """For a ModelForm with a `cover_image` field; add `pending_cover` to its fields."""

    pending_cover = forms.CharField(required=False, widget=forms.HiddenInput)

    _used_pending = ""

    def pending_name(self):
        """The storage name the signed `pending_cover` value points at, or ""."""
        token = self.data.get(self.add_prefix("pending_cover"), "") if self.is_bound else ""
        try:
            name = _signer.unsign(token) if token else ""
        except signing.BadSignature:
            return ""
        return name if name.startswith(f"{PENDING_DIRECTORY}/") else ""

    def clean(self):
        cleaned_data = super().clean()
        chosen = self.files.get(self.add_prefix("cover_image"))
        cleared = cleaned_data.get("cover_image") is False
        name = self.pending_name()
        if name and not chosen and not cleared and default_storage.exists(name):
            cleaned_data["cover_image"] = File(
                default_storage.open(name, "rb"), name=PurePosixPath(name).name
            )
            self._used_pending = name
        return cleaned_data

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or not self._errors:
            return
        upload = self.cleaned_data.get("cover_image")
        if isinstance(upload, UploadedFile):
            upload.seek(0)
            name = default_storage.save(
                f"{PENDING_DIRECTORY}/{uuid.uuid4().hex}/{PurePosixPath(upload.name).name}",
                upload,
            )
        elif self._used_pending:
            name = self._used_pending
        else:
            return
        self.data = self.data.copy()
        self.data[self.add_prefix("pending_cover")] = _signer.sign(name)
        note = (
            f"The picture you chose, “{PurePosixPath(name).name}”, is kept: save again "
            "to use it (fill in its alt text), or choose another picture."
        )
        # The bound field copied the help text when the form was cleaned.
        self.fields["cover_image"].help_text = self["cover_image"].help_text = note

    def forget_pending_cover(self):
        """Once saved under its own name, the kept copy is not needed any more."""
        if self._used_pending:
            default_storage.delete(self._used_pending)
            self._used_pending = ""
