"""Logging filters named in settings.LOGGING."""

import logging


class OneLineWarning(logging.Filter):
    """Logs the record as one WARNING line: no traceback, whatever level it came with."""

    def filter(self, record):
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = record.stack_info = None
        return True
