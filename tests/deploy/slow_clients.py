"""Slow clients for the deployment checks: connections that trickle their request in."""

import socket
import ssl
import threading
import time


def _tls_socket(port):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    raw = socket.create_connection(("127.0.0.1", port), timeout=30)
    return context.wrap_socket(raw, server_hostname="localhost")


class SlowClients:
    """`count` connections, half sending headers a line at a time, half a body a few bytes
    at a time, each reconnecting when nginx gives up on it, until stopped."""

    def __init__(self, port, count=40, pause=1.0):
        self.port, self.count, self.pause = port, count, pause
        self.stopping = threading.Event()
        self.open = 0
        self.lock = threading.Lock()
        self.threads = [
            threading.Thread(target=self._run, args=(i % 2 == 0,), daemon=True)
            for i in range(count)
        ]

    def _trickle(self, slow_body):
        sock = _tls_socket(self.port)
        with self.lock:
            self.open += 1
        try:
            if slow_body:
                sock.sendall(
                    b"POST /admin/login/ HTTP/1.1\r\nHost: localhost\r\n"
                    b"Content-Type: application/x-www-form-urlencoded\r\n"
                    b"Content-Length: 100000\r\n\r\n"
                )
                chunks = iter(lambda: b"username=slow&", None)
            else:
                sock.sendall(b"GET /news/ HTTP/1.1\r\nHost: localhost\r\n")
                chunks = iter(lambda: b"X-Slow: yes\r\n", None)
            for chunk in chunks:
                if self.stopping.wait(self.pause):
                    return
                sock.sendall(chunk)
        except OSError:
            return  # nginx closed it (a timeout): the thread opens another
        finally:
            with self.lock:
                self.open -= 1
            sock.close()

    def _run(self, slow_body):
        while not self.stopping.is_set():
            try:
                self._trickle(slow_body)
            except OSError:
                time.sleep(0.2)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=10)
