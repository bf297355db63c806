"""The admin site: staff sign in with a password and a one-time code when debug is off.

django-otp's OTPAdminSite lets in only users verified by one of their devices: a TOTP
authenticator app (otp_totp) or a recovery code (otp_static, each usable once).
settings.STAFF_TWO_FACTOR (DJANGO_STAFF_2FA, on whenever debug is off) switches it;
with it off (development, most tests) the admin is Django's own, password only.

Every failed sign-in reads the same and counts toward the lockout (django-axes), whatever
was wrong: the user name, the password, the code, or the account. A staff account with
no confirmed device yet (new, or its devices reset by an administrator) is signed in
with the password alone and sent to set up its authenticator app
(wego_site/core/two_factor_setup.py); until then it reaches no admin page.
"""

from django import forms
from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path
from django_otp import devices_for_user
from django_otp.admin import OTPAdminSite

FAILED_SIGN_IN = (
    "The user name, password or code is not right. Check them and try again; after "
    "several failed attempts, signing in is locked for an hour."
)


def needs_two_factor_setup(user):
    """Signed in with the password, staff, and no confirmed device to give a code from."""
    return (
        settings.STAFF_TWO_FACTOR
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and not any(devices_for_user(user, confirmed=True))
    )


class TwoFactorLoginForm(AdminAuthenticationForm):
    """User name, password and one code on one page, with one message for any failure.

    The code is tried on every confirmed device of the user (each authenticator app, each
    sheet of recovery codes). django-otp's per-device throttle is off
    (OTP_*_THROTTLE_FACTOR = 0): a failed code is a failed sign-in for the lockout, which
    counts per address, so nobody who knows the password can block the real user's codes.
    """

    otp_token = forms.CharField(
        required=False,
        label="Authenticator code",
        help_text=(
            "The 6-digit code from your authenticator app, or a recovery code. "
            "No app yet? Leave it empty: you will set one up next."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": FAILED_SIGN_IN,
        "inactive": FAILED_SIGN_IN,
    }

    def clean(self):
        username, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if not (username and password):
            # No password checked, so django.contrib.auth counts nothing: count it here.
            self.count_failure()
            return self.cleaned_data
        try:
            super().clean()  # the password (a failure is counted by authenticate())
        except forms.ValidationError:
            if self.user_cache is not None:  # the right password of an account that may not
                self.count_failure()  # use the admin: the same message, counted too
            raise self.failure() from None
        user = self.get_user()
        devices = list(devices_for_user(user, confirmed=True))
        if not devices:
            return self.cleaned_data  # the first sign-in: the site asks to set up a device
        token = (self.cleaned_data.get("otp_token") or "").strip().replace(" ", "")
        if token:
            for device in devices:
                with transaction.atomic():
                    if device.verify_token(token):
                        user.otp_device = device  # django-otp marks the session verified
                        return self.cleaned_data
        self.count_failure()
        raise self.failure()

    def failure(self):
        return forms.ValidationError(FAILED_SIGN_IN, code="invalid_login")

    def count_failure(self):
        """Tell the lockout (django-axes listens) that this sign-in failed."""
        user_login_failed.send(
            sender=__name__,
            credentials={"username": self.cleaned_data.get("username") or ""},
            request=self.request,
        )


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

    def login(self, request, extra_context=None):
        """Django's sign-in; a staff account without a device then sets one up."""
        if needs_two_factor_setup(request.user):
            return redirect(f"{self.name}:two_factor_setup")
        response = super().login(request, extra_context)
        if request.method == "POST" and needs_two_factor_setup(request.user):
            return redirect(f"{self.name}:two_factor_setup")
        return response

    def get_urls(self):
        from wego_site.core.two_factor_setup import TwoFactorSetupView, cancel_setup

        return [
            path(
                "sign-in/set-up/cancel/",
                cancel_setup,
                {"admin_site": self},
                name="two_factor_setup_cancel",
            ),
            path(
                "sign-in/set-up/",
                TwoFactorSetupView.as_view(admin_site=self),
                name="two_factor_setup",
            ),
            *super().get_urls(),
        ]
