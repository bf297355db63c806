"""The OpenAPI description’s parts that drf-spectacular cannot read from the views: the
error answers every operation may give, and the program slugs a `program` filter takes."""

from django.db import DatabaseError

from opendata import public

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "What went wrong, in words."}},
    "required": ["detail"],
}
FILTER_ERROR = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "description": "The messages for each parameter whose value is not valid.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["detail"],
}


# The path parameters of the detail endpoints, the same in every path that has them.
PATH_PARAMETERS = {
    "slug": "The item’s `slug`, as its list gives it.",
    "program_slug": "The edition’s program’s slug: the first part of its `identifier`.",
    "code": "The country’s two-letter ISO 3166-1 code, in either case, e.g. kr.",
}


def error_response(description, schema="Error", headers=None):
    answer = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }
    if headers:
        answer["headers"] = headers
    return answer


def describe_errors(result, generator, request, public_only=True, **kwargs):
    """Adds the 400, 404 and 429 answers to every operation, the public programs’
    slugs as the values of each `program` parameter, and what each path parameter is."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR
    schemas["FilterError"] = FILTER_ERROR
    try:
        slugs = list(public.programs().order_by("slug").values_list("slug", flat=True))
    except DatabaseError:  # `check --deploy` before `migrate`: the description without them
        slugs = []
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            parameters = operation.get("parameters", [])
            responses = operation.setdefault("responses", {})
            if any(parameter["in"] == "query" for parameter in parameters):
                responses["400"] = error_response(
                    "A parameter’s value is not valid.", schema="FilterError"
                )
            responses["404"] = error_response("No such item, or no such page of the list.")
            responses["429"] = error_response(
                "Too many requests from this address.",
                headers={
                    "Retry-After": {
                        "description": "Seconds to wait before asking again.",
                        "schema": {"type": "integer"},
                    }
                },
            )
            for parameter in parameters:
                if parameter["in"] == "path" and parameter["name"] in PATH_PARAMETERS:
                    parameter.setdefault("description", PATH_PARAMETERS[parameter["name"]])
                if parameter["name"] == "program" and parameter["in"] == "query" and slugs:
                    parameter["schema"] = {"type": "string", "enum": slugs}
    return result
