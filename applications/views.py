"""The public side of a call: the form, the confirmation and the privacy notice.

None of these answers is ever cached (the form carries a CSRF token, the confirmation
is one applicant's), so the page cache and front caches never hold personal data.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import FormView, TemplateView
from django_ratelimit.core import get_usage, is_ratelimited

from applications import emails
from applications.documents import document_recap
from applications.forms import ApplicationForm
from applications.models import Application, Call, CallState
from applications.models.applicants import TEXT_LIMIT
from programs.views import program_kind_crumb
from wego_site.core.linked_data import BreadcrumbsMixin, Crumb
from wego_site.core.uploads import size_text
from wego_site.pagecache.generation import PAGES_KEPT, per_generation_each

CONFIRMATION_SALT = "applications.confirmation"
CONFIRMATION_MAX_AGE = 3600  # seconds the confirmation page can be reloaded


class CallMixin:
    def get_call(self):
        """The published call with its edition, program and contacts, read once per content
        generation (its state, open or closed, is the clock's: `call.state()` at each use);
        a 404 is never kept."""
        slugs = (self.kwargs["program_slug"], self.kwargs["slug"])
        return per_generation_each("calls", slugs, lambda: self.read_call(*slugs), PAGES_KEPT)

    @staticmethod
    def read_call(program_slug, slug):
        return get_object_or_404(
            Call.objects.published()
            .select_related("edition__program")
            .prefetch_related("contacts", "edition__contacts", "edition__program__contacts"),
            edition__program__slug=program_slug,
            edition__slug=slug,
        )


def discard_document(application):
    """Remove the file of an application whose row was not stored."""
    if application.document:
        application.document.storage.delete(application.document.name)


def answers_sent(request):
    """(label, text) of the long answers in the form that was sent, each cut at the
    length the form takes: shown back as text on a refusal, never stored."""
    labels = ApplicationForm._meta.labels
    answers = []
    for name in ("motivation", "plans"):
        text = request.POST.get(name, "").replace("\r\n", "\n").strip()
        if text:
            answers.append((labels[name], text[:TEXT_LIMIT]))
    return answers


def refusal(request, call, status, title, paragraphs, answers=()):
    """A form that was not stored: what happened and what to do next, with whom to write
    to about the call, and the long answers it held (`answers`) shown back to keep."""
    context = {
        "call": call,
        "edition": call.edition,
        "title": title,
        "paragraphs": paragraphs,
        "answers": answers,
    }
    body = render_to_string("applications/refused.html", context, request=request)
    return HttpResponse(body, status=status)


def too_large_response(request, call):
    limit = size_text(settings.APPLICATION_DOCUMENT_MAX_BYTES)
    return refusal(
        request,
        call,
        413,
        "Your form was too large",
        [
            f"The document you attached is larger than {limit}, the most this call "
            "takes, so nothing was stored.",
            "Choose a smaller PDF (a plain “Save as PDF” export is usually well under 1 MB) "
            "and send the form again.",
        ],
    )


def rate_limited_response(request, call):
    response = refusal(
        request,
        call,
        429,
        "Too many forms sent from your address",
        [
            "To protect the call from automated sending, only a few applications are "
            "accepted from one network address per hour. Your form was not stored.",
            "Please try again in an hour. If several colleagues apply from one office, or "
            "the deadline is near, write to the contacts below.",
        ],
        answers=answers_sent(request),
    )
    response["Retry-After"] = "3600"
    return response


def spam_response(request, call):
    return refusal(
        request,
        call,
        400,
        "Your form could not be sent",
        [
            "A field that people never see was filled in, as form-filling robots do, so "
            "the form was not stored.",
            "Please open the form again and send it; if this happens again, write to the "
            "contacts below.",
        ],
    )


@method_decorator(never_cache, name="dispatch")
@method_decorator(csrf_exempt, name="dispatch")
class ApplyView(CallMixin, BreadcrumbsMixin, FormView):
    """`/programs/<program>/<edition>/apply/`: the form, while the call is open.

    A body larger than the call takes is refused by its Content-Length before any of it
    is read; only then is the CSRF token checked (which reads the body), so the site's
    CSRF middleware is told to leave this view to `csrf_protect` below."""

    template_name = "applications/apply.html"
    form_class = ApplicationForm

    def dispatch(self, request, *args, **kwargs):
        self.call = self.get_call()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "call": self.call}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            call=self.call,
            edition=self.call.edition,
            state=self.call.state(),
            max_size=size_text(settings.APPLICATION_DOCUMENT_MAX_BYTES),
            **kwargs,
        )

    def get_breadcrumbs(self, context):
        """The edition page's trail, then the edition by its own title (the program is
        the crumb before it), then this form."""
        edition = self.call.edition
        program = edition.program
        return [
            program_kind_crumb(program),
            Crumb(program.title, program.get_absolute_url()),
            Crumb(edition.title or edition.when, edition.get_absolute_url()),
            Crumb("Apply", self.request.path),
        ]

    def post(self, request, *args, **kwargs):
        limit = settings.APPLICATION_DOCUMENT_MAX_BYTES + settings.APPLICATION_FORM_MAX_EXTRA_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            return too_large_response(request, self.call)
        return csrf_protect(self.checked_post)(request, *args, **kwargs)

    def checked_post(self, request, *args, **kwargs):
        if self.too_many_forms(request):
            return rate_limited_response(request, self.call)
        if self.call.state() != CallState.OPEN:
            # Opened before the deadline, sent after it (or before the opening): nothing
            # is stored, but the long answers are shown back, to be kept or sent by email.
            context = self.get_context_data(refused=True, answers=answers_sent(request))
            return self.render_to_response(context, status=403)
        form = self.get_form()
        if form.is_spam:
            self.count_application(request)
            return spam_response(request, self.call)
        if form.is_valid():
            self.count_application(request)
            return self.form_valid(form)
        return self.form_invalid(form)

    # Two counts per visitor's address: applications (and robots' forms), and forms sent
    # at all, with a wider limit, so that an applicant putting a form right is not locked
    # out while nobody can make the site check documents without end.
    APPLICATIONS = {"group": "applications.apply", "key": "ip", "method": "POST"}
    ATTEMPTS = {"group": "applications.apply.attempts", "key": "ip", "method": "POST"}

    def too_many_forms(self, request):
        if is_ratelimited(
            request, rate=settings.APPLICATION_ATTEMPT_RATE, increment=True, **self.ATTEMPTS
        ):
            return True
        usage = get_usage(request, rate=settings.APPLICATION_RATE, **self.APPLICATIONS)
        return usage is not None and usage["count"] >= usage["limit"]

    def count_application(self, request):
        get_usage(request, rate=settings.APPLICATION_RATE, increment=True, **self.APPLICATIONS)

    def form_invalid(self, form):
        form.keep_document()
        return super().form_invalid(form)

    def form_valid(self, form):
        apply_url = self.request.build_absolute_uri(self.request.path)
        try:
            with transaction.atomic():
                application = form.save()
                emails.queue_confirmation(application, apply_url)
        except IntegrityError:
            # The same address, sent twice at once: the second is refused as a duplicate.
            discard_document(form.instance)
            form.add_error("email", form.duplicate_message())
            return self.form_invalid(form)
        except Exception:
            discard_document(form.instance)  # nothing of a failed application stays on disk
            raise
        form.discard_kept_document()
        token = signing.dumps(application.pk, salt=CONFIRMATION_SALT)
        response = redirect(reverse("applications:sent", kwargs=self.kwargs) + f"?t={token}")
        remember_sent(self.request, response, application)
        return response


# The applications this browser sent, by id, in a signed cookie that only the call's form
# and confirmation receive: the confirmation shows what was sent only to the browser that
# sent it, never to someone else holding the link. A cookie, not the session, so that
# sending a form writes no session row.
SENT_COOKIE = "applications_sent"
SENT_COOKIE_SALT = "applications.sent"
SENT_REMEMBERED = 10


def sent_ids(request):
    value = request.get_signed_cookie(
        SENT_COOKIE, default="", salt=SENT_COOKIE_SALT, max_age=CONFIRMATION_MAX_AGE
    )
    return [int(part) for part in value.split(",") if part.isdigit()]


def remember_sent(request, response, application):
    sent = [pk for pk in sent_ids(request) if pk != application.pk]
    response.set_signed_cookie(
        SENT_COOKIE,
        ",".join(str(pk) for pk in [*sent, application.pk][-SENT_REMEMBERED:]),
        salt=SENT_COOKIE_SALT,
        max_age=CONFIRMATION_MAX_AGE,
        path=request.path,  # the form's address, which the confirmation's begins with
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def sent_by_this_browser(request, application):
    return application.pk in sent_ids(request)


@method_decorator(never_cache, name="dispatch")
class ConfirmationView(CallMixin, TemplateView):
    """The page after sending: the reference and what happens next. Reached only by the
    signed link the form redirects to, for an hour; the recap of what was sent is shown
    only to the browser that sent it."""

    template_name = "applications/sent.html"

    def get_context_data(self, **kwargs):
        call = self.get_call()
        try:
            pk = signing.loads(
                self.request.GET.get("t", ""), salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE
            )
            application = Application.objects.get(pk=pk, call=call)
        except (signing.BadSignature, Application.DoesNotExist, TypeError, ValueError):
            raise Http404("No such confirmation.") from None
        show_recap = sent_by_this_browser(self.request, application)
        return super().get_context_data(
            call=call,
            edition=call.edition,
            application=application,
            show_recap=show_recap,
            document_recap=document_recap(application.document) if show_recap else None,
            **kwargs,
        )


# The day the privacy notice's text (applications/privacy.html) last changed, shown on it:
# set it to the day of any change to that text (a test holds the two together).
PRIVACY_NOTICE_UPDATED = datetime.date(2026, 12, 7)


class PrivacyView(BreadcrumbsMixin, TemplateView):
    """`/privacy/applications/`: what an application keeps, why, how long, whom to ask."""

    template_name = "applications/privacy.html"

    def get_breadcrumbs(self, context):
        return [Crumb("Privacy notice for applications", self.request.path)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            retention_months=settings.APPLICATION_RETENTION_MONTHS,
            updated=PRIVACY_NOTICE_UPDATED,
            **kwargs,
        )
