"""A real SMTP server for tests: aiosmtpd on 127.0.0.1 with a handler that records,
refuses, defers or drops, as a test asks."""

from __future__ import annotations

import socket

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Recorder:
    """An aiosmtpd handler that keeps what it accepted and can refuse or defer."""

    def __init__(self, refuse: tuple[str, ...] = (), data_replies: tuple[str, ...] = (),
                 drop_after_data: bool = False) -> None:
        self.refuse = refuse
        self.data_replies = list(data_replies)
        self.drop_after_data = drop_after_data
        self.data_commands = 0
        self.delivered: list[tuple[str, list[str], bytes]] = []
        self.logins: list[str] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.data_commands += 1
        if self.drop_after_data:
            self.delivered.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
            server.transport.abort()
            return "250 never heard"
        if self.data_replies:
            return self.data_replies.pop(0)
        self.delivered.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        ok = (auth_data.login, auth_data.password) == (b"analyst", b"s3cret")
        if ok:
            self.logins.append(auth_data.login.decode())
        # handled=False: let aiosmtpd answer 535 itself on failure.
        return AuthResult(success=ok, handled=False)


def running_servers():
    """A fixture body: yields ``start(handler, **options) -> port``; stops every server after."""
    controllers = []

    def start(handler: Recorder, **options) -> int:
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port, **options)
        controller.start()
        controllers.append(controller)
        return port

    yield start
    for controller in controllers:
        controller.stop()
