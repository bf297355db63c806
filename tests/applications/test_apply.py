"""The public form: what is stored, what is refused, and what the applicant is told."""

import datetime as dt
import hashlib
import io
import os
import re
import time
from html import unescape

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from post_office.models import Email

from applications.models import Application
from applications.views import PRIVACY_NOTICE_UPDATED
from tests.applications.factories import ApplicationFactory, CallFactory, form_data
from tests.applications.helpers import send_the_queue, stored_documents
from tests.applications.pdfs import bomb_pdf_bytes, pdf_bytes, upload
from tests.factories import EditionFactory, ProgramFactory
from wego_site.core.templatetags.wego import nobreak
from wego_site.core.uploads import size_text

pytestmark = pytest.mark.django_db


def apply_url(call):
    return call.get_absolute_url()


def post(client, call, country, document=None, **overrides):
    data = form_data(country, **overrides)
    data["document"] = upload() if document is None else document
    return client.post(apply_url(call), data)


def test_an_application_is_stored_confirmed_and_emailed(client, call, country, private_root):
    response = post(client, call, country, email="Applicant@Example.org ")
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.email == "applicant@example.org"
    assert application.status == "submitted"
    assert application.consented_at is not None
    assert len(stored_documents(private_root)) == 1

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert application.reference in page.content.decode()
    assert "no-store" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]

    queued = Email.objects.get()
    assert queued.to == ["applicant@example.org"]
    assert application.reference in queued.subject
    send_the_queue()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert application.reference in message.body
    assert "What happens next" in message.body
    assert "reviewer@example.org" in message.body


def test_the_confirmation_recaps_what_was_sent_to_that_applicant_only(client, call, country):
    response = post(client, call, country)
    page = client.get(response["Location"])
    html = page.content.decode()
    # The next steps first (a phone reads them before the recap; from 56rem side by side).
    assert html.index("What happens next") < html.index("What you sent")
    recap = html[html.index("What you sent") :]
    for sent in (
        "Dr. Applicant Person",
        "applicant@example.org",
        "Test City Government",
    ):
        assert sent in recap
    # The document named by what it is, in pages and kilobytes: never a path or bytes.
    document = re.search(r"<dt>Document</dt><dd>(.*?)</dd>", recap)[1]
    assert re.fullmatch(r"Your PDF, \d+ pages?, \d+ KB", document), document
    assert "bytes" not in document and "/" not in document
    # Never stored by the page cache or a front cache.
    assert {"private", "no-store"} <= {part.strip() for part in page["Cache-Control"].split(",")}
    # The same address without its signed token shows nothing of it.
    other = client.get(response["Location"].split("?")[0])
    assert other.status_code == 404 and "Applicant Person" not in other.content.decode()
    # The deadline reads once, without parentheses inside parentheses.
    assert "))" not in html


def test_the_confirmations_head_says_the_success_over_the_reference(client, call, country):
    """One statement, the head's own: a check mark and "Application received" as its
    kicker, the reference as its heading, the edition named in the lede; no banner."""
    response = post(client, call, country)
    html = client.get(response["Location"]).content.decode()
    assert "success-banner" not in html
    head = html[
        html.index('class="page-head"') : html.index("</div>", html.index('class="page-head"'))
    ]
    kicker = head[: head.index("<h1")]
    kicker = kicker[kicker.index('<p class="eyebrow page-head__kicker') :]
    # A check mark drawn in the page, hidden from screen readers; the words say it.
    assert '<svg class="success-mark"' in kicker and 'aria-hidden="true"' in kicker
    assert re.sub(r"<[^>]+>", "", kicker).strip() == "Application received"
    application = Application.objects.get()
    heading = head[head.index("<h1") : head.index("</h1>")]
    assert re.sub(r"<[^>]+>", "", heading).split() == [
        "Your",
        "reference",
        "is",
        application.reference,
    ]
    # It names the edition with its program.
    lede = head[head.index('<p class="lede">') :]
    lede = re.sub(r"<[^>]+>", "", lede[: lede.index("</p>")])
    assert lede.startswith("Thank you for applying to ")
    assert call.edition.program.title in lede


def test_someone_else_with_the_confirmation_link_sees_no_personal_data(client, call, country):
    response = post(client, call, country)
    application = Application.objects.get()
    stranger = Client()
    page = stranger.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert application.reference in html and "What happens next" in html
    assert "What you sent" not in html
    for personal in ("Applicant Person", "applicant@example.org", "Test City Government"):
        assert personal not in html
    assert {"private", "no-store"} <= {part.strip() for part in page["Cache-Control"].split(",")}
    # The browser that sent it still sees its recap.
    assert "What you sent" in client.get(response["Location"]).content.decode()


def test_sending_a_form_writes_no_session_and_the_recap_cookie_is_signed(client, call, country):
    """What this browser sent is remembered in a signed cookie that only the call's form
    and confirmation receive, not in a session row."""
    response = post(client, call, country)
    assert Session.objects.count() == 0
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    cookie = response.cookies["applications_sent"]
    assert cookie["path"] == apply_url(call)
    assert response["Location"].startswith(apply_url(call))
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    # A cookie written by hand, without the site's signature, shows nothing.
    application = Application.objects.get()
    forger = Client()
    forger.cookies["applications_sent"] = str(application.pk)
    assert "What you sent" not in forger.get(response["Location"]).content.decode()


def test_the_document_is_stored_under_a_random_name_outside_media(
    client, call, country, private_root, media_root
):
    post(client, call, country, document=upload(name="Applicant Person CV.pdf"))
    (path,) = stored_documents(private_root)
    assert "Applicant" not in path.name and len(path.stem) == 32
    assert not stored_documents(media_root)
    with pytest.raises(ValueError):
        Application.objects.get().document.url  # noqa: B018 - no URL exists


def test_the_form_page_shows_grouped_labelled_fields(client, call):
    response = client.get(apply_url(call))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<fieldset") == 4
    for name in ("name", "email", "country", "motivation", "plans", "document", "consent"):
        assert f'for="id_{name}"' in html, name
    assert reverse("applications:privacy") in html
    assert "Seoul time (UTC+9)" in html
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_every_country_in_the_world_can_be_chosen_and_is_stored_as_its_iso_code(
    client, call, empty_site
):
    call = CallFactory()
    html = client.get(apply_url(call)).content.decode()
    options = re.findall(r'<option value="([A-Z]{2})"', html)
    assert len(options) >= 249
    for code, name in [("ES", "Spain"), ("BR", "Brazil"), ("CN", "China"), ("JP", "Japan")]:
        assert f'<option value="{code}">{name}</option>' in html
    assert post(client, call, "BT").status_code == 302
    assert Application.objects.get().country.name == "Bhutan"


COMMON_NAMES = [
    ("NR", "Nauru"),
    ("KR", "Korea"),  # the site's name for it, once (not "South Korea" beside it)
    ("KP", "North Korea"),
    ("BS", "Bahamas"),
    ("US", "United States"),
    ("VG", "British Virgin Islands"),
    ("VI", "U.S. Virgin Islands"),
    ("RU", "Russia"),
    ("VN", "Vietnam"),
]


def test_every_country_reads_by_its_common_english_name(client, call, editor_client):
    html = client.get(apply_url(call)).content.decode()
    for code, name in COMMON_NAMES:
        assert f'<option value="{code}">{name}</option>' in html
    assert "Naoero" not in html and "(The)" not in html
    ApplicationFactory(call=call, country="NR")
    changelist = editor_client.get(reverse("admin:applications_application_changelist"))
    assert "Nauru" in changelist.content.decode()
    assert "Naoero" not in changelist.content.decode()


def test_errors_are_listed_at_the_top_and_next_to_each_field(client, call, country):
    response = post(client, call, country, name="", consent="")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html and "autofocus" in html
    assert 'href="#id_name"' in html and 'href="#id_consent"' in html
    assert 'aria-invalid="true"' in html
    assert not Application.objects.exists()


def test_the_email_fields_message_keeps_an_address_on_one_line(client, call, country):
    html = post(client, call, country, email="not-an-address").content.decode()
    inline = html[html.index('id="id_email_error"') :]
    inline = inline[: inline.index("</ul>")]
    assert '<span class="nowrap">name@example.org</span>' in inline


def test_what_to_send_is_the_file_fields_hint_above_it_like_every_other_hint(client, call):
    call.documents = "A letter <b>signed</b>."
    call.save()
    html = client.get(apply_url(call)).content.decode()
    field = html[html.index('for="id_document"') :]
    field = field[: field.index("</div>", field.index('type="file"'))]
    hint = '<div class="helptext" id="id_document_helptext">A letter &lt;b&gt;signed&lt;/b&gt;.'
    assert hint in field
    assert field.index(hint) < field.index('type="file"')
    assert 'aria-describedby="id_document_helptext"' in field
    # Said once in the form, not again after its group.
    form = html[html.index('<form class="application-form"') :]
    form = form[: form.index("</form>")]
    assert form.count("A letter &lt;b&gt;signed&lt;/b&gt;.") == 1


def test_the_duplicate_message_is_short_and_still_says_what_to_do(client, call, country):
    post(client, call, country)
    html = post(client, call, country).content.decode()
    inline = html[html.index('id="id_email_error">') + len('id="id_email_error">') :]
    message = re.sub(r"<[^>]+>", "", inline[: inline.index("</ul>")]).strip()
    assert message.startswith("An application from this address has been received already")
    assert "one per person" in message and "reference number" in message
    assert len(message.split()) <= 30
    assert "(" + call.contacts.get().email not in message  # no address in brackets


def test_the_duplicate_message_names_the_contacts_as_mailto_links(client, call, country):
    contact = call.contacts.get()
    post(client, call, country)
    html = post(client, call, country).content.decode()
    link = f'<a href="mailto:{contact.email}">{contact.full_name}</a>'
    inline = html[html.index('id="id_email_error">') :]
    assert link in inline[: inline.index("</ul>")]
    # In the summary only the message's first sentence links to the field; the contacts
    # follow that link (a link holds no other).
    summary = html[html.index('class="error-summary"') :]
    summary = summary[: summary.index("</ul>")]
    lead = "An application from this address has been received already (one per person)."
    assert f'<a href="#id_email">{lead}</a> <span class="error-summary__more">' in summary
    assert link in summary
    assert summary.count("<a ") == 2


def test_the_form_heading_names_the_program_and_the_edition(client, call):
    edition = call.edition
    html = client.get(apply_url(call)).content.decode()
    heading = unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)[1]))
    assert heading == f"Apply — {nobreak(edition.full_title)}"
    # Shown as a short "Apply", the program and the edition its subtitle line.
    assert '<span class="page-head__subtitle">' in html
    assert edition.program.title in edition.full_title and edition.title in edition.full_title


def test_the_form_page_says_the_deadline_once_in_the_call_in_brief(client, call):
    html = client.get(apply_url(call)).content.decode()
    shown = html[html.index("<main") :]
    assert shown.count(call.closes_html) == 1
    brief = shown[shown.index('id="call-summary-heading"') :]
    assert call.closes_html in brief


def test_the_call_in_brief_comes_before_the_form_so_a_phone_reads_it_first(client, call):
    html = client.get(apply_url(call)).content.decode()
    brief = html.index('id="call-summary-heading"')
    assert brief < html.index('<form class="application-form"')
    assert "What to send" in html[brief : html.index('<form class="application-form"')]


def test_the_call_in_brief_folds_all_but_the_deadline(client, call):
    # What to send is the file field's hint too, so a phone's first screen reaches the form.
    html = client.get(apply_url(call)).content.decode()
    brief = html[html.index('id="call-summary-heading"') : html.index("</aside>")]
    open_part, folded = brief.split('<details class="call-brief__more">')
    assert "Deadline" in open_part
    assert "What to send" not in open_part and "Questions" not in open_part
    assert "<summary>What to send, dates, places, whom to ask</summary>" in folded
    assert "What to send" in folded and "Training" in folded
    assert "Questions" in folded and "The whole call" in folded


def test_with_errors_the_summary_comes_before_the_call_in_brief(client, call, country):
    html = post(client, call, country, name="").content.decode()
    assert html.index('class="error-summary"') < html.index('id="call-summary-heading"')
    assert html.index('id="call-summary-heading"') < html.index('<form class="application-form"')


def test_the_title_select_asks_to_choose(client, call):
    html = client.get(apply_url(call)).content.decode()
    select = html[html.index('<select name="honorific"') :]
    assert select[: select.index("</option>")].endswith('<option value="" selected>Choose…')


def test_the_confirmation_and_its_email_give_the_deadline_in_utc_too(
    client, call, country, private_root
):
    call.closes_at = timezone.now() + dt.timedelta(days=3)
    call.save()
    response = post(client, call, country)
    page = client.get(response["Location"]).content.decode()
    assert f"After the deadline, {call.closes_local_html}, the secretariat" in page
    assert f"That is {call.closes_utc_text}." in page  # in a note under the step
    assert call.closes_text.endswith(" UTC") and "Seoul time (UTC+9) — " in call.closes_text
    send_the_queue()
    assert f"After the deadline ({call.closes_text})" in mail.outbox[0].body


def test_before_the_opening_there_is_no_form(client, country):
    call = CallFactory(opens_at=timezone.now() + dt.timedelta(days=2))
    page = client.get(apply_url(call))
    assert '<form class="application-form"' not in page.content.decode()
    assert "opens on" in page.content.decode()
    response = post(client, call, country)
    assert response.status_code == 403
    assert not Application.objects.exists()


def test_after_the_deadline_there_is_no_form(client, country, contact):
    now = timezone.now()
    call = CallFactory(
        opens_at=now - dt.timedelta(days=10),
        closes_at=now - dt.timedelta(hours=1),
        contacts=[contact],
    )
    html = client.get(apply_url(call)).content.decode()
    assert "This call closed on" in html
    assert "application-form" not in html


def test_a_form_opened_before_the_deadline_and_sent_after_it_is_refused(
    client, call, country, private_root
):
    assert client.get(apply_url(call)).status_code == 200
    call.closes_at = timezone.now() - dt.timedelta(seconds=1)
    call.save()
    response = post(client, call, country)
    html = response.content.decode()
    assert response.status_code == 403
    assert "The call is closed" in html
    assert "reviewer@example.org" in html  # whom to write to
    assert not Application.objects.exists()
    assert not stored_documents(private_root)


def test_a_late_form_shows_its_long_answers_back_as_text(client, call, country, private_root):
    """Nothing is stored, but the applicant can copy what they wrote into the email the
    page suggests; the answers are escaped text, never markup."""
    assert client.get(apply_url(call)).status_code == 200
    call.closes_at = timezone.now() - dt.timedelta(seconds=1)
    call.save()
    motivation = "We lead <b>digital</b> services.\n\nSecond paragraph {{ settings }}"
    response = post(client, call, country, motivation=motivation, plans="x" * 5000)
    html = response.content.decode()
    assert response.status_code == 403
    assert "What you wrote" in html
    assert "We lead &lt;b&gt;digital&lt;/b&gt; services." in html
    assert "Second paragraph {{ settings }}" in html
    assert "x" * 2000 in html and "x" * 2001 not in html  # the form's own limit
    assert not Application.objects.exists()


def test_the_call_is_read_once_per_generation_and_its_deadline_is_the_clocks(
    client, call, country, private_root, monkeypatch, django_assert_max_num_queries
):
    assert client.get(apply_url(call)).status_code == 200
    with django_assert_max_num_queries(1):  # the session-free form: the call is kept
        assert client.get(apply_url(call)).status_code == 200

    # The deadline passes with no row changed: the kept call is closed all the same.
    later = call.closes_at + dt.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "This call closed on" in client.get(apply_url(call)).content.decode()
    response = post(client, call, country)
    assert response.status_code == 403
    assert not Application.objects.exists()


def test_characters_that_disguise_text_are_left_out(client, call, country):
    response = post(
        client,
        call,
        country,
        name="Evil\u202efdp.exe",
        organisation="City\u2066 Hall\u2069\ufffe",
        plans="Plans\U0010ffff for the city.",
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.name == "Evilfdp.exe"
    assert application.organisation == "City Hall"
    assert application.plans == "Plans for the city."
    # A field of nothing else is empty, and says so.
    response = post(client, call, country, email="other@example.org", name="\u202e\u202d")
    assert response.status_code == 200
    assert "Enter your full name." in response.content.decode()


def test_control_characters_leave_one_line_fields_and_line_breaks_stay_in_texts(
    client, call, country
):
    response = post(
        client,
        call,
        country,
        name="Evil\r\nBcc: victim@example.org",
        organisation="Ctrl\x1b[31mRed\x07\x85Hall\tOffice",
        position="Head\u2028of\x0bunit\x9b",
        motivation="First line.\r\nSecond\x1b line.\n\tIndented.",
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.name == "Evil Bcc: victim@example.org"
    assert application.organisation == "Ctrl[31mRed Hall Office"
    assert application.position == "Head of unit"
    assert application.motivation == "First line.\nSecond line.\n\tIndented."
    # A field of nothing else is empty, and says so.
    response = post(client, call, country, email="other@example.org", name="\x1b\x07")
    assert "Enter your full name." in response.content.decode()


def test_a_second_application_from_one_address_is_refused(client, call, country, private_root):
    post(client, call, country)
    response = post(client, call, country, email="APPLICANT@example.org")
    html = response.content.decode()
    assert response.status_code == 200
    assert "has been received already" in html
    assert "reviewer@example.org" in html
    assert Application.objects.count() == 1
    assert len(stored_documents(private_root / "applications")) == 1


def test_one_application_per_person_and_call_not_per_person(client, call, country):
    other_call = CallFactory(
        edition=EditionFactory(program=ProgramFactory(title="Another program"))
    )
    assert post(client, call, country).status_code == 302
    assert post(client, other_call, country).status_code == 302  # the same person, elsewhere
    assert Application.objects.filter(email="applicant@example.org").count() == 2
    again = post(client, other_call, country, email="Applicant@example.org")
    assert "has been received already" in again.content.decode()
    assert Application.objects.count() == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"GIF89a not a pdf at all", "not a PDF"),
        (b"%PDF-1.4 but nothing else of a PDF", "damaged or not a real PDF"),
    ],
)
def test_a_fake_pdf_is_refused(client, call, country, private_root, content, message):
    response = post(client, call, country, document=upload(content))
    assert message in response.content.decode()
    # The field is empty again, and its hint says to choose a file again.
    assert "The file you chose was not kept: choose a file again" in response.content.decode()
    assert not Application.objects.exists()
    assert not stored_documents(private_root)


def test_a_too_large_pdf_is_refused(client, call, country, private_root, settings):
    settings.APPLICATION_DOCUMENT_MAX_BYTES = 2000
    response = post(client, call, country, document=upload(pdf_bytes(pages=40)))
    assert "larger than" in response.content.decode()
    assert not Application.objects.exists()
    assert not stored_documents(private_root)


def test_a_request_far_too_large_is_refused_before_it_is_read(client, call, country, settings):
    settings.APPLICATION_DOCUMENT_MAX_BYTES = 1000
    settings.APPLICATION_FORM_MAX_EXTRA_BYTES = 1000
    response = post(client, call, country, document=upload(b"%PDF-" + b"x" * 5000))
    assert response.status_code == 413
    html = response.content.decode()
    assert "too large" in html
    assert "browser’s Back button" in html and "what you typed" in html
    # The only link to the form says that it opens an empty one.
    assert "Back to the form" not in html
    assert f'<a href="{apply_url(call)}">Start again with an empty form</a>' in html
    assert not Application.objects.exists()


def test_a_size_limit_reads_as_the_form_writes_it(client, call, country, settings):
    settings.APPLICATION_DOCUMENT_MAX_BYTES = 1024 * 1024
    settings.APPLICATION_FORM_MAX_EXTRA_BYTES = 1000
    assert "At most 1 MB." in client.get(apply_url(call)).content.decode()
    response = post(client, call, country, document=upload(b"%PDF-" + b"x" * 1_200_000))
    assert response.status_code == 413
    html = response.content.decode()
    assert "larger than 1 MB, the most this call takes" in html
    assert "1.0 MB" not in html
    assert size_text(5 * 1024 * 1024) == "5 MB"
    assert size_text(7_500_000) == "7.2 MB" and size_text(1000) == "1000 bytes"


def test_a_decompression_bomb_is_refused(client, call, country, private_root, settings):
    settings.APPLICATION_PDF_MAX_DECODED_BYTES = 1_000_000
    bomb = bomb_pdf_bytes(8_000_000)
    assert len(bomb) < 20_000
    response = post(client, call, country, document=upload(bomb))
    assert "unpacks to far more than its size" in response.content.decode()
    assert not Application.objects.exists()
    assert not stored_documents(private_root)


def test_a_filled_honeypot_is_refused(client, call, country, private_root):
    response = post(client, call, country, website_address="http://spam.example")
    assert response.status_code == 400
    assert not Application.objects.exists()
    assert not stored_documents(private_root)


def test_the_rate_limit_answers_429(client, call, country, settings):
    settings.APPLICATION_RATE = "2/h"
    for n in range(2):
        assert post(client, call, country, email=f"a{n}@example.org").status_code == 302
    response = post(client, call, country, email="a3@example.org", plans="Our <b>plans</b>.")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many forms" in html
    assert response["Retry-After"]
    assert Application.objects.count() == 2
    # What the refused form held, shown back to keep (escaped text, not stored).
    assert "What you wrote" in html and "Our &lt;b&gt;plans&lt;/b&gt;." in html


def test_forms_sent_back_for_a_mistake_do_not_use_up_the_applications(
    client, call, country, settings
):
    settings.APPLICATION_RATE = "1/h"
    for _ in range(3):
        assert post(client, call, country, email="not-an-address").status_code == 200
    assert post(client, call, country, email="right@example.org").status_code == 302
    assert post(client, call, country, email="second@example.org").status_code == 429


def test_forms_sent_at_all_have_a_wider_limit_of_their_own(client, call, country, settings):
    settings.APPLICATION_ATTEMPT_RATE = "3/h"
    for _ in range(3):
        assert post(client, call, country, email="not-an-address").status_code == 200
    response = post(client, call, country, email="right@example.org")
    assert response.status_code == 429
    assert "Too many forms" in response.content.decode()
    assert not Application.objects.exists()


def test_a_forged_confirmation_link_is_a_404(client, call, country):
    post(client, call, country)
    url = reverse(
        "applications:sent",
        kwargs={"program_slug": call.edition.program.slug, "slug": call.edition.slug},
    )
    assert client.get(url).status_code == 404
    assert client.get(url + "?t=1").status_code == 404


def test_a_draft_call_has_no_form(client, country):
    call = CallFactory(status="draft")
    assert client.get(apply_url(call)).status_code == 404
    assert post(client, call, country).status_code == 404


def test_the_form_and_the_confirmation_stay_within_the_query_budget(
    client, call, country, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        client.get(apply_url(call))
    response = post(client, call, country)
    with django_assert_max_num_queries(8):
        client.get(response["Location"])
    with django_assert_max_num_queries(8):
        client.get(reverse("applications:privacy"))


def test_when_the_queue_fails_nothing_is_stored_or_left_on_disk(
    client, call, country, private_root, monkeypatch
):
    def queue_unavailable(*args, **kwargs):
        raise RuntimeError("the queue's table is unavailable")

    monkeypatch.setattr("applications.emails.queue", queue_unavailable)
    client.raise_request_exception = False
    response = post(client, call, country)
    assert response.status_code == 500
    assert not Application.objects.exists()
    assert not stored_documents(private_root)


def kept_token(html):
    match = re.search(r'name="kept_document" value="([^"]+)"', html)
    return match and match.group(1)


def test_a_valid_pdf_is_kept_while_the_applicant_corrects_the_rest(
    client, call, country, private_root
):
    first = post(client, call, country, email="not an address", document=upload(name="cv.pdf"))
    html = first.content.decode()
    assert first.status_code == 200
    assert "<strong>cv.pdf</strong> — kept; choose another file to replace it." in html
    token = kept_token(html)
    assert token  # signed, carried back by the form

    data = {**form_data(country), "kept_document": token}
    second = client.post(apply_url(call), data)  # no file chosen again
    assert second.status_code == 302
    application = Application.objects.get()
    assert application.document.read() == upload().read()
    assert not stored_documents(private_root / "kept")  # used, then removed


def test_a_forged_or_foreign_kept_document_is_not_used(client, call, country, private_root):
    html = post(client, call, country, name="", document=upload(name="cv.pdf")).content.decode()
    token = kept_token(html)
    for forged in (token[:-2] + "xx", "kept/anything.pdf", ""):
        response = client.post(apply_url(call), {**form_data(country), "kept_document": forged})
        assert "— kept;" not in response.content.decode()
        assert 'href="#id_document"' in response.content.decode()  # asked for again
    other = CallFactory(edition=EditionFactory())
    response = client.post(apply_url(other), {**form_data(country), "kept_document": token})
    assert 'href="#id_document"' in response.content.decode()
    assert not Application.objects.exists()


def test_kept_documents_nobody_came_back_for_are_removed_after_an_hour(
    client, call, country, private_root
):
    post(client, call, country, name="", document=upload(name="cv.pdf"))
    (kept,) = stored_documents(private_root / "kept")
    call_command("purge_applications", stdout=io.StringIO())
    assert kept.exists()  # within the hour
    two_hours_ago = time.time() - 7200
    os.utime(kept, (two_hours_ago, two_hours_ago))
    call_command("purge_applications", stdout=io.StringIO())
    assert not kept.exists()


def test_a_form_sent_back_with_a_new_file_keeps_only_the_new_one(
    client, call, country, private_root
):
    html = post(client, call, country, name="", document=upload(name="cv.pdf")).content.decode()
    (first,) = stored_documents(private_root / "kept")
    data = {**form_data(country), "name": "", "kept_document": kept_token(html)}
    response = client.post(apply_url(call), {**data, "document": upload(name="other.pdf")})
    assert "<strong>other.pdf</strong> — kept;" in response.content.decode()
    (second,) = stored_documents(private_root / "kept")
    assert second != first and not first.exists()


def test_kept_documents_stay_under_their_cap_and_the_applicant_is_told(
    client, call, country, private_root, settings
):
    size = len(upload().read())
    settings.APPLICATION_KEPT_DOCUMENTS_MAX_BYTES = 2 * size + size // 2
    for _ in range(2):
        post(client, call, country, name="", document=upload(name="cv.pdf"))
    assert len(stored_documents(private_root / "kept")) == 2
    response = post(client, call, country, name="", document=upload(name="cv.pdf"))
    html = response.content.decode()
    assert len(stored_documents(private_root / "kept")) == 2  # no more than the cap
    assert "— kept;" not in html and not kept_token(html)
    assert "could not be kept" in html and 'href="#id_document"' in html

    for kept in stored_documents(private_root / "kept"):
        two_hours_ago = time.time() - 7200
        os.utime(kept, (two_hours_ago, two_hours_ago))
    response = post(client, call, country, name="", document=upload(name="cv.pdf"))
    # The expired ones made room.
    assert "<strong>cv.pdf</strong> — kept;" in response.content.decode()
    assert len(stored_documents(private_root / "kept")) == 1


def test_line_breaks_count_as_one_character_as_in_the_browser(client, call, country):
    line = "x" * 19
    exactly = "\r\n".join([line] * 100)  # 100 lines: 1,900 letters and 99 breaks
    exactly += "x"  # 2,000 characters as the browser counts them
    assert len(exactly.replace("\r\n", "\n")) == 2000
    assert post(client, call, country, motivation=exactly).status_code == 302
    assert Application.objects.get().motivation.count("\n") == 99

    response = post(client, call, country, email="b@example.org", plans=exactly + "x")
    assert "at most 2000 characters (it has 2001)" in response.content.decode()


def test_each_error_says_what_to_do_and_the_summary_follows_the_form(client, call, country):
    empty = dict.fromkeys(form_data(country), "")
    response = client.post(apply_url(call), {**empty, "document": ""})
    html = response.content.decode()
    assert response.status_code == 200, response.status_code
    summary = html[html.index('class="error-summary"') :]
    summary = summary[: summary.index("</ul>")]
    expected = [
        "Enter your full name.",
        "Enter your position, your job title.",
        "Enter your email address.",
        "Enter the name of your city government or organisation.",
        "Enter your city.",
        "Choose your country.",
        "Say why you want to take part.",
        "Say how your city will use what you learn.",
        "Choose your nomination letter or CV, as one PDF file.",
        "Agree to the privacy notice to send the application.",
    ]
    assert sorted(expected, key=summary.index) == expected, "in the order of the form"
    assert "This field is required." not in html
    # Each item is the message alone, linked to its field: no label glued in front of it.
    assert '<a href="#id_name">Enter your full name.</a>' in summary
    assert ".." not in summary and "?:" not in summary


PHONE_MESSAGE = (
    "Enter your phone number in digits, with the country code, e.g. +82 2 123 4567 "
    "(spaces, dashes, dots and brackets may part them), or leave it empty."
)


@pytest.mark.parametrize(
    "phone",
    [
        "abc",
        "12ab34",
        "+",
        "---",
        "82 2 123 4567 ext. 5",
        "+82+2",
        "0",
        "+()-.0",
        "12345",
        "+" + "1" * 16,  # more digits than any international number (E.164: 15)
    ],
)
def test_a_phone_number_that_is_not_one_is_refused_with_what_to_enter(client, call, country, phone):
    html = post(client, call, country, phone=phone).content.decode()
    assert not Application.objects.exists()
    summary = html[html.index('class="error-summary"') :]
    assert f'<a href="#id_phone">{PHONE_MESSAGE}</a>' in summary[: summary.index("</ul>")]


@pytest.mark.parametrize(
    "phone", ["", "+82 2 123 4567", "(02) 123-4567", "+1.202.555.0143", "+" + "1" * 15]
)
def test_a_phone_number_in_digits_spaces_and_signs_is_taken(client, call, country, phone):
    post(client, call, country, phone=phone)
    assert Application.objects.get().phone == phone


def test_full_width_digits_and_no_break_spaces_are_read_as_plain_ones(client, call, country):
    post(client, call, country, phone="+82\u00a02\u00a0１２３\u00a04567")
    assert Application.objects.get().phone == "+82 2 123 4567"


def test_the_admin_checks_a_phone_number_as_the_form_does(call):
    application = ApplicationFactory(call=call, phone="abc")
    with pytest.raises(ValidationError) as refused:
        application.full_clean()
    assert refused.value.message_dict == {"phone": [PHONE_MESSAGE]}
    application.phone = "+82 2 123 4567"
    application.full_clean()


def test_the_privacy_notice_has_a_breadcrumb_and_typeset_apostrophes(client):
    html = client.get(reverse("applications:privacy")).content.decode()
    trail = html[html.index('aria-label="Breadcrumb"') :]
    trail = trail[: trail.index("</nav>")]
    assert 'href="/"' in trail
    main = html[html.index("<main") : html.index("</main>")]
    # No label over the title naming a section the trail does not have.
    assert 'class="eyebrow"' not in main
    assert "WeGO’s secretariat" in main
    assert "'s " not in re.sub(r"<[^>]+>", "", main)


@pytest.mark.parametrize("chosen", [None, "", "KR", 'C\u00f4te <&> "x"'])
def test_the_country_list_is_the_html_djangos_select_writes(call, chosen):
    """The form's country list is written in Python, for speed: the same markup as
    Django's Select widget, with the chosen country selected and every text escaped."""
    from django import forms

    from applications.forms import ApplicationForm, ListedSelect

    field = ApplicationForm(call=call).fields["country"]
    attrs = {"id": "id_country", "required": True, "aria-describedby": "id_country_helptext"}
    assert isinstance(field.widget, ListedSelect)
    choices = [*field.choices, ("X&Y", "A <b>bold</b> name")]
    ours = ListedSelect(choices=choices).render("country", chosen, attrs)
    djangos = forms.Select(choices=choices).render("country", chosen, attrs)
    assert ours == djangos
    assert ours.count("<option") == len(choices)


def test_the_form_kept_once_per_generation_shows_a_change_at_once_and_never_an_answer(
    client, call, country
):
    """The form's fields as first shown are written once per content generation: a
    change to the call shows on the next visit, and a form sent back with its errors is
    never what the next visitor sees."""
    assert "Enter your full name." not in client.get(apply_url(call)).content.decode()
    call.documents = "A letter from your mayor, as a PDF."
    call.save()
    # Beside the document field and in the call's summary.
    assert client.get(apply_url(call)).content.decode().count("A letter from your mayor") == 2
    sent = post(client, call, country, name="", email="someone@example.org")
    assert "Enter your full name." in sent.content.decode()
    assert "someone@example.org" in sent.content.decode()
    again = Client().get(apply_url(call)).content.decode()
    assert "Enter your full name." not in again
    assert "someone@example.org" not in again


def test_the_confirmation_gives_the_deadline_in_utc_in_a_note_and_a_short_way_back(
    client, call, country
):
    response = post(client, call, country)
    html = client.get(response["Location"]).content.decode()
    steps = html[html.index("<ol>") : html.index("</ol>")]
    step = steps[steps.index("After the deadline") :]
    step = step[: step.index("</li>")]
    assert "moment__utc" not in step  # not mid-sentence
    sentence = step[: step.index('<span class="meta step-note">')].rstrip()
    assert sentence.endswith("the secretariat reviews every application.")
    assert f"That is {call.closes_utc_text}." in step
    back = re.search(r'<p class="back"><a href="([^"]+)">(.*?)</a></p>', html)
    assert back[1] == call.edition.get_absolute_url()
    # A back link: its arrow before the words, pointing back, not read out.
    assert back[2].startswith('<span aria-hidden="true">← </span>Back to the call<span')
    assert re.sub(r"<span.*?</span>", "", back[2]) == "Back to the call"


# The notice's template as it was on PRIVACY_NOTICE_UPDATED (its SHA-256, shortened), or
# since then with its text unchanged.
NOTICE_FINGERPRINT = "c11553ecf23a788d"


def test_the_privacy_notice_says_when_its_text_last_changed(client):
    """The date is true only while the notice's text is the one it was set for: a change
    to the template changes its fingerprint here, and asks for the date to be set too."""
    template = settings.BASE_DIR / "templates" / "applications" / "privacy.html"
    fingerprint = hashlib.sha256(template.read_bytes()).hexdigest()[:16]
    assert (fingerprint, PRIVACY_NOTICE_UPDATED) == (NOTICE_FINGERPRINT, dt.date(2026, 12, 7)), (
        "The privacy notice changed: set PRIVACY_NOTICE_UPDATED (applications/views.py) to "
        f"the day of the change, then the date and NOTICE_FINGERPRINT = {fingerprint!r} here."
    )
    html = client.get(reverse("applications:privacy")).content.decode()
    assert 'Last updated <time datetime="2026-12-07">7 December 2026</time>' in html


def test_the_privacy_notice_names_the_secretariats_contacts_to_ask(client, seed):
    html = client.get(reverse("applications:privacy")).content.decode()
    row = html[html.index('id="whom-to-ask"') :]
    row = row[: row.index("</section>")]
    # The contacts at the foot of every page, as mailto links.
    for name, address in [
        ("Ms.\u00a0Alexandra Sidorova", "alexandra@we-gov.org"),
        ("Mr.\u00a0Andrew Lim", "andrew@we-gov.org"),
    ]:
        assert f'<a href="mailto:{address}">{name}</a>' in row


def test_a_form_sent_without_a_file_does_not_speak_of_one_chosen(client, call, country):
    response = post(client, call, country, document="")
    assert "The file you chose" not in response.content.decode()


def trail(html):
    """The visible breadcrumb trail's (name, address) pairs."""
    nav = html[html.index('aria-label="Breadcrumb"') :]
    nav = nav[: nav.index("</nav>")]
    return [
        (unescape(name), url) for url, name in re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav)
    ]


@pytest.mark.parametrize("sample", [False, True])
def test_the_forms_trail_is_the_edition_pages_trail_then_the_edition(client, sample):
    edition = EditionFactory(program=ProgramFactory(is_sample=sample), title="Spring course")
    call = CallFactory(edition=edition)
    edition_trail = trail(client.get(edition.get_absolute_url()).content.decode())
    form_trail = trail(client.get(apply_url(call)).content.decode())
    assert form_trail == [*edition_trail, ("Spring course", edition.get_absolute_url())]
    assert len(form_trail) == 4


def test_the_privacy_notice_says_whom_to_write_to_plainly(client, call):
    main = client.get(reverse("applications:privacy")).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", "", main[main.index("<main") :]).split())
    assert "to or to" not in text
    assert "write to the contacts named on the call for your edition or to the secretariat" in text
    assert "You can also reply to any email we send you about your application." in text
