"""In Chromium: a visitor applies with JavaScript off, the email arrives, an editor
accepts, the decision email goes out and the city shows on the edition page; and axe
finds nothing on the call's pages."""

import pytest
from django.core import mail
from django.core.management import call_command

from applications.models import Application
from tests.applications.pdfs import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The form's visible fields (the checkbox's box aside, which hangs beside its label) and
# their left edges, by name.
FIELDS = ".application-form :is(input:not([type=hidden], [type=checkbox]), select, textarea)"
FIELD_EDGES = (
    "fields => fields.filter(f => f.offsetParent !== null)"
    ".map(f => [f.name, f.getBoundingClientRect().x])"
)


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


@pytest.fixture
def no_script_page(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def document(tmp_path):
    path = tmp_path / "nomination-letter.pdf"
    path.write_bytes(pdf_bytes())
    return path


def fill_form(page, document, email="journey@example.org"):
    page.get_by_label("Title (optional)").select_option("Ms.")
    page.get_by_label("Full name").fill("Journey Applicant")
    page.get_by_label("Position").fill("Head of Smart City Policy")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Organisation").fill("Journey City Hall")
    page.get_by_label("City", exact=True).fill("Journey City")
    page.get_by_label("Country").select_option(label="Kenya")
    page.get_by_label("Why do you want to take part?").fill("To learn from other cities.")
    page.get_by_label("How will your city use what you learn?").fill("In our digital plan.")
    page.get_by_label("Nomination letter or CV (PDF)").set_input_files(str(document))
    page.get_by_label("I have read the privacy notice").check()


def test_apply_then_accept_then_the_participant_is_listed(
    live_server, no_script_page, page, call, country, editor, document, decision_texts
):
    visitor = no_script_page
    visitor.goto(live_server.url + call.edition.get_absolute_url())
    title = call.edition.full_title
    visitor.get_by_role("link", name=f"Apply to {title}").click()
    # "Apply", the program and the edition its subtitle line; the kicker above it says what
    # it is, and that the call is open.
    assert " ".join(visitor.locator("h1").inner_text().split()) == f"Apply — {title}"
    assert visitor.locator(".page-head .eyebrow").inner_text() == "CALL FOR APPLICATIONS OPEN"
    fill_form(visitor, document)
    visitor.get_by_role("button", name="Send the application").click()

    application = Application.objects.get()
    # The reference number is the confirmation's headline.
    headline = " ".join(visitor.locator("h1").inner_text().split())
    assert headline == f"Your reference is {application.reference}"
    assert "application received" in visitor.locator("main").inner_text().lower()

    call_command("send_queued_mail", "--log-level=0")
    assert [m.to for m in mail.outbox] == [["journey@example.org"]]
    assert application.reference in mail.outbox[0].body

    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("pw-editor-1")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Applications", exact=True).first.click()
    expect(page.locator("#result_list tbody tr")).to_have_count(1)

    def run(action):
        page.locator("input[name=_selected_action]").check()
        page.locator("select[name=action]").select_option(action)
        page.get_by_role("button", name="Go").click()

    run("mark_accepted")
    assert "1 marked as accepted" in page.locator(".messagelist").inner_text()
    run("send_decision_emails")
    assert "Dear Ms. Journey Applicant" in page.locator("#content").inner_text()
    page.get_by_role("button", name="Send the email").click()
    assert "1 decision email queued" in page.locator(".messagelist").inner_text()
    run("make_participants")
    assert "Journey City Hall — Kenya" in page.locator("#content").inner_text()
    page.get_by_role("button", name="Publish these on the edition pages").click()
    assert "1 listed" in page.locator(".messagelist").inner_text()

    call_command("send_queued_mail", "--log-level=0")
    assert "accepted" in mail.outbox[1].body and mail.outbox[1].to == ["journey@example.org"]

    visitor.goto(live_server.url + call.edition.get_absolute_url())
    visitor.reload()  # the browser keeps the page it saw for max-age: ask again
    expect(visitor.locator("#participants-heading")).to_be_visible()
    participants = visitor.locator("#participants-heading").locator("..").inner_text()
    assert "Journey City Hall" in participants and "Kenya" in participants
    assert "Journey Applicant" not in visitor.locator("main").inner_text()


def test_the_confirmation_shows_what_happens_next_first_on_a_phone_and_prints_it(
    live_server, page, call, country, document
):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_server.url + call.get_absolute_url())
    fill_form(page, document)
    page.get_by_role("button", name="Send the application").click()
    reference = Application.objects.get().reference
    # On a phone the next steps, what the applicant needs now, come before the recap.
    recap = page.get_by_role("heading", name="What you sent").bounding_box()
    assert recap["y"] > page.get_by_role("heading", name="What happens next").bounding_box()["y"]
    # From 56rem the recap is the column beside the next steps.
    page.set_viewport_size({"width": 1280, "height": 800})
    recap = page.get_by_role("heading", name="What you sent").bounding_box()
    steps = page.get_by_role("heading", name="What happens next").bounding_box()
    assert recap["x"] > steps["x"] + steps["width"]
    # Printed, the reference is dark on the paper and the recap is on it; the hint to
    # print is for the screen only.
    page.emulate_media(media="print")
    number = page.locator(".reference")
    expect(number).to_have_text(reference)
    assert number.evaluate("e => getComputedStyle(e).color") == "rgb(0, 0, 0)"
    expect(page.get_by_role("heading", name="What you sent")).to_be_visible()
    expect(page.locator(".facts")).to_contain_text("Journey Applicant")
    expect(page.locator(".page-head__note")).to_be_hidden()


def test_no_axe_violations_on_the_calls_pages(live_server, page, call, country, document):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    failures = {}

    def check(label):
        results = axe.run(page)
        if results.violations_count:
            failures[label] = results.generate_report()

    for path in [
        "/",
        call.edition.get_absolute_url(),
        call.edition.program.get_absolute_url(),
        call.get_absolute_url(),
        "/privacy/applications/",
    ]:
        page.goto(live_server.url + path)
        check(path)
    page.goto(live_server.url + call.get_absolute_url())
    page.get_by_role("button", name="Send the application").click()
    expect(page.locator(".error-summary")).to_be_focused()
    check("the form with errors")
    fill_form(page, document)
    page.get_by_role("button", name="Send the application").click()
    check("the confirmation")
    assert not failures, "\n\n".join(f"{label}:\n{report}" for label, report in failures.items())


def test_the_error_summary_has_one_focus_ring_and_phones_keep_wide_fields(live_server, page, call):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_server.url + call.get_absolute_url())
    # Where each field stands in the empty form, at either width.
    empty = {}
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        empty[width] = page.locator(FIELDS).evaluate_all(FIELD_EDGES)
    page.set_viewport_size({"width": 375, "height": 812})
    page.get_by_role("button", name="Send the application").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    ring = summary.evaluate(
        "s => [getComputedStyle(s).boxShadow, getComputedStyle(s).outlineStyle,"
        " parseFloat(getComputedStyle(s).outlineWidth), getComputedStyle(s).outlineColor,"
        " parseFloat(getComputedStyle(s).outlineOffset)]"
    )
    assert ring[0] == "none" and ring[1] == "solid" and 2 <= ring[2] <= 4, ring
    # In the panel's red (--error), not the browser's black, drawn inside the panel's
    # edge: the panel keeps the form column's edge.
    assert ring[3] == "rgb(164, 22, 26)" and ring[4] <= -ring[2], ring
    form = page.locator(".application-form").bounding_box()
    assert summary.bounding_box()["x"] == form["x"]
    # One frame: a thin red border on white (no pink fill), which the ring, thicker,
    # covers while the panel is focused; its red heading and blue links AA on it.
    border, background = summary.evaluate(
        "s => [[getComputedStyle(s).borderLeftWidth, getComputedStyle(s).borderLeftColor,"
        " getComputedStyle(s).borderTopStyle], getComputedStyle(s).backgroundColor]"
    )
    assert border[1:] == ["rgb(164, 22, 26)", "solid"], border
    assert 1 <= float(border[0].removesuffix("px")) < ring[2], (border, ring)
    assert background == "rgb(255, 255, 255)", background
    # One heading in red and bold; the messages a calm list of links in the link colour.
    heading = summary.locator("h2").evaluate(
        "h => [getComputedStyle(h).color, getComputedStyle(h).fontWeight]"
    )
    assert heading[0] == "rgb(164, 22, 26)" and int(heading[1]) >= 600, heading
    links = summary.locator("a").evaluate_all(
        "links => links.map(a => [getComputedStyle(a).color, getComputedStyle(a).fontWeight])"
    )
    assert len(links) == 10 and set(map(tuple, links)) == {("rgb(10, 85, 155)", "400")}, links
    # The consent's message sits where every field's does: at the column's edge.
    messages = page.locator(".field--error > .errorlist, .field--error .errorlist")
    edges = {round(messages.nth(i).bounding_box()["x"]) for i in range(messages.count())}
    assert len(edges) == 1, edges
    # A field with its error still takes most of the phone's width.
    assert page.get_by_label("Full name").bounding_box()["width"] >= 320
    # An errored field keeps the right edge of a field without error.
    title = page.get_by_label("Title (optional)").bounding_box()
    name = page.get_by_label("Full name").bounding_box()
    assert name["x"] + name["width"] == title["x"] + title["width"], (title, name)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # Each message reads apart from the grey hint: the small step in semibold red, after
    # a drawn "!" (a sign that is not colour alone).
    look = messages.first.evaluate(
        "m => [getComputedStyle(m).fontSize, getComputedStyle(m).fontWeight,"
        " getComputedStyle(m).color, getComputedStyle(m.firstElementChild, '::before').content]"
    )
    assert look == ["15px", "600", "rgb(164, 22, 26)", '"!" / ""'], look
    # No field moves when the errors appear: every field, with an error or without, keeps
    # the left edge it has in the empty form, the form column's and the legends'; the red
    # bars stand in the gutter before it, inside the screen.
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        form = page.locator(".application-form").bounding_box()
        legend = page.locator(".application-form legend").first.bounding_box()
        assert legend["x"] == form["x"]
        edges = page.locator(FIELDS).evaluate_all(FIELD_EDGES)
        assert edges == empty[width], (width, edges, empty[width])
        assert {x for _, x in edges} == {form["x"]}, (width, edges, form)
        bars = page.locator(".field--error").evaluate_all(
            "fields => fields.map(f => f.getBoundingClientRect().x"
            " + parseFloat(getComputedStyle(f, '::before').left))"
        )
        assert len(bars) == 10 and len(set(bars)) == 1, bars
        assert 0 <= bars[0] <= form["x"] - 8, (bars, form)


@pytest.mark.engine_neutral  # a browser's view of a form's layout: it reads, sends nothing
def test_on_a_phone_the_first_field_is_near_and_the_utc_deadline_a_second_line(
    live_server, page, call
):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_server.url + call.get_absolute_url())
    # The call in brief folds all but the deadline.
    assert page.get_by_label("Title (optional)").bounding_box()["y"] < 812
    local = page.locator(".facts__lead time").bounding_box()
    utc = page.locator(".facts__lead .moment__utc").bounding_box()
    assert utc["y"] >= local["y"] + 20 and utc["x"] == local["x"], (local, utc)
    assert page.locator(".facts__lead .moment__utc").evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    ) < page.locator(".facts__lead dd").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    # From 56rem the whole brief is open beside the form.
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.locator(".call-brief").get_by_text("Questions")).to_be_visible()


@pytest.mark.engine_neutral  # a browser's view of a form's layout: it reads, sends nothing
def test_each_field_is_the_forms_width_but_the_short_answers_on_a_laptop(live_server, page, call):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + call.get_absolute_url())

    def widths():
        fields = ["Title (optional)", "Full name", "Email", "Phone (optional)", "City"]
        fields += ["Organisation", "Country", "Why do you want to take part?"]
        return {
            label: page.get_by_label(label, exact=True).bounding_box()["width"] for label in fields
        }

    laptop = widths()
    answer = laptop.pop("Why do you want to take part?")
    # One rule: every field fills the form's readable measure (40rem)...
    assert 600 <= answer <= 640
    assert {laptop.pop(label) for label in ("Full name", "Email", "City", "Organisation")} == {
        answer
    }
    assert laptop.pop("Country") == answer
    # ...but the two answers short by nature: the title, then the phone number.
    assert laptop["Title (optional)"] < laptop["Phone (optional)"] < answer / 2
    page.set_viewport_size({"width": 375, "height": 812})
    assert len(set(widths().values())) == 1


def test_a_kept_file_with_a_long_name_wraps_within_a_phones_column(
    live_server, page, call, tmp_path
):
    """A document kept from a form refused for another answer is named in its field's hint;
    a name with no space in it wraps there rather than widening the page."""
    document = tmp_path / ("Nomination_letter_for_the_training_program_" * 3 + "2027.pdf")
    document.write_bytes(pdf_bytes())
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_server.url + call.get_absolute_url())
    fill_form(page, document)
    page.get_by_label("Full name").fill("")
    page.get_by_role("button", name="Send the application").click()
    kept = page.locator(".kept-file")
    expect(kept).to_be_visible()
    assert "Nomination_letter" in kept.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_a_message_with_links_flows_as_one_paragraph_on_a_phone(
    live_server, page, call, country, document
):
    """The message for an address that has applied already names whom to write to, as
    links: it reads as one paragraph under its "!" and never widens a phone's page."""
    page.set_viewport_size({"width": 375, "height": 812})
    for _ in range(2):
        page.goto(live_server.url + call.get_absolute_url())
        fill_form(page, document, email="twice@example.org")
        page.get_by_role("button", name="Send the application").click()
    message = page.locator("#id_email_error > li")
    expect(message).to_contain_text("has been received already")
    assert message.locator("a").count() >= 1
    # One paragraph: a block whose words and links wrap together (as flex items, each run
    # of text and each link would be a column of its own).
    assert message.evaluate("li => getComputedStyle(li).display") in ("block", "list-item")
    assert message.bounding_box()["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
