"""The API’s documentation page, read from its OpenAPI description: for each operation
its address, parameters and the fields of its answer, flattened to dotted names.

drf-spectacular writes an enum’s values into its description as Markdown (“* `open` -
Open”); the page shows them as a list of values instead, and `code` spans as code.
"""

import dataclasses
import re
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

# One line of drf-spectacular’s list of an enum’s values: “* `value` - Label”.
CHOICE_LINE = re.compile(r"^\* `(?P<value>[^`]*)` - (?P<label>.*)$")


@dataclass
class Field:
    name: str
    type: str
    description: str
    values: list = dataclasses.field(default_factory=list)  # [(value, label)], for an enum

    @property
    def description_html(self):
        return code_spans(self.description)

    @property
    def values_html(self):
        return [(value, code_spans(label)) for value, label in self.values]


def code_spans(text):
    """Text with its `backquoted` parts as <code>, everything escaped."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backquote: the text as it is
        return escape(text)
    return mark_safe(  # noqa: S308 - every part is escaped
        "".join(
            format_html("<code>{}</code>", part) if index % 2 else escape(part)
            for index, part in enumerate(parts)
        )
    )


def split_choices(description):
    """`description` without its list of values, and the values as [(value, label)]; a
    label that only repeats its value is left empty."""
    text, values = [], []
    for line in (description or "").splitlines():
        match = CHOICE_LINE.match(line)
        if match:
            value, label = match["value"], match["label"].strip()
            values.append((value, "" if label.casefold() == value.casefold() else label))
        else:
            text.append(line)
    return "\n".join(text).strip(), values


def described(own, inherited, type_):
    """A field from its own description and its type’s (an enum’s lists its values)."""
    text, values = split_choices(own)
    inherited_text, inherited_values = split_choices(inherited)
    values = values or inherited_values
    if values:
        type_ = "text, one of the values below"
    return type_, text or inherited_text, values


@dataclass
class Operation:
    path: str
    anchor: str
    summary: str
    description: str
    parameters: list
    fields: list
    paginated: bool

    # The pagination parameters, the same on every list: the documentation says them once.
    PAGING = frozenset({"page", "page_size"})

    @property
    def own_parameters(self):
        """The parameters other than the pagination ones."""
        return [p for p in self.parameters if p.name not in self.PAGING]


def resolve(schema, node):
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = schema["components"]["schemas"][name]
    return node


def type_text(schema, node):
    node = resolve(schema, node)
    if "enum" in node:
        return "one of " + ", ".join(str(value) for value in node["enum"] if value is not None)
    if "allOf" in node:
        return type_text(schema, node["allOf"][0])
    if "oneOf" in node:
        return " or ".join(type_text(schema, option) for option in node["oneOf"])
    kind = node.get("type", "object")
    if kind == "array":
        return "list of " + type_text(schema, node.get("items", {}))
    text = {"integer": "whole number", "number": "number", "boolean": "true or false"}.get(
        kind, node.get("format") or kind
    )
    if kind == "string" and node.get("format") in {"date", "date-time", "uri"}:
        text = {"date": "date", "date-time": "date and time", "uri": "URL"}[node["format"]]
    if node.get("nullable"):
        text += " or null"
    return text


def flatten(schema, node, prefix=""):
    """The fields of an object, nested objects and lists of objects as dotted names."""
    node = resolve(schema, node)
    if "allOf" in node:
        node = resolve(schema, node["allOf"][0])
    fields = []
    for name, field in node.get("properties", {}).items():
        full = f"{prefix}{name}"
        target = resolve(schema, field.get("allOf", [field])[0])
        description = field.get("description") or target.get("description", "")
        if "enum" in target:
            type_, text, values = described(
                field.get("description"), target.get("description"), type_text(schema, field)
            )
            fields.append(Field(full, type_, text, values))
        elif target.get("type") == "array" and "properties" in resolve(
            schema, target.get("items", {})
        ):
            fields.append(Field(full, "list of objects", description))
            fields.extend(flatten(schema, target["items"], f"{full}[]."))
        elif "properties" in target:
            nullable = " or null" if field.get("nullable") or target.get("nullable") else ""
            fields.append(Field(full, "object" + nullable, description))
            fields.extend(flatten(schema, target, f"{full}."))
        else:
            fields.append(Field(full, type_text(schema, field), description))
    return fields


def operations(schema):
    found = []
    for path, methods in schema.get("paths", {}).items():
        operation = methods.get("get")
        if operation is None:
            continue
        answer = operation.get("responses", {}).get("200", {})
        body = answer.get("content", {}).get("application/json", {}).get("schema", {})
        body = resolve(schema, body)
        paginated = "results" in body.get("properties", {})
        if paginated:
            body = body["properties"]["results"]["items"]
        found.append(
            Operation(
                path=path,
                anchor=operation.get("operationId", path).replace("_", "-"),
                summary=operation.get("summary", path),
                description=operation.get("description", ""),
                parameters=[
                    Field(
                        parameter["name"],
                        *described(
                            parameter.get("description"),
                            "",
                            type_text(schema, parameter.get("schema", {})),
                        ),
                    )
                    for parameter in operation.get("parameters", [])
                    if parameter["name"] not in {"format"}
                ],
                fields=flatten(schema, body),
                paginated=paginated,
            )
        )
    return found
