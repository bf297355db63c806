"""The words the open data gives stored values whose codes are not the site’s words."""

from django.utils.text import slugify

from programs.models import AttendanceMode

# An edition’s format, as the site writes it (“In person”, “Online”, “In person and
# online”), in lower case with hyphens: stored as schema.org’s codes, "offline" for one.
ATTENDANCE = {mode.value: slugify(mode.label) for mode in AttendanceMode}
ATTENDANCE_LABELS = {ATTENDANCE[mode.value]: mode.label for mode in AttendanceMode}
