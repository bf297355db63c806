"""Staff members' sign-in devices in the admin: listed by user name, never edited by hand.

Staff set up their own devices (wego_site/core/two_factor_setup.py); the admin only shows
who has which, and lets an administrator delete one or, with the users' action "Reset
two-factor sign-in", all of a user's, so that the user sets them up again at the next
sign-in (a lost phone, used-up recovery codes). No key, step or drift is shown anywhere.
"""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Count, Q
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


def delete_devices(users):
    """Every sign-in device of `users`; returns how many went."""
    deleted = 0
    for model in (TOTPDevice, StaticDevice):
        deleted += model.objects.filter(user__in=users).delete()[0]
    return deleted


class DeviceAdmin(admin.ModelAdmin):
    """A read-only list: whose device, what it is called, whether it is set up, when used."""

    list_display = ["user_name", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email"]
    search_help_text = "Search by user name, name or email address."
    fields = ["user_name", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = fields
    ordering = ["user__username", "name"]

    @admin.display(description="user", ordering="user__username")
    def user_name(self, device):
        full_name = device.user.get_full_name()
        return f"{device.user.username} ({full_name})" if full_name else device.user.username

    def has_add_permission(self, request):
        return False  # staff set up their own, at their first sign-in

    def has_change_permission(self, request, obj=None):
        return False


class RecoveryCodesAdmin(DeviceAdmin):
    list_display = [*DeviceAdmin.list_display, "codes_left"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(codes=Count("token_set"))

    @admin.display(description="codes left", ordering="codes")
    def codes_left(self, device):
        return device.codes


class StaffUserAdmin(UserAdmin):
    """Django's user admin, with whether each user has set up two-factor sign-in and an
    action that resets it."""

    list_display = [*UserAdmin.list_display, "two_factor"]
    actions = ["reset_sign_in_devices"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed_apps=Count(
                    "totpdevice", filter=Q(totpdevice__confirmed=True), distinct=True
                )
            )
        )

    @admin.display(description="sign-in code set up", boolean=True, ordering="confirmed_apps")
    def two_factor(self, user):
        return user.confirmed_apps > 0

    @admin.action(
        description="Reset two-factor sign-in (they set up their app again at the next sign-in)",
        permissions=["change"],
    )
    def reset_sign_in_devices(self, request, queryset):
        delete_devices(queryset)
        names = ", ".join(queryset.values_list("username", flat=True))
        self.message_user(
            request,
            f"Two-factor sign-in reset for {names}: at the next sign-in with the password, "
            "each sets up an authenticator app and gets new recovery codes.",
            messages.SUCCESS,
        )


def register(site):
    """Replace django-otp's and Django's own registrations (made by autodiscover)."""
    user_model = get_user_model()
    for model, model_admin in [
        (TOTPDevice, DeviceAdmin),
        (StaticDevice, RecoveryCodesAdmin),
        (user_model, StaffUserAdmin),
    ]:
        if site.is_registered(model):
            site.unregister(model)
        site.register(model, model_admin)
