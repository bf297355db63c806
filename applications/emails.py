"""Emails to applicants, queued in the database (django-post-office) and sent by
`manage.py send_queued_mail`: a message is kept, and retried, while the mail server
is down, and an application never waits for it.

Emails are data, never code. The only template code in an email is the repository's
confirmation text and the secretariat's decision texts; they are filled in here with
the application's values as context, so what an applicant typed is only ever a value
and is never read as a template. The finished message is queued as it is: post_office's
`mail.send()` would read the subject and body as templates once more.
"""

from email.utils import formataddr, make_msgid

from django.conf import settings
from django.template import Context, Engine
from django.template.loader import render_to_string
from post_office.models import PRIORITY, STATUS, Email
from post_office.settings import get_message_id_enabled, get_message_id_fqdn
from post_office.signals import email_queued

from wego_site.core.date_text import date_range_text

# The secretariat's texts are plain text (nothing escaped) and can reach no template file.
TEXT_ENGINE = Engine(autoescape=False, loaders=[])

# What a decision text is tried on when it is saved.
SAMPLE_CONTEXT = {
    "name": "Dr. Sample Applicant",
    "reference": "ABCD-2345",
    "edition": "Sample Training Program, September 2031",
    "edition_dates": "5–9 September 2031",
    "venue": "Seoul, Korea",
    "contacts": "Ms. Sample Contact <contact@example.org>",
}


def plain_text(rendered):
    """A rendered template as a plain `str`.

    Django marks what a template renders as safe HTML; an email text is not HTML, so
    it loses that mark here and a page that shows it escapes it like any other value."""
    return str.__str__(rendered)


def render_text(source, context):
    """A secretariat's text filled in with `context`, as plain text."""
    return plain_text(TEXT_ENGINE.from_string(source).render(Context(context, autoescape=False)))


def contacts_text(contacts):
    return "\n".join(f"{contact.full_name} <{contact.email}>" for contact in contacts)


def decision_context(application, contacts=None):
    """`contacts`: the call's question contacts, when the caller has them already."""
    call = application.call
    edition = call.edition
    if contacts is None:
        contacts = call.question_contacts()
    return {
        "name": application.full_name,
        "reference": application.reference,
        # Titles repeat from program to program ("Training Program, March 2027"):
        # the edition is named with its program, as its page names it.
        "edition": edition.full_title,
        "edition_dates": date_range_text(edition.start_date, edition.end_date),
        "venue": edition.venue,
        "contacts": contacts_text(contacts),
    }


def reply_to_header(contacts):
    """Replies go to whom applicants write to with questions (the call's question
    contacts: its own, else its edition's or program's): the emails ask applicants to reply."""
    if not contacts:
        return None
    return {"Reply-To": ", ".join(formataddr((c.full_name, c.email)) for c in contacts)}


def queue(recipient, subject, body, headers=None):
    """Put a finished message in post_office's queue, as it is."""
    email = Email.objects.create(
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
        headers=headers,
        subject=" ".join(subject.split()),
        message=body,
        priority=PRIORITY.medium,
        status=STATUS.queued,
        message_id=make_msgid(domain=get_message_id_fqdn()) if get_message_id_enabled() else None,
    )
    email_queued.send(sender=Email, emails=[email])
    return email


def queue_confirmation(application, apply_url):
    """The "we have your application" email: its reference and what happens next.

    Called inside the transaction that stores the application, so the two are stored
    together or not at all."""
    contacts = application.call.question_contacts()
    context = {
        **decision_context(application, contacts),
        "call": application.call,
        "apply_url": apply_url,
    }
    subject = f"Your application to {application.call.edition.full_title}: {application.reference}"
    body = plain_text(render_to_string("applications/email/confirmation.txt", context))
    return queue(application.email, subject, body, reply_to_header(contacts))


def queue_decision(application, template):
    subject, body = template.render(application)
    return queue(
        application.email, subject, body, reply_to_header(application.call.question_contacts())
    )
