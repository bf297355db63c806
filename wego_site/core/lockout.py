"""The admin's sign-in lockout: two limits, and a page that says when it lifts.

django-axes counts failures for each combination in AXES_LOCKOUT_PARAMETERS (a user name
from one address; one address across every user name) but compares them all with one
AXES_FAILURE_LIMIT. An office shares one address, so the limit for an address alone is
higher (LOCKOUT_ADDRESS_FAILURE_LIMIT): a colleague's typos do not lock the whole
secretariat out, while guessing across user names is still stopped.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None):
        """The failures that count, in units of AXES_FAILURE_LIMIT.

        A combination with the user name counts as it is; the address alone is scaled so
        that it reaches AXES_FAILURE_LIMIT exactly at LOCKOUT_ADDRESS_FAILURE_LIMIT.
        """
        limit = settings.AXES_FAILURE_LIMIT
        counts = []
        parameters = settings.AXES_LOCKOUT_PARAMETERS
        for parameter, attempts in zip(
            parameters, self.get_user_attempts(request, credentials), strict=True
        ):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            if parameter == "ip_address":
                failures = failures * limit // settings.LOCKOUT_ADDRESS_FAILURE_LIMIT
            counts.append(failures)
        return max(counts, default=0)


def locked_out(request, original_response=None, credentials=None):
    """The lockout page (AXES_LOCKOUT_CALLABLE), with the time the lock lifts.

    Every refused attempt during a lockout starts the cool-off again, so the lock lifts
    one cool-off after this attempt.
    """
    cool_off = get_cool_off(request)
    context = {"cooloff_timedelta": cool_off, "lifts_at": request.axes_attempt_time + cool_off}
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)
