"""The API's documentation page, read from its OpenAPI description: for each operation
its address, parameters and the fields of its answer, flattened to dotted names."""

from dataclasses import dataclass


@dataclass
class Field:
    name: str
    type: str
    description: str


@dataclass
class Operation:
    path: str
    anchor: str
    summary: str
    description: str
    parameters: list
    fields: list
    paginated: bool


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
        if target.get("type") == "array" and "properties" in resolve(
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
                        type_text(schema, parameter.get("schema", {})),
                        parameter.get("description", ""),
                    )
                    for parameter in operation.get("parameters", [])
                    if parameter["name"] not in {"format"}
                ],
                fields=flatten(schema, body),
                paginated=paginated,
            )
        )
    return found
