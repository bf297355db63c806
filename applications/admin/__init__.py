"""The secretariat's side: calls, the applications to review and decide, decision texts."""

from applications.admin import applications, calls, decisions  # noqa: F401 - registers them
