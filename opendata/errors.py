"""The API’s error answers: JSON with a `detail` message, never cached."""

from django.utils.cache import add_never_cache_headers
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


class TooManyRequests(exceptions.Throttled):
    default_detail = "Too many requests from your address."
    extra_detail_singular = "Please wait {wait} second before asking again."
    extra_detail_plural = "Please wait {wait} seconds before asking again."


def exception_handler(error, context):
    if isinstance(error, exceptions.Throttled) and not isinstance(error, TooManyRequests):
        error = TooManyRequests(error.wait)
    response = drf_exception_handler(error, context)
    if response is not None:
        if isinstance(response.data, dict) and "detail" not in response.data:
            # A filter’s own messages, {parameter: [messages]}: one sentence leads.
            response.data = {
                "detail": "A parameter’s value is not valid: see the messages by parameter.",
                "errors": response.data,
            }
        add_never_cache_headers(response)
    return response
