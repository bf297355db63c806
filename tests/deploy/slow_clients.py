"""Slow clients for the deployment checks: connections that trickle their request in.

They run in a process of their own, so that the test's own requests, timed in the test's
process, never wait for these threads.
"""

import multiprocessing
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


def _trickle(port, slow_body, pause, stopping, connected):
    sock = _tls_socket(port)
    with connected.get_lock():
        connected.value += 1
    try:
        if slow_body:
            sock.sendall(
                b"POST /admin/login/ HTTP/1.1\r\nHost: localhost\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\n"
                b"Content-Length: 100000\r\n\r\n"
            )
            chunk = b"username=slow&"
        else:
            sock.sendall(b"GET /news/ HTTP/1.1\r\nHost: localhost\r\n")
            chunk = b"X-Slow: yes\r\n"
        while not stopping.wait(pause):
            sock.sendall(chunk)
    except OSError:
        return  # nginx gave up on it (a timeout): the caller opens another
    finally:
        with connected.get_lock():
            connected.value -= 1
        sock.close()


def _client(port, slow_body, pause, stopping, connected):
    while not stopping.is_set():
        try:
            _trickle(port, slow_body, pause, stopping, connected)
        except OSError:
            time.sleep(0.2)


def _all_clients(port, count, pause, stopping, connected):
    threads = [
        threading.Thread(target=_client, args=(port, i % 2 == 0, pause, stopping, connected))
        for i in range(count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


class SlowClients:
    """`count` connections, half sending headers a line at a time, half a body a few bytes
    at a time, each reconnecting when nginx cuts it off, until the block ends."""

    def __init__(self, port, count=40, pause=1.0):
        self.stopping = multiprocessing.Event()
        self.connected = multiprocessing.Value("i", 0)
        self.process = multiprocessing.Process(
            target=_all_clients, args=(port, count, pause, self.stopping, self.connected)
        )

    @property
    def open(self):
        return self.connected.value

    def __enter__(self):
        self.process.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.process.join(timeout=15)
        if self.process.is_alive():
            self.process.kill()
