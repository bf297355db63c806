"""Emails to applicants, queued in the database (django-post-office) and sent by
`manage.py send_queued_mail`: a message is kept, and retried, while the mail server
is down, and an application never waits for it."""

from django.template.loader import render_to_string
from post_office import mail

from wego_site.core.date_text import date_range_text


def contacts_text(call):
    contacts = list(call.contacts.all()) or list(call.edition.contacts.all())
    return "\n".join(f"{contact.full_name} <{contact.email}>" for contact in contacts)


def decision_context(application):
    call = application.call
    edition = call.edition
    return {
        "name": application.full_name,
        "reference": application.reference,
        "edition": edition.title,
        "edition_dates": date_range_text(edition.start_date, edition.end_date),
        "venue": edition.venue,
        "contacts": contacts_text(call),
    }


def queue(recipient, subject, body):
    return mail.send(recipient, subject=subject, message=body, priority="medium")


def queue_confirmation(application, apply_url):
    """The "we have your application" email: its reference and what happens next.

    Called inside the transaction that stores the application, so the two are stored
    together or not at all."""
    context = {**decision_context(application), "call": application.call, "apply_url": apply_url}
    subject = f"Your application to {application.call.edition.title}: {application.reference}"
    body = render_to_string("applications/email/confirmation.txt", context)
    return queue(application.email, subject, body)


def queue_decision(application, template):
    subject, body = template.render(application)
    return queue(application.email, subject, body)
