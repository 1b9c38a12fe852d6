"""``deckmaker email``: build briefs, then write the email draft or send it over SMTP.

Registered on the group in deckmaker.cli. Rendering modules are imported inside the
command to keep start-up fast.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import click

from deckmaker import console, mailtext
from deckmaker.commands.common import reports_errors, worker_count
from deckmaker.errors import EXIT_INVALID_INPUT, InvalidInput, RenderError, SendError
# What each email attaches per brief (the memo and the deck): see deckmaker.formats.
from deckmaker.formats import ATTACHED as ATTACHED_FORMATS
from deckmaker.mailtext import looks_encoded

# A practical addr-spec check: dot-atom local part, a domain with at least one dot.
_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")


# Commas or semicolons (Outlook's separator) outside double-quoted names.
_SEPARATOR = re.compile(r'[,;](?=(?:[^"]*"[^"]*")*[^"]*$)')


def parse_addresses(option: str, values: tuple[str, ...]) -> tuple[str, ...]:
    """``values`` (each one address or a list separated by commas or semicolons, as
    Outlook writes them) as header-ready addresses; the first bad one is named."""
    from email.headerregistry import Address  # the email package is slow to import
    from email.utils import parseaddr

    parsed: list[str] = []
    for value in values:
        # A line break could smuggle extra headers into the message.
        if "\r" in value or "\n" in value:
            raise InvalidInput(f"{option}: an address may not contain a line break")
        pieces = [piece.strip() for piece in _SEPARATOR.split(value) if piece.strip()]
        if not pieces:
            raise InvalidInput(f"{option}: the address is empty; give one such as "
                               "name@example.org")
        for piece in pieces:
            name, addr = parseaddr(piece)
            if looks_encoded(piece):
                raise InvalidInput(f"{option}: '{piece}' holds {mailtext.HINT}")
            if not _ADDRESS.fullmatch(addr) or addr.startswith(".") or ".." in addr:
                raise InvalidInput(
                    f"{option}: '{piece}' is not an email address; write it as "
                    "name@example.org or 'Name <name@example.org>', and put a name that "
                    "contains a comma in double quotes")
            parsed.append(str(Address(display_name=name, addr_spec=addr)) if name else addr)
    return tuple(parsed)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--to", multiple=True, metavar="ADDR", help="Recipient (repeatable).")
@click.option("--cc", multiple=True, metavar="ADDR", help="Copy recipient (repeatable).")
@click.option("--bcc", multiple=True, metavar="ADDR", help="Blind-copy recipient (repeatable).")
@click.option("--from", "sender", metavar="ADDR",
              help="Sender; when sending, defaults to DECKMAKER_SMTP_USER if it is an address.")
@click.option("--send", is_flag=True, help="Send over SMTP instead of writing a draft .eml.")
@click.option("--digest", is_flag=True, help="One email for all briefs, every file attached.")
@click.option("--out", "out_dir", default="out", show_default=True,
              type=click.Path(file_okay=False), help="Folder for the memo, deck and draft.")
@click.option("--template", default=None, help="Template pack: a built-in name or a folder.")
@click.option("--smtp-host", metavar="HOST", help="SMTP server (else DECKMAKER_SMTP_HOST).")
@click.option("--smtp-port", type=click.IntRange(1, 65535), metavar="PORT",
              help="SMTP port (else DECKMAKER_SMTP_PORT; default 587, 465 with --smtp-ssl, "
                   "25 with --smtp-insecure).")
@click.option("--smtp-ssl", is_flag=True, help="Implicit TLS from the first byte (port 465).")
@click.option("--smtp-insecure", is_flag=True,
              help="No encryption at all; only on a network you trust.")
@click.option("--smtp-connect-timeout", type=click.FloatRange(min=0, min_open=True),
              metavar="SECONDS", help="Time to connect and get the server's greeting "
                                      "[default: 15].")
@click.option("--smtp-command-timeout", type=click.FloatRange(min=0, min_open=True),
              metavar="SECONDS", help="Time for the reply to each later command [default: 30].")
@click.option("--smtp-timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
              help="Time for the whole send of one message, retries included [default: 120].")
@click.option("--max-size-mb", type=click.FloatRange(min=0, min_open=True), metavar="MB",
              help="Refuse emails whose attachments exceed this (default: the pack's, 20).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes building memos and decks [default: the number of CPUs].")
@click.option("--force", is_flag=True, help="Rebuild memos and decks even when up to date.")
@click.option("--strict", is_flag=True,
              help="Treat analytic-standards findings as failures: no email then.")
@reports_errors
def email(paths: tuple[str, ...], to: tuple[str, ...], cc: tuple[str, ...],
          bcc: tuple[str, ...], sender: str | None, send: bool, digest: bool, out_dir: str,
          template: str | None, smtp_host: str | None, smtp_port: int | None, smtp_ssl: bool,
          smtp_insecure: bool, smtp_connect_timeout: float | None,
          smtp_command_timeout: float | None, smtp_timeout: float | None,
          max_size_mb: float | None, jobs: int | None, force: bool, strict: bool) -> None:
    """Email briefings: a draft .eml per brief in --out (opens in Outlook, Thunderbird,
    Apple Mail), or with --send, delivered over SMTP with the memo and deck attached."""
    from deckmaker.batch import BuildOptions
    from deckmaker.writers.email import Envelope

    envelope = Envelope(parse_addresses("--to", to), parse_addresses("--cc", cc),
                        parse_addresses("--bcc", bcc), _sender(sender, send))
    settings = None
    if send:
        from deckmaker.smtp import smtp_settings

        if not envelope.recipients:
            raise InvalidInput("--send needs at least one recipient; add --to ADDR")
        settings = smtp_settings(host=smtp_host, port=smtp_port, use_ssl=smtp_ssl,
                                 insecure=smtp_insecure, connect_timeout=smtp_connect_timeout,
                                 command_timeout=smtp_command_timeout,
                                 total_timeout=smtp_timeout)
    options = BuildOptions(Path(out_dir), ATTACHED_FORMATS, template, force, strict)
    emails = _build_emails(paths, options, envelope, workers=worker_count(jobs),
                           digest=digest, draft=not send, max_mb=max_size_mb)
    if settings is None:
        for target, message, job in emails:
            _write_draft(target, message, job, options.out_dir)
    else:
        _send_all([message for _, message, _ in emails], settings)


def _sender(sender: str | None, send: bool) -> str | None:
    if sender:
        return parse_addresses("--from", (sender,))[0]
    if not send:
        return None
    user = os.environ.get("DECKMAKER_SMTP_USER", "")
    if _ADDRESS.fullmatch(user):
        return user
    raise InvalidInput("--send needs a sender; add --from ADDR")


def _build_emails(paths, options, envelope, *, workers, digest, draft, max_mb):
    """Build every brief's memo and deck as ``deckmaker build`` does, then compose the
    emails: (draft path, message, job or None for a digest) triples. Nothing is composed
    unless every brief built. The files attached are those on disk: a memo or deck edited
    by hand is never rebuilt over, and is attached as it is, with a line saying so."""
    from deckmaker.writers.email import attachment_sizes, compose_message
    from deckmaker.writers.email.size import attachment_size_warning

    jobs = _build_files(paths, options, workers)
    items = _attachable(jobs, options, digest=digest)
    out_dir = options.out_dir
    if digest:
        latest = max(doc.date for doc, _ in items)
        groups = [(out_dir / f"digest-{latest.isoformat()}.eml", items, None)]
    else:
        groups = [(job.output(out_dir, "eml"), [item], job)
                  for job, item in zip(jobs, items, strict=True)]
    theme = items[0][0].theme
    for target, group, _ in groups:
        warning = attachment_size_warning(target.name, attachment_sizes(group),
                                          warn_mb=theme.warn_attachment_mb,
                                          max_mb=max_mb or theme.max_attachment_mb)
        if warning:
            console.warning(warning)
    return [(target, compose_message(group, envelope=envelope, digest=digest, draft=draft), job)
            for target, group, job in groups]


def _build_files(paths, options, workers):
    """The jobs of ``paths``, their memo and deck built (or up to date) in ``options.out_dir``
    with the build's checks, warnings and record; raises when any brief failed. A memo or
    deck edited by hand stays as it is (the build goes beside it) and is said to be
    attached as edited."""
    from deckmaker import cache
    from deckmaker.batch import attached_line, build_many, exit_code, find_briefs, kept_line

    cache.report_discarded(console.warning)
    jobs = find_briefs(paths)
    with console.BuildReporter(len(jobs), quiet=False) as reporter:
        results = build_many(jobs, options, workers=workers, on_result=reporter.result,
                             warn=console.warning)
    code = exit_code(results)
    if code:
        failed = sum(r.status == "failed" for r in results)
        error = InvalidInput if code == EXIT_INVALID_INPUT else RenderError
        raise error(f"no email was written or sent: {failed} of {len(results)} brief"
                    f"{'s' if len(results) > 1 else ''} failed to build (see above)")
    for result in results:
        for fmt, (target, state) in result.kept.items():
            console.notice(kept_line(target, state))
            if fmt in ATTACHED_FORMATS:
                console.notice(attached_line(target, state))
    return jobs


def _attachable(jobs, options, *, digest):
    """(Document, attachments) per job, the memo and deck read back from the files built.
    A digest attaches several briefs' files side by side: each is named after its key."""
    from deckmaker.build import attachment, load_document
    from deckmaker.pack import load_pack

    pack = load_pack(options.template)
    stems = attachment_stems([job.key for job in jobs]) if digest else [None] * len(jobs)
    items = []
    for job, stem in zip(jobs, stems, strict=True):
        doc = load_document(job.brief, pack)
        items.append((doc, [attachment(stem or doc.stem, fmt,
                                       job.output(options.out_dir, fmt).read_bytes())
                            for fmt in ATTACHED_FORMATS]))
    return items


def attachment_stems(keys: list[str]) -> list[str]:
    """A distinct file name stem per output key, its sub-folders joined by '-'
    (``a/brief`` -> ``a-brief``), numbered in the rare case two keys still meet."""
    stems: list[str] = []
    for key in keys:
        stem = candidate = key.replace("/", "-")
        number = 1
        while candidate in stems:
            number += 1
            candidate = f"{stem}-{number}"
        stems.append(candidate)
    return stems


def _write_draft(target: Path, message, job, out_dir: Path) -> None:
    """Write the draft; a brief's own draft (``job``) as the build writes its .eml: recorded,
    and beside an .eml edited by hand rather than over it."""
    from deckmaker.writers.email import message_bytes

    data = message_bytes(message)
    if job is None:  # a digest: not one brief's output
        from deckmaker.outputs import write_bytes_atomically

        write_bytes_atomically(target, data)
    else:
        from deckmaker.batch import BuildRecord, kept_line, write_output

        placement = write_output(BuildRecord(out_dir), job, "eml", data)
        if placement.kept:
            console.notice(kept_line(placement.target, placement.state))
        target = placement.path
    console.success(f"wrote {target}; open it in your mail client to review and send")


def _send_all(messages, settings) -> None:
    """Send each message once; report every refused recipient after trying them all."""
    from deckmaker.smtp import send_message

    refusals = []
    for message in messages:
        delivery = send_message(message, settings)
        console.success(f"sent '{message['Subject']}' to {', '.join(delivery.accepted)} "
                        f"via {settings.server}")
        if refusal := delivery.refusal(settings.server):
            refusals.append(refusal)
    if refusals:
        raise SendError("\n".join(refusals))
