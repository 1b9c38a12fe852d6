"""Sending a message over SMTP: STARTTLS by default, bounded retries, one sentence per failure.

A login (user and password) is only ever sent over an encrypted connection.

Every send has deadlines (``Deadlines``): the connection and the server's greeting,
each later command, and the whole send, retries and their waits included. smtplib's
socket timeout alone cannot hold them, since it restarts with every byte received (a
server trickling its greeting a byte a second would hold the send for ever), so a
watchdog thread shuts the socket down when a step outlives its time; the step is then
named: "smtp.example:2525 did not answer the greeting within 15 s".

Transient failures (connection refused or lost, 4xx replies) are retried with
backoff; permanent ones (5xx, refused login, every recipient refused) are not.
A message is handed to the server at most once: if the connection drops after
the message was transmitted, it is not sent again, since it may have arrived.
"""

from __future__ import annotations

import os
import smtplib
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.utils import formatdate, getaddresses, make_msgid, parseaddr
from typing import Any

from deckmaker.errors import InvalidInput, SendError

ENV_HOST = "DECKMAKER_SMTP_HOST"
ENV_PORT = "DECKMAKER_SMTP_PORT"
ENV_USER = "DECKMAKER_SMTP_USER"
ENV_PASSWORD = "DECKMAKER_SMTP_PASSWORD"
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "insecure": 25}
CONNECT_TIMEOUT_S = 15.0  # to connect, finish TLS (--smtp-ssl) and get the greeting
COMMAND_TIMEOUT_S = 30.0  # for the reply to each later command
TOTAL_TIMEOUT_S = 120.0  # for the whole send of one message, retries included
BACKOFF_S = (2.0, 4.0)  # the wait before each retry: three attempts in all


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send: server, security (starttls, ssl or insecure), login, retries.

    ``backoff`` is the wait in seconds before each retry (so one attempt more than it has
    entries), spent by calling ``sleep``: a test gives its own to retry without waiting.
    """

    host: str
    port: int
    security: str = "starttls"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    connect_timeout: float = CONNECT_TIMEOUT_S
    command_timeout: float = COMMAND_TIMEOUT_S
    total_timeout: float = TOTAL_TIMEOUT_S
    backoff: tuple[float, ...] = BACKOFF_S
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False, compare=False)

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def attempts(self) -> int:
        return len(self.backoff) + 1


@dataclass(frozen=True)
class Delivery:
    """What the server accepted: the recipients it took and those it refused, with its reply."""

    accepted: tuple[str, ...]
    refused: dict[str, str]

    def refusal(self, server: str) -> str | None:
        """One sentence naming every refused recipient with the server's reply, or None
        when all were accepted."""
        if not self.refused:
            return None
        named = "; ".join(f"{addr} ({reply})" for addr, reply in self.refused.items())
        others = (f"the other {len(self.accepted)} recipients" if len(self.accepted) > 3
                  else f"the others ({', '.join(self.accepted)})")
        return (f"{server} refused {len(self.refused)} recipient"
                f"{'s' if len(self.refused) > 1 else ''}: {named}; {others} received the "
                "message")


_CLEAR_LOGIN = (f"--smtp-insecure would send {ENV_PASSWORD} unencrypted, so deckmaker will not "
                f"log in over it; use STARTTLS (the default) or --smtp-ssl, or unset {ENV_USER} "
                f"and {ENV_PASSWORD} for a server that needs no login")


class _Transient(Exception):
    """A failure worth retrying; ``str()`` is the sentence shown if retries run out."""


def smtp_settings(*, host: str | None, port: int | None, use_ssl: bool, insecure: bool,
                  connect_timeout: float | None = None, command_timeout: float | None = None,
                  total_timeout: float | None = None,
                  environ: Mapping[str, str] = os.environ) -> SmtpSettings:
    """Settings from the flags, else the environment; credentials only from the environment."""
    if use_ssl and insecure:
        raise InvalidInput("--smtp-ssl and --smtp-insecure contradict each other; choose one")
    security = "ssl" if use_ssl else "insecure" if insecure else "starttls"
    host = (host or environ.get(ENV_HOST, "")).strip()
    if not host:
        raise InvalidInput(f"--send needs an SMTP server: give --smtp-host or set {ENV_HOST}")
    user = environ.get(ENV_USER) or None
    password = environ.get(ENV_PASSWORD) or None
    if bool(user) != bool(password):
        raise InvalidInput(f"set both {ENV_USER} and {ENV_PASSWORD} to log in, or neither")
    if user and security == "insecure":
        raise InvalidInput(_CLEAR_LOGIN)
    return SmtpSettings(host, port or _env_port(environ) or DEFAULT_PORTS[security], security,
                        user, password, connect_timeout or CONNECT_TIMEOUT_S,
                        command_timeout or COMMAND_TIMEOUT_S, total_timeout or TOTAL_TIMEOUT_S)


def _env_port(environ: Mapping[str, str]) -> int | None:
    raw = environ.get(ENV_PORT, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise InvalidInput(f"{ENV_PORT}: '{raw}' is not a port number; use e.g. 587")
    return int(raw)


def send_message(message: EmailMessage, settings: SmtpSettings) -> Delivery:
    """Send ``message`` once, stamping Date and Message-ID now; raise SendError on failure.
    Transient failures are retried after each of ``settings.backoff``'s waits."""
    sender = parseaddr(str(message.get("From", "")))[1]
    if not sender:
        raise InvalidInput("the message has no sender; add --from ADDR")
    recipients = [addr for _, addr in getaddresses(
        [str(v) for h in ("To", "Cc", "Bcc") for v in message.get_all(h, [])]) if addr]
    if not recipients:
        raise InvalidInput("the message has no recipients; add --to ADDR")
    payload = _stamped_payload(message, sender)
    end = time.monotonic() + settings.total_timeout
    for attempt, wait in enumerate((*settings.backoff, None), 1):
        try:
            return _deliver_once(settings, sender, recipients, payload, end)
        except _Transient as exc:
            if wait is None or time.monotonic() + wait >= end:
                raise SendError(f"{exc}; gave up after {attempt} attempt"
                                f"{'s' if attempt > 1 else ''}") from None
        settings.sleep(wait)
    raise AssertionError("unreachable")  # the last attempt returns or raises


def _stamped_payload(message: EmailMessage, sender: str) -> bytes:
    """The bytes to transmit: Date and Message-ID added, Bcc removed, CRLF line ends."""
    for header in ("Date", "Message-ID", "X-Unsent"):
        del message[header]
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    bcc = message.get_all("Bcc", [])
    del message["Bcc"]
    try:
        return message.as_bytes(policy=policy.SMTP)
    finally:
        for value in bcc:
            message["Bcc"] = value


class _Watchdog:
    """Ends a stalled exchange: when the step under way outlives its time, or the whole
    send its deadline, it notes which (``expired``) and shuts the socket down, so the
    read smtplib is blocked in returns at once."""

    def __init__(self, settings: SmtpSettings, end: float) -> None:
        self.settings = settings
        self.end = end
        self.smtp: smtplib.SMTP | None = None
        self.sentence = ""  # what the current step waits for, as said if it does not come
        self.expired = False
        self._timer: threading.Timer | None = None

    def step(self, waiting_for: str, seconds: float, option: str) -> None:
        """Start the step of waiting for the server to ``waiting_for``, allowed
        ``seconds`` (the ``option`` that changes them) within the whole deadline."""
        self.stop()
        now = time.monotonic()
        server = self.settings.server
        if now + seconds < self.end:
            sentence = f"{server} did not {waiting_for} within {seconds:g} s ({option})"
        else:
            seconds = max(0.0, self.end - now)
            sentence = (f"{server} did not {waiting_for} within the "
                        f"{self.settings.total_timeout:g} s the whole send may take "
                        "(--smtp-timeout)")
        self.sentence = sentence
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def stop(self) -> None:
        if self._timer:
            self._timer.cancel()
            self._timer = None

    def _expire(self) -> None:
        self.expired = True
        connection = self.smtp.sock if self.smtp is not None else None
        if connection is not None:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed


class _WatchedSMTP(smtplib.SMTP):
    """smtplib.SMTP known to its watchdog before it connects (in ``__init__``)."""

    def __init__(self, watchdog: _Watchdog, *args: Any, **kwargs: Any) -> None:
        watchdog.smtp = self
        super().__init__(*args, **kwargs)


class _WatchedSMTPSSL(smtplib.SMTP_SSL):
    """smtplib.SMTP_SSL known to its watchdog before it connects (in ``__init__``)."""

    def __init__(self, watchdog: _Watchdog, *args: Any, **kwargs: Any) -> None:
        watchdog.smtp = self
        super().__init__(*args, **kwargs)


def _deliver_once(settings: SmtpSettings, sender: str, recipients: list[str],
                  payload: bytes, end: float) -> Delivery:
    watchdog = _Watchdog(settings, end)
    try:
        smtp = _connect(settings, watchdog)
        try:
            _open_session(smtp, settings, watchdog)
            accepted, refused = _announce(smtp, settings, watchdog, sender, recipients)
            _transmit(smtp, settings, watchdog, payload)
            return Delivery(tuple(accepted), refused)
        finally:
            _close(smtp, settings, watchdog)
    finally:
        watchdog.stop()


_CONNECT = "--smtp-connect-timeout"
_COMMAND = "--smtp-command-timeout"


def _connect(settings: SmtpSettings, watchdog: _Watchdog) -> smtplib.SMTP:
    # socket.gethostname() avoids the DNS lookup of getfqdn(), which can hang. The socket
    # timeout bounds each wait for a byte; the watchdog, each step as a whole.
    options = {"local_hostname": socket.gethostname(), "timeout": settings.connect_timeout}
    watchdog.step("answer the greeting", settings.connect_timeout, _CONNECT)
    with _replies(settings, watchdog, "answering the connection"):
        try:
            if settings.security == "ssl":
                smtp = _WatchedSMTPSSL(watchdog, settings.host, settings.port,
                                       context=ssl.create_default_context(), **options)
            else:
                smtp = _WatchedSMTP(watchdog, settings.host, settings.port, **options)
        except (ssl.SSLError, smtplib.SMTPException, socket.gaierror):
            raise
        except TimeoutError:  # from the TCP connection: smtplib turns a slow reply into
            if watchdog.expired:  # SMTPServerDisconnected
                raise
            raise SendError(f"{settings.server} did not accept the connection within "
                            f"{settings.connect_timeout:g} s ({_CONNECT}); check --smtp-host "
                            f"and --smtp-port (or {ENV_HOST} and {ENV_PORT})") from None
        except OSError as exc:
            if watchdog.expired:
                raise
            raise _Transient(f"could not connect to {settings.server} ({_reason(exc)}); check "
                             f"--smtp-host and --smtp-port (or {ENV_HOST} and {ENV_PORT})") \
                from None
    if smtp.sock is not None:
        smtp.sock.settimeout(settings.command_timeout)
    return smtp


def _open_session(smtp: smtplib.SMTP, settings: SmtpSettings, watchdog: _Watchdog) -> None:
    watchdog.step("answer EHLO", settings.command_timeout, _COMMAND)
    with _replies(settings, watchdog, "greeting it"):
        smtp.ehlo_or_helo_if_needed()
    if settings.security == "starttls":
        if not smtp.has_extn("starttls"):
            raise SendError(f"{settings.server} does not offer STARTTLS; use --smtp-ssl if it "
                            "expects TLS from the start (usually port 465), or --smtp-insecure "
                            "only on a network you trust")
        watchdog.step("answer STARTTLS", settings.command_timeout, _COMMAND)
        with _replies(settings, watchdog, "starting TLS"):
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
    if settings.user:
        _login(smtp, settings, watchdog)


def _login(smtp: smtplib.SMTP, settings: SmtpSettings, watchdog: _Watchdog) -> None:
    # smtplib would send the password over a plain connection without a word.
    if not isinstance(smtp.sock, ssl.SSLSocket):
        raise SendError(_CLEAR_LOGIN)
    if not smtp.has_extn("auth"):
        raise SendError(f"{settings.server} does not offer a login (AUTH); unset {ENV_USER} and "
                        f"{ENV_PASSWORD}, or use the server's submission port")
    watchdog.step("answer the login (AUTH)", settings.command_timeout, _COMMAND)
    try:
        with _replies(settings, watchdog, f"logging in as {settings.user}"):
            smtp.login(settings.user or "", settings.password or "")
    except SendError as exc:
        if watchdog.expired:
            raise
        raise SendError(f"{exc}; check {ENV_USER} and {ENV_PASSWORD}") from None


def _announce(smtp: smtplib.SMTP, settings: SmtpSettings, watchdog: _Watchdog, sender: str,
              recipients: list[str]) -> tuple[list[str], dict[str, str]]:
    """MAIL FROM and RCPT TO: the accepted recipients and the refused ones, each with the
    server's reply (a recipient deferred with a 4xx reply is refused for this message
    when others are accepted; when none is, the whole send is retried)."""
    watchdog.step(f"answer MAIL FROM:<{sender}>", settings.command_timeout, _COMMAND)
    with _replies(settings, watchdog, f"taking the sender {sender}"):
        code, reply = smtp.mail(sender)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, reply, sender)
    accepted, refused, deferred = [], {}, False
    for recipient in recipients:
        watchdog.step(f"answer RCPT TO:<{recipient}>", settings.command_timeout, _COMMAND)
        with _replies(settings, watchdog, f"taking the recipient {recipient}"):
            code, reply = smtp.rcpt(recipient)
        if code in (250, 251):
            accepted.append(recipient)
        else:
            deferred = deferred or 400 <= code < 500
            refused[recipient] = _said(code, reply)
    if not accepted:
        named = "; ".join(f"{addr} ({reply})" for addr, reply in refused.items())
        if deferred:
            raise _Transient(f"{settings.server} took no recipient: {named}")
        raise SendError(f"{settings.server} refused every recipient: {named}")
    return accepted, refused


def _transmit(smtp: smtplib.SMTP, settings: SmtpSettings, watchdog: _Watchdog,
              payload: bytes) -> None:
    # The message itself may take long to send: only the whole deadline bounds it (and
    # the socket timeout, each wait for the server).
    watchdog.step("accept the message (DATA)", settings.total_timeout, "--smtp-timeout")
    try:
        with _replies(settings, watchdog, "taking the message"):
            code, reply = smtp.data(payload)
            if code != 250:
                raise smtplib.SMTPDataError(code, reply)
    except (_Transient, SendError) as exc:
        if not isinstance(exc.__cause__, smtplib.SMTPResponseException):
            # The message may have arrived before the connection dropped: never send twice.
            raise SendError(f"{exc}; the message may or may not have been delivered, so it was "
                            "not sent again; ask a recipient before sending it once more") \
                from None
        raise


@contextmanager
def _replies(settings: SmtpSettings, watchdog: _Watchdog, doing: str) -> Iterator[None]:
    """Turn smtplib and socket failures while ``doing`` into one sentence, retryable or not;
    a step past its time (the watchdog's or the socket's) is named as such, not retried."""
    server = settings.server
    try:
        yield
        if watchdog.expired:  # smtplib took the part of a line it had as the whole reply
            raise SendError(watchdog.sentence)
    except (SendError, _Transient):
        raise
    except smtplib.SMTPResponseException as exc:
        if watchdog.expired:
            raise SendError(watchdog.sentence) from exc
        sentence = f"{server} failed while {doing}: {_said(exc.smtp_code, exc.smtp_error)}"
        if 400 <= exc.smtp_code < 500:
            raise _Transient(sentence) from exc
        raise SendError(sentence) from None
    except OSError as exc:  # smtplib's exceptions are OSErrors too
        if watchdog.expired or isinstance(exc, TimeoutError) \
                or isinstance(exc.__context__, TimeoutError):
            raise SendError(watchdog.sentence) from exc
        if isinstance(exc, ssl.SSLError):
            raise SendError(f"the secure connection to {server} failed while {doing} "
                            f"({exc.reason or exc}); check the host name, or whether the port "
                            "expects --smtp-ssl or STARTTLS") from None
        if isinstance(exc, smtplib.SMTPServerDisconnected):
            raise _Transient(f"{server} closed the connection while {doing} "
                             f"({_reason(exc)})") from exc
        if isinstance(exc, smtplib.SMTPException):
            raise SendError(f"{server} failed while {doing}: {exc}") from None
        if isinstance(exc, socket.gaierror):
            # A name that does not resolve will not resolve on a retry either.
            raise SendError(f"cannot find the mail server {server} (unknown host name); check "
                            f"--smtp-host or {ENV_HOST}") from None
        raise _Transient(f"the connection to {server} failed while {doing} "
                         f"({_reason(exc)})") from exc


def _close(smtp: smtplib.SMTP, settings: SmtpSettings, watchdog: _Watchdog) -> None:
    """Say QUIT, waiting no longer than a command may; the message is sent by now."""
    watchdog.step("answer QUIT", settings.command_timeout, _COMMAND)
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def _said(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return f"{code} {' '.join(text.split())}"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused: nothing is listening there"
    if isinstance(exc, TimeoutError):
        return "no answer in time"
    return exc.strerror or str(exc) or type(exc).__name__
