"""What tests of applications look at: the files stored, the emails sent."""

from post_office.mail import send_queued


def stored_documents(root):
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def send_the_queue():
    """What `manage.py send_queued_mail` does, without closing the database connection
    after each batch (which would end a test's transaction on PostgreSQL)."""
    send_queued(log_level=0)
