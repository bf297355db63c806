"""No applicant's data exists anywhere in the open data: every endpoint, every item's
detail, every field, the CSV files, the data package, the schema and the documentation
are read with applications present (one to `make demo`'s sample call, one to a real
call that the API lists), and none of what an applicant sent or a reviewer wrote
appears, nor any field that could hold it."""

import io
import json
import re

import pytest
from django.core.management import call_command

from applications.models import Application, Call
from tests.applications.factories import ApplicationFactory, CallFactory

pytestmark = pytest.mark.django_db

APPLICANT_FIELDS = {
    "reference",
    "honorific",
    "name",
    "position",
    "organisation",
    "city",
    "email",
    "phone",
    "motivation",
    "plans",
    "reviewer_notes",
}
# Names of fields an application has and the open data must never carry.
FORBIDDEN_KEYS = {
    "email",
    "phone",
    "motivation",
    "plans",
    "document",
    "reviewer_notes",
    "status",
    "applicant",
    "applicants",
    "applications",
    "reference",
    "notes",
}


@pytest.fixture
def applications(seed, places, tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    demo = ApplicationFactory(
        call=Call.objects.get(edition__program__is_sample=True),
        name="Zebulon Quillfeather",
        email="zebulon.quillfeather@example.org",
        phone="+82 10 5555 0199",
        organisation="Quillfeather Municipal Office",
        city="Quillton",
        position="Chief Quill Officer",
        motivation="Motivation written by Zebulon about quill-based e-government.",
        plans="Plans only Zebulon's reviewers read.",
        reviewer_notes="Reviewer note: strong Quillfeather candidate.",
        status="shortlisted",
    )
    listed_call = CallFactory()
    real = ApplicationFactory(
        call=listed_call,
        name="Yolanda Brightwater",
        email="yolanda@brightwater.example",
        organisation="Brightwater City Hall",
        city="Brightwater",
        motivation="Yolanda's motivation.",
        plans="Yolanda's plans.",
        reviewer_notes="Yolanda: reviewer's remark.",
    )
    return [demo, real]


# The endpoints with a detail, and the key their items' addresses are made of.
DETAIL_KEYS = {
    "programs": "slug",
    "editions": "identifier",
    "places": "slug",
    "countries": "code",
    "news": "slug",
}


def walk(value, path=""):
    """Every (key path, scalar) in a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from walk(item, f"{path}[]")
    else:
        yield path, value


def every_api_answer(client):
    """The root, every list in full, and the detail of every item that has one."""
    answers = {}
    root = client.get("/api/v1/").json()
    answers["/api/v1/"] = root
    for name, url in root["endpoints"].items():
        path = url.removeprefix("http://testserver")
        listed = client.get(path + "?page_size=200").json()
        answers[path] = listed
        key = DETAIL_KEYS.get(name)
        for item in listed["results"] if key else []:
            detail = f"{path}{item[key]}/"
            response = client.get(detail)
            assert response.status_code == 200, detail
            answers[detail] = response.json()
    return answers


def test_no_applicant_data_in_any_endpoint_or_field(client, applications):
    answers = every_api_answer(client)
    assert any(
        item["edition"].endswith("/" + applications[1].call.edition.slug)
        for item in answers["/api/v1/calls/"]["results"]
    ), "a call with an application is listed"

    forbidden_values = {
        str(getattr(application, field)).casefold()
        for application in applications
        for field in APPLICANT_FIELDS
        if len(str(getattr(application, field))) > 3
    } | {application.document.name.casefold() for application in applications}
    # Strings that merely contain a common word (a city, a position) are checked as whole
    # values; the distinctive names and texts anywhere inside any string.
    distinctive = ["zebulon", "quillfeather", "yolanda", "brightwater", "5555 0199"]
    for url, answer in answers.items():
        for path, value in walk(answer):
            leaf = path.rsplit(".", 1)[-1].removesuffix("[]")
            assert leaf not in FORBIDDEN_KEYS, (url, path)
            if isinstance(value, str):
                text = value.casefold()
                assert text not in forbidden_values, (url, path, value)
                assert not any(word in text for word in distinctive), (url, path, value)


def test_no_applicant_data_in_the_data_sets_schema_or_documentation(client, applications):
    texts = {
        url: client.get(url).content.decode()
        for url in [
            "/data/",
            "/data/datapackage.json",
            "/api/v1/schema/",
            "/api/v1/docs/",
            *[
                f"/data/{resource['path']}"
                for resource in json.loads(client.get("/data/datapackage.json").content)[
                    "resources"
                ]
            ],
        ]
    }
    assert len(texts) == 9
    for url, text in texts.items():
        for word in ["Zebulon", "Quillfeather", "Yolanda", "Brightwater", "reviewer"]:
            assert word.casefold() not in text.casefold(), (url, word)
        for application in applications:
            assert application.email not in text
            assert application.reference not in text


def test_the_schema_describes_no_field_an_application_has(client, applications):
    schema = client.get("/api/v1/schema/").json()
    properties = {
        name
        for component in schema["components"]["schemas"].values()
        for name in component.get("properties", {})
    }
    assert not properties & FORBIDDEN_KEYS
    assert not any(re.search("applica", path) for path in schema["paths"])
    assert Application.objects.count() == 2
