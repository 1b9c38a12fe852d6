"""SMTP faults: every send has deadlines (the greeting, each command, the whole send)
held even against a server that trickles its replies a byte at a time; every refused
recipient of hundreds is named with the server's reply; nothing is sent twice."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from dataclasses import replace
from email.message import EmailMessage

import pytest

from deckmaker.errors import SendError
from deckmaker.smtp import SmtpSettings, send_message, smtp_settings
from tests.conftest import SAMPLE
from tests.smtp_server import Recorder, running_servers

serve = pytest.fixture(running_servers)
REPLIES = {"EHLO": b"250-test.example\r\n250 8BITMIME\r\n", "HELO": b"250 hello\r\n",
           "MAIL": b"250 OK\r\n", "RCPT": b"250 OK\r\n", "DATA": b"354 go ahead\r\n",
           "QUIT": b"221 bye\r\n", "RSET": b"250 OK\r\n", "NOOP": b"250 OK\r\n"}


class ScriptedServer:
    """A raw SMTP server on 127.0.0.1 that answers normally until the command ``stall``
    ("GREETING" for its first line, "END" for the reply to the message), where it sends
    its reply one byte every ``pace`` seconds (the line never ending) or, with ``silent``,
    nothing at all. Counts connections and messages received."""

    def __init__(self, stall: str, *, pace: float = 0.2, silent: bool = False) -> None:
        self.stall, self.pace, self.silent = stall, pace, silent
        self.connections = 0
        self.messages = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.closing = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closing.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._talk, args=(client,), daemon=True).start()

    def _reply(self, client: socket.socket, when: str, reply: bytes) -> None:
        if when != self.stall:
            client.sendall(reply)
            return
        reply = reply.rstrip(b"\r\n")  # the line never ends: spaces follow its text
        while not self.closing.is_set():  # trickle (or say nothing) until the client gives up
            if not self.silent:
                client.sendall(reply[:1] or b" ")
                reply = reply[1:]
            time.sleep(self.pace)

    def _talk(self, client: socket.socket) -> None:
        try:
            with client, client.makefile("rb") as lines:
                self._reply(client, "GREETING", b"220 test.example ESMTP\r\n")
                for line in lines:
                    command = line[:4].upper().decode("ascii", "replace")
                    self._reply(client, command, REPLIES.get(command, b"502 no\r\n"))
                    if command == "DATA":
                        for body in lines:
                            if body == b".\r\n":
                                break
                        self.messages += 1
                        self._reply(client, "END", b"250 queued\r\n")
                    if command == "QUIT":
                        return
        except OSError:
            pass

    def close(self) -> None:
        self.closing.set()
        self.listener.close()


@pytest.fixture
def scripted():
    servers = []

    def start(stall: str, **options) -> ScriptedServer:
        servers.append(ScriptedServer(stall, **options))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def message(recipients=("ann@example.org",)) -> EmailMessage:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "desk@example.org", ", ".join(recipients), "Hi"
    mail.set_content("The briefing.\n")
    return mail


def settings(port: int, **changes) -> SmtpSettings:
    base = SmtpSettings("127.0.0.1", port, "insecure", connect_timeout=1, command_timeout=1,
                        total_timeout=30, sleep=lambda _s: None)
    return replace(base, **changes)


def timed_failure(mail: EmailMessage, chosen: SmtpSettings) -> tuple[str, float]:
    start = time.monotonic()
    with pytest.raises(SendError) as failed:
        send_message(mail, chosen)
    return str(failed.value), time.monotonic() - start


def test_the_defaults_are_documented_ones():
    chosen = smtp_settings(host="mail.example", port=None, use_ssl=False, insecure=False,
                           environ={})
    assert (chosen.connect_timeout, chosen.command_timeout, chosen.total_timeout) == (15, 30, 120)
    chosen = smtp_settings(host="mail.example", port=None, use_ssl=False, insecure=False,
                           connect_timeout=2, command_timeout=3, total_timeout=4, environ={})
    assert (chosen.connect_timeout, chosen.command_timeout, chosen.total_timeout) == (2, 3, 4)


def test_a_greeting_trickled_a_byte_at_a_time_is_cut_off_at_the_deadline(scripted):
    server = scripted("GREETING", pace=0.2)  # each byte well inside the socket timeout
    sentence, elapsed = timed_failure(message(), settings(server.port))
    assert sentence == (f"127.0.0.1:{server.port} did not answer the greeting within 1 s "
                        "(--smtp-connect-timeout)")
    assert elapsed < 2.0 and server.connections == 1  # not retried


def test_a_server_that_never_greets_is_named(scripted):
    server = scripted("GREETING", silent=True)
    sentence, elapsed = timed_failure(message(), settings(server.port))
    assert sentence == (f"127.0.0.1:{server.port} did not answer the greeting within 1 s "
                        "(--smtp-connect-timeout)")
    assert elapsed < 2.0 and server.connections == 1


@pytest.mark.parametrize(("stall", "waiting_for"), [
    ("EHLO", "answer EHLO"), ("MAIL", "answer MAIL FROM:<desk@example.org>"),
    ("RCPT", "answer RCPT TO:<ann@example.org>")])
def test_a_command_answered_a_byte_at_a_time_is_cut_off(scripted, stall, waiting_for):
    server = scripted(stall, pace=0.1)
    sentence, elapsed = timed_failure(message(), settings(server.port))
    assert sentence == (f"127.0.0.1:{server.port} did not {waiting_for} within 1 s "
                        "(--smtp-command-timeout)")
    assert elapsed < 2.5 and server.connections == 1 and server.messages == 0


def test_the_whole_send_has_its_own_deadline(scripted):
    server = scripted("EHLO", pace=0.1)
    chosen = settings(server.port, command_timeout=20, total_timeout=1.5)
    sentence, elapsed = timed_failure(message(), chosen)
    assert sentence == (f"127.0.0.1:{server.port} did not answer EHLO within the 1.5 s the "
                        "whole send may take (--smtp-timeout)")
    assert elapsed < 2.5


def test_a_message_whose_acceptance_stalls_is_not_sent_again(scripted):
    server = scripted("END", pace=0.1)
    sentence, elapsed = timed_failure(message(), settings(server.port, total_timeout=2))
    assert sentence == (f"127.0.0.1:{server.port} did not accept the message (DATA) within "
                        "the 2 s the whole send may take (--smtp-timeout); the message may or "
                        "may not have been delivered, so it was not sent again; ask a "
                        "recipient before sending it once more")
    assert elapsed < 3.5 and server.connections == 1 and server.messages == 1


def test_retries_stop_at_the_whole_deadline(serve):
    handler = Recorder(data_replies=("451 4.3.0 try later",) * 5)
    port = serve(handler)
    waits = []
    chosen = settings(port, total_timeout=3, backoff=(2.0, 4.0), sleep=waits.append)
    sentence, _ = timed_failure(message(), chosen)
    assert sentence == (f"127.0.0.1:{port} failed while taking the message: 451 4.3.0 try "
                        "later; gave up after 2 attempts")
    assert waits == [2.0] and handler.data_commands == 2 and handler.delivered == []


def test_a_deferred_message_is_delivered_exactly_once_on_retry(serve):
    handler = Recorder(data_replies=("451 4.3.0 try later",))
    port = serve(handler)
    delivery = send_message(message(), settings(port))
    assert delivery.accepted == ("ann@example.org",) and delivery.refused == {}
    assert handler.data_commands == 2 and len(handler.delivered) == 1


def test_a_connection_dropped_after_the_message_is_not_resent(serve):
    handler = Recorder(drop_after_data=True)
    port = serve(handler)
    sentence, _ = timed_failure(message(), settings(port))
    assert sentence.endswith("the message may or may not have been delivered, so it was not "
                             "sent again; ask a recipient before sending it once more")
    assert handler.data_commands == 1


def test_every_refused_recipient_of_500_is_named_with_the_reply(serve):
    recipients = [f"user{n}@example.org" for n in range(500)]
    refused = tuple(recipients[n] for n in (0, 7, 99, 250, 251, 498, 499))
    handler = Recorder(refuse=refused)
    port = serve(handler)
    delivery = send_message(message(recipients), settings(port, command_timeout=5))
    assert tuple(delivery.refused) == refused
    assert set(delivery.refused.values()) == {"550 5.1.1 no such user here"}
    assert len(delivery.accepted) == 493 and len(handler.delivered) == 1
    assert delivery.refusal("mail") == (
        "mail refused 7 recipients: "
        + "; ".join(f"{addr} (550 5.1.1 no such user here)" for addr in refused)
        + "; the other 493 recipients received the message")


def test_every_recipient_refused_names_them_all(serve):
    recipients = [f"user{n}@example.org" for n in range(20)]
    port = serve(Recorder(refuse=tuple(recipients)))
    sentence, _ = timed_failure(message(recipients), settings(port))
    assert sentence == (f"127.0.0.1:{port} refused every recipient: "
                        + "; ".join(f"{a} (550 5.1.1 no such user here)" for a in recipients))


class Deferring(Recorder):
    """Defers (451) some recipients, as a greylisting server does."""

    def __init__(self, deferred: tuple[str, ...]) -> None:
        super().__init__()
        self.deferred = deferred

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.deferred:
            return "451 4.7.1 greylisted, try again later"
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)


def test_deferred_recipients_are_named_and_the_rest_get_it_once(serve):
    handler = Deferring(("bob@example.org",))
    port = serve(handler)
    delivery = send_message(message(("ann@example.org", "bob@example.org")), settings(port))
    assert delivery.refused == {"bob@example.org": "451 4.7.1 greylisted, try again later"}
    assert [d[1] for d in handler.delivered] == [["ann@example.org"]]


@pytest.mark.slow
def test_the_command_line_names_a_trickling_server_and_exits_1(scripted, tmp_path):
    server = scripted("GREETING", pace=0.5)
    command = [sys.executable, "-m", "deckmaker", "email", str(SAMPLE), "--out", str(tmp_path),
               "--send", "--to", "ann@example.org", "--from", "desk@example.org",
               "--smtp-host", "127.0.0.1", "--smtp-port", str(server.port), "--smtp-insecure",
               "--smtp-connect-timeout", "2"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: 127.0.0.1:{server.port} did not answer the greeting within 2 s "
        "(--smtp-connect-timeout)")
    assert server.connections == 1 and server.messages == 0
    assert not list(tmp_path.glob("*.eml"))  # sending writes no draft
