"""Staff set up their own two-factor sign-in, the first time they sign in.

An administrator creates the account (or resets its devices, `reset_sign_in_devices` in
wego_site/core/staff_devices.py); at the first sign-in with the password the site shows
a QR code for an authenticator app (drawn here as SVG, allowed by the CSP as a data: image)
with its key spelled out for typing, asks for one code to confirm, then shows ten recovery
codes, once. Only then is the session verified and the admin open.
"""

import base64
import io

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import admin, auth
from django.db import transaction
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from wego_site.core.admin_site import needs_two_factor_setup

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def qr_code_data_uri(text):
    """`text` as a QR code: an SVG picture in a data: URI (no request, no inline style).
    Drawn without its quiet zone, so its modules start at the picture's edge; the page's
    style draws the white margin around it."""
    image = qrcode.make(
        text, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10, border=0
    )
    svg = io.BytesIO()
    image.save(svg)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.getvalue()).decode()


def spelled_key(device):
    """The key as an authenticator app asks for it when typed: base32, in groups of four."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


class ConfirmCodeForm(forms.Form):
    code = forms.CharField(
        label="Code from the app",
        max_length=10,
        help_text="The six digits the app shows now for this site.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = self.cleaned_data["code"].strip().replace(" ", "")
        with transaction.atomic():
            if not self.device.verify_token(code):
                raise forms.ValidationError(
                    "That code is not the one the app shows now. Check that the app added "
                    "this site, and enter the code it shows (a new one comes every 30 seconds)."
                )
        return code


@require_POST
@csrf_protect
def cancel_setup(request, admin_site=admin.site):
    """`/admin/sign-in/set-up/cancel/`: Sign out, on the set-up page. The admin's
    own sign-out is open only to a verified session, and sends any other to the index, so
    a staff member who has not set up the app signs out here."""
    auth.logout(request)
    return redirect(f"{admin_site.name}:login")


@method_decorator(csrf_protect, name="dispatch")
class TwoFactorSetupView(FormView):
    """`/admin/sign-in/set-up/`: for a staff account signed in with its password and
    without a confirmed device; anyone else is sent to the sign-in page."""

    template_name = "admin/two_factor_setup.html"
    form_class = ConfirmCodeForm
    admin_site = admin.site

    def dispatch(self, request, *args, **kwargs):
        if not needs_two_factor_setup(request.user):
            return redirect(f"{self.admin_site.name}:login")
        self.device = self.pending_device()
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def pending_device(self):
        """The app being set up: the same key on every visit until it is confirmed."""
        device = (
            TOTPDevice.objects.filter(user=self.request.user, confirmed=False)
            .order_by("-pk")
            .first()
        )
        if device is None:
            device = TOTPDevice.objects.create(
                user=self.request.user, name=APP_DEVICE_NAME, confirmed=False
            )
        return device

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.device}

    def admin_context(self):
        """The admin's page context, without its list of apps: not signed in yet."""
        return {
            **self.admin_site.each_context(self.request),
            "available_apps": [],
            "is_nav_sidebar_enabled": False,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **self.admin_context(),
            title="Set up your sign-in code",
            qr_code=qr_code_data_uri(self.device.config_url),
            key=spelled_key(self.device),
            **kwargs,
        )

    @transaction.atomic
    def form_valid(self, form):
        user = self.request.user
        device = form.device
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        recovery = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        recovery.token_set.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
        otp_login(self.request, device)
        context = {
            **self.admin_context(),
            "title": "Your recovery codes",
            "recovery_codes": codes,
        }
        return self.response_class(
            request=self.request,
            template="admin/two_factor_recovery_codes.html",
            context=context,
        )
