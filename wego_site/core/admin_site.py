"""The admin site: staff sign in with a password and a one-time code when debug is off.

django-otp's OTPAdminSite lets in only users verified by one of their devices: a TOTP
authenticator app (otp_totp) or a recovery code (otp_static, each usable once).
settings.STAFF_TWO_FACTOR (DJANGO_STAFF_2FA, on whenever debug is off) switches it;
with it off (development, most tests) the admin is Django's own, password only.
"""

from django import forms
from django.conf import settings
from django.contrib.admin import AdminSite
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


class TwoFactorLoginForm(OTPAdminAuthenticationForm):
    """User name, password and one code on one page.

    The code's shape picks the one device it is checked against (six digits: the
    authenticator app; anything else: a recovery code), so no device is tried, and
    throttled, for a code that was not meant for it.
    """

    otp_token = forms.CharField(
        required=False,
        label="Code",
        help_text="The six-digit code your authenticator app shows, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )
    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": "Enter the code from your authenticator app, or a recovery code.",
        "invalid_token": "That code is not right, or has been used. Enter a new one.",
        "device_required": (
            "This account has no sign-in code set up yet: ask an administrator of the site "
            "to set up your authenticator app."
        ),
    }

    def _chosen_device(self, user):
        token = (self.data.get("otp_token") or "").strip()
        kind = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
        return kind.objects.filter(user=user, confirmed=True).first()


class StaffAdminSite(OTPAdminSite):
    def __init__(self, name="admin"):
        super().__init__(name)

    @property
    def login_form(self):
        return TwoFactorLoginForm if settings.STAFF_TWO_FACTOR else None

    @property
    def login_template(self):
        return "admin/login_two_factor.html" if settings.STAFF_TWO_FACTOR else None

    def has_permission(self, request):
        if settings.STAFF_TWO_FACTOR:
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)
