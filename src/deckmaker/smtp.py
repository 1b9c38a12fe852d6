"""Sending a message over SMTP: STARTTLS by default, bounded retries, one sentence per failure.

A login (user and password) is only ever sent over an encrypted connection.

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
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.utils import formatdate, getaddresses, make_msgid, parseaddr

from deckmaker.errors import InvalidInput, SendError

ENV_HOST = "DECKMAKER_SMTP_HOST"
ENV_PORT = "DECKMAKER_SMTP_PORT"
ENV_USER = "DECKMAKER_SMTP_USER"
ENV_PASSWORD = "DECKMAKER_SMTP_PASSWORD"
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "insecure": 25}
TIMEOUT_S = 10.0  # per connect and per reply: an unreachable server fails in seconds
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
    timeout: float = TIMEOUT_S
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
        """One sentence naming every refused recipient, or None when all were accepted."""
        if not self.refused:
            return None
        named = "; ".join(f"{addr} ({reply})" for addr, reply in self.refused.items())
        return (f"{server} refused recipient{'s' if len(self.refused) > 1 else ''} {named}; "
                f"the others ({', '.join(self.accepted)}) received the message")


_CLEAR_LOGIN = (f"--smtp-insecure would send {ENV_PASSWORD} unencrypted, so deckmaker will not "
                f"log in over it; use STARTTLS (the default) or --smtp-ssl, or unset {ENV_USER} "
                f"and {ENV_PASSWORD} for a server that needs no login")


class _Transient(Exception):
    """A failure worth retrying; ``str()`` is the sentence shown if retries run out."""


def smtp_settings(*, host: str | None, port: int | None, use_ssl: bool, insecure: bool,
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
                        user, password)


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
    for attempt, wait in enumerate((*settings.backoff, None), 1):
        try:
            return _deliver_once(settings, sender, recipients, payload)
        except _Transient as exc:
            if wait is None:
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


def _deliver_once(settings: SmtpSettings, sender: str, recipients: list[str],
                  payload: bytes) -> Delivery:
    smtp = _connect(settings)
    try:
        _open_session(smtp, settings)
        accepted, refused = _announce(smtp, settings, sender, recipients)
        _transmit(smtp, settings, payload)
        return Delivery(tuple(accepted), refused)
    finally:
        _close(smtp)


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    # socket.gethostname() avoids the DNS lookup of getfqdn(), which can hang.
    options = {"local_hostname": socket.gethostname(), "timeout": settings.timeout}
    with _replies(settings, "answering the connection"):
        try:
            if settings.security == "ssl":
                return smtplib.SMTP_SSL(settings.host, settings.port,
                                        context=ssl.create_default_context(), **options)
            return smtplib.SMTP(settings.host, settings.port, **options)
        except (ssl.SSLError, smtplib.SMTPException, socket.gaierror):
            raise
        except OSError as exc:
            raise _Transient(f"could not connect to {settings.server} ({_reason(exc)}); check "
                             f"--smtp-host and --smtp-port (or {ENV_HOST} and {ENV_PORT})") \
                from None


def _open_session(smtp: smtplib.SMTP, settings: SmtpSettings) -> None:
    with _replies(settings, "greeting it"):
        smtp.ehlo_or_helo_if_needed()
    if settings.security == "starttls":
        if not smtp.has_extn("starttls"):
            raise SendError(f"{settings.server} does not offer STARTTLS; use --smtp-ssl if it "
                            "expects TLS from the start (usually port 465), or --smtp-insecure "
                            "only on a network you trust")
        with _replies(settings, "starting TLS"):
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
    if settings.user:
        _login(smtp, settings)


def _login(smtp: smtplib.SMTP, settings: SmtpSettings) -> None:
    # smtplib would send the password over a plain connection without a word.
    if not isinstance(smtp.sock, ssl.SSLSocket):
        raise SendError(_CLEAR_LOGIN)
    if not smtp.has_extn("auth"):
        raise SendError(f"{settings.server} does not offer a login (AUTH); unset {ENV_USER} and "
                        f"{ENV_PASSWORD}, or use the server's submission port")
    try:
        with _replies(settings, f"logging in as {settings.user}"):
            smtp.login(settings.user or "", settings.password or "")
    except SendError as exc:
        raise SendError(f"{exc}; check {ENV_USER} and {ENV_PASSWORD}") from None


def _announce(smtp: smtplib.SMTP, settings: SmtpSettings, sender: str,
              recipients: list[str]) -> tuple[list[str], dict[str, str]]:
    """MAIL FROM and RCPT TO: the accepted recipients and the permanently refused ones."""
    with _replies(settings, f"taking the sender {sender}"):
        code, reply = smtp.mail(sender)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, reply, sender)
    accepted, refused = [], {}
    with _replies(settings, "taking the recipients"):
        for recipient in recipients:
            code, reply = smtp.rcpt(recipient)
            if code in (250, 251):
                accepted.append(recipient)
            elif 400 <= code < 500:
                raise _Transient(f"{settings.server} deferred recipient {recipient}: "
                                 f"{_said(code, reply)}")
            else:
                refused[recipient] = _said(code, reply)
    if not accepted:
        named = "; ".join(f"{addr} ({reply})" for addr, reply in refused.items())
        raise SendError(f"{settings.server} refused every recipient: {named}")
    return accepted, refused


def _transmit(smtp: smtplib.SMTP, settings: SmtpSettings, payload: bytes) -> None:
    try:
        with _replies(settings, "taking the message"):
            code, reply = smtp.data(payload)
            if code != 250:
                raise smtplib.SMTPDataError(code, reply)
    except _Transient as exc:
        if not isinstance(exc.__cause__, smtplib.SMTPResponseException):
            # The message may have arrived before the connection dropped: never send twice.
            raise SendError(f"{exc}; the message may or may not have been delivered, so it was "
                            "not sent again; ask a recipient before sending it once more") \
                from None
        raise


@contextmanager
def _replies(settings: SmtpSettings, doing: str) -> Iterator[None]:
    """Turn smtplib and socket failures while ``doing`` into one sentence, retryable or not."""
    server = settings.server
    try:
        yield
    except (SendError, _Transient):
        raise
    except ssl.SSLError as exc:
        raise SendError(f"the secure connection to {server} failed while {doing} "
                        f"({exc.reason or exc}); check the host name, or whether the port "
                        "expects --smtp-ssl or STARTTLS") from None
    except smtplib.SMTPResponseException as exc:
        sentence = f"{server} failed while {doing}: {_said(exc.smtp_code, exc.smtp_error)}"
        if 400 <= exc.smtp_code < 500:
            raise _Transient(sentence) from exc
        raise SendError(sentence) from None
    except smtplib.SMTPServerDisconnected as exc:
        raise _Transient(f"{server} closed the connection while {doing} "
                         f"({_reason(exc)})") from exc
    except smtplib.SMTPException as exc:
        raise SendError(f"{server} failed while {doing}: {exc}") from None
    except socket.gaierror:
        # A name that does not resolve will not resolve on a retry either.
        raise SendError(f"cannot find the mail server {server} (unknown host name); check "
                        f"--smtp-host or {ENV_HOST}") from None
    except OSError as exc:
        raise _Transient(f"the connection to {server} failed while {doing} "
                         f"({_reason(exc)})") from exc


def _close(smtp: smtplib.SMTP) -> None:
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
