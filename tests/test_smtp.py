"""SMTP sending against a real aiosmtpd server on 127.0.0.1: delivery, AUTH, STARTTLS,
implicit TLS, retries of transient failures, refused recipients, an absent server."""

from __future__ import annotations

import email
import ssl
from dataclasses import replace
from email import policy

import pytest
import trustme

from deckmaker.build import Attachment
from deckmaker.errors import InvalidInput, SendError
from deckmaker.formats import MEDIA_TYPES
from deckmaker.smtp import SmtpSettings, send_message, smtp_settings
from deckmaker.writers.email import Envelope, compose_message
from tests.smtp_server import Recorder, free_port, running_servers

PDF = b"%PDF-1.7\r\n.\r\n..dot-stuffed line\n" * 2000
PPTX = b"PK\x03\x04" + bytes(range(256)) * 200
TO = ("Ann <ann@example.org>", "bob@example.org")


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


serve = pytest.fixture(running_servers)


@pytest.fixture
def server_tls(ca) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    return context


@pytest.fixture
def trust(ca, tmp_path, monkeypatch):
    """Make the client's default SSL context trust the test CA (as a system CA would be)."""
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))


@pytest.fixture
def message(sample_doc):
    """Makes the sample briefing, ready to send, with stand-in memo and deck bytes."""
    files = [Attachment("memo.pdf", MEDIA_TYPES["pdf"], PDF),
             Attachment("deck.pptx", MEDIA_TYPES["pptx"], PPTX)]

    def make(bcc: tuple[str, ...] = ()):
        envelope = Envelope(to=TO, bcc=bcc, sender="desk@example.org")
        return compose_message([(sample_doc, files)], envelope=envelope, draft=False)

    return make


def no_wait(_seconds: float) -> None:
    """The ``sleep`` of settings whose retries, if any, need not wait."""


def settings(port: int, security: str = "insecure", **changes) -> SmtpSettings:
    return replace(SmtpSettings("127.0.0.1", port, security, connect_timeout=5,
                                command_timeout=5, sleep=no_wait),
                   **changes)


def received(handler: Recorder, index: int = 0):
    return email.message_from_bytes(handler.delivered[index][2], policy=policy.default)


def test_message_arrives_intact_with_both_attachments(serve, message):
    handler = Recorder()
    port = serve(handler)
    delivery = send_message(message(bcc=("hidden@example.org",)), settings(port))
    assert delivery.accepted == ("ann@example.org", "bob@example.org", "hidden@example.org")
    assert delivery.refusal("x") is None
    mail_from, rcpt_tos, _ = handler.delivered[0]
    assert (mail_from, rcpt_tos) == ("desk@example.org", list(delivery.accepted))
    got = received(handler)
    assert [(p.get_filename(), p.get_content()) for p in got.iter_attachments()] == [
        ("memo.pdf", PDF), ("deck.pptx", PPTX)]
    assert got["Subject"].startswith("TLP:CLEAR ")
    assert "Bcc" not in got and "hidden@example.org" not in handler.delivered[0][2].decode()
    assert got["Date"] and got["Message-ID"].endswith("@example.org>")
    assert "X-Unsent" not in got


def test_login_uses_the_environment_credentials_over_starttls(serve, server_tls, trust,
                                                              message):
    handler = Recorder()
    port = serve(handler, tls_context=server_tls, require_starttls=True,
                 authenticator=handler.authenticate, auth_required=True)
    env = {"DECKMAKER_SMTP_USER": "analyst", "DECKMAKER_SMTP_PASSWORD": "s3cret"}
    chosen = smtp_settings(host="127.0.0.1", port=port, use_ssl=False, insecure=False,
                           environ=env)
    send_message(message(), replace(chosen, sleep=no_wait))
    assert handler.logins == ["analyst"]
    assert len(handler.delivered) == 1


# aiosmtpd does not count implicit TLS as TLS for AUTH: its check is switched off here.
@pytest.mark.filterwarnings("ignore:Requiring AUTH")
def test_a_wrong_password_fails_at_once_naming_the_variables(serve, server_tls, trust,
                                                             message):
    handler = Recorder()
    port = serve(handler, ssl_context=server_tls, authenticator=handler.authenticate,
                 auth_required=True, auth_require_tls=False)
    waits: list[float] = []
    with pytest.raises(SendError, match=r"535 .*DECKMAKER_SMTP_PASSWORD") as failure:
        send_message(message(), settings(port, "ssl", user="analyst", password="wrong",
                                         sleep=waits.append))
    assert "analyst" in str(failure.value)
    assert waits == [] and handler.delivered == []


def test_credentials_with_insecure_are_refused_before_connecting():
    env = {"DECKMAKER_SMTP_USER": "analyst", "DECKMAKER_SMTP_PASSWORD": "s3cret"}
    with pytest.raises(InvalidInput, match="--smtp-insecure would send "
                                           "DECKMAKER_SMTP_PASSWORD unencrypted"):
        smtp_settings(host="127.0.0.1", port=None, use_ssl=False, insecure=True, environ=env)


@pytest.mark.filterwarnings("ignore:Requiring AUTH")
def test_a_password_never_crosses_a_plain_connection(serve, message):
    handler = Recorder()
    port = serve(handler, authenticator=handler.authenticate, auth_required=True,
                 auth_require_tls=False)
    with pytest.raises(SendError, match="unencrypted"):
        send_message(message(), settings(port, user="analyst", password="s3cret",
                                         sleep=pytest.fail))
    assert handler.logins == [] and handler.delivered == []


def test_starttls_with_a_trusted_certificate_then_login(serve, server_tls, trust, message):
    handler = Recorder()
    port = serve(handler, tls_context=server_tls, require_starttls=True,
                 authenticator=handler.authenticate, auth_required=True)
    send_message(message(), settings(port, "starttls", user="analyst", password="s3cret"))
    assert handler.logins == ["analyst"]
    assert [p.get_content() for p in received(handler).iter_attachments()] == [PDF, PPTX]


def test_implicit_tls(serve, server_tls, trust, message):
    handler = Recorder()
    port = serve(handler, ssl_context=server_tls)
    send_message(message(), settings(port, "ssl"))
    assert len(handler.delivered) == 1


def test_an_untrusted_certificate_is_refused_without_retrying(serve, server_tls, message):
    handler = Recorder()
    port = serve(handler, tls_context=server_tls, require_starttls=True)
    waits: list[float] = []
    with pytest.raises(SendError, match="secure connection to 127.0.0.1:.* failed"):
        send_message(message(), settings(port, "starttls", sleep=waits.append))
    assert waits == [] and handler.delivered == []


def test_starttls_is_required_unless_insecure_is_chosen(serve, message):
    port = serve(Recorder())
    with pytest.raises(SendError, match="does not offer STARTTLS; use --smtp-ssl"):
        send_message(message(), settings(port, "starttls"))


def test_a_451_is_retried_and_the_message_delivered_once(serve, message):
    handler = Recorder(data_replies=("451 4.3.0 try again later",))
    port = serve(handler)
    waits: list[float] = []
    send_message(message(), settings(port, backoff=(0.5, 1.0), sleep=waits.append))
    assert handler.data_commands == 2
    assert len(handler.delivered) == 1
    assert waits == [0.5]


def test_by_default_three_attempts_wait_2_then_4_seconds(serve, message):
    handler = Recorder(data_replies=("451 4.3.0 busy", "421 4.3.2 shutting down"))
    port = serve(handler)
    waits: list[float] = []
    send_message(message(), SmtpSettings("127.0.0.1", port, "insecure", connect_timeout=5,
                                         sleep=waits.append))
    assert waits == [2.0, 4.0]
    assert handler.data_commands == 3 and len(handler.delivered) == 1


def test_a_550_for_one_recipient_is_reported_by_name(serve, message):
    handler = Recorder(refuse=("bob@example.org",))
    port = serve(handler)
    delivery = send_message(message(), settings(port))
    assert delivery.accepted == ("ann@example.org",)
    assert handler.delivered[0][1] == ["ann@example.org"]
    sentence = delivery.refusal("127.0.0.1:1")
    assert sentence == ("127.0.0.1:1 refused 1 recipient: bob@example.org (550 5.1.1 no such "
                        "user here); the others (ann@example.org) received the message")
    assert "ann@example.org" in sentence


def test_every_recipient_refused_is_permanent(serve, message):
    handler = Recorder(refuse=("ann@example.org", "bob@example.org"))
    port = serve(handler)
    with pytest.raises(SendError, match="refused every recipient: ann@example.org"):
        send_message(message(), settings(port, sleep=pytest.fail))
    assert handler.delivered == []


def test_a_permanent_data_refusal_is_not_retried(serve, message):
    handler = Recorder(data_replies=("554 5.7.1 message rejected as spam",))
    port = serve(handler)
    with pytest.raises(SendError, match="554 5.7.1 message rejected as spam"):
        send_message(message(), settings(port, sleep=pytest.fail))
    assert handler.data_commands == 1


def test_a_connection_lost_after_the_message_is_never_resent(serve, message):
    handler = Recorder(drop_after_data=True)
    port = serve(handler)
    with pytest.raises(SendError, match="may or may not have been delivered"):
        send_message(message(), settings(port, sleep=pytest.fail))
    assert handler.data_commands == 1


def test_nothing_listening_fails_after_bounded_retries_with_one_sentence(message):
    waits: list[float] = []
    with pytest.raises(SendError) as failure:
        send_message(message(), settings(free_port(), backoff=(1.0, 2.0), sleep=waits.append))
    text = str(failure.value)
    assert "could not connect to 127.0.0.1:" in text and "connection refused" in text
    assert text.endswith("gave up after 3 attempts")
    assert "\n" not in text
    assert waits == [1.0, 2.0]


def test_settings_come_from_flags_else_environment():
    env = {"DECKMAKER_SMTP_HOST": "mail.example.org", "DECKMAKER_SMTP_PORT": "2525"}
    chosen = smtp_settings(host=None, port=None, use_ssl=False, insecure=False, environ=env)
    assert (chosen.server, chosen.security, chosen.user) == ("mail.example.org:2525",
                                                             "starttls", None)
    flagged = smtp_settings(host="smtp.example.org", port=None, use_ssl=True, insecure=False,
                            environ={})
    assert (flagged.server, flagged.security) == ("smtp.example.org:465", "ssl")


@pytest.mark.parametrize(("kwargs", "env", "wanted"), [
    ({"use_ssl": True, "insecure": True}, {"DECKMAKER_SMTP_HOST": "h"}, "contradict"),
    ({}, {}, "DECKMAKER_SMTP_HOST"),
    ({}, {"DECKMAKER_SMTP_HOST": "h", "DECKMAKER_SMTP_PORT": "smtp"}, "not a port number"),
    ({}, {"DECKMAKER_SMTP_HOST": "h", "DECKMAKER_SMTP_USER": "u"}, "set both"),
])
def test_bad_settings_are_invalid_input(kwargs, env, wanted):
    options = {"host": None, "port": None, "use_ssl": False, "insecure": False, **kwargs}
    with pytest.raises(InvalidInput, match=wanted):
        smtp_settings(environ=env, **options)


def test_an_unknown_host_is_not_retried(monkeypatch, message):
    import socket

    attempts = []

    def unknown(*_args, **_kwargs):
        attempts.append(1)
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr("smtplib.SMTP.connect", unknown)
    wanted = "cannot find the mail server no-such-host.invalid:2525"
    with pytest.raises(SendError, match=wanted):
        send_message(message(), replace(settings(2525, sleep=pytest.fail),
                                        host="no-such-host.invalid"))
    assert len(attempts) == 1
