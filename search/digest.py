"""Email digests: after an ingest run, one message per follower listing the new matches, cited and linked (smtplib)."""
from __future__ import annotations

import logging
import smtplib
import sqlite3
import ssl
import textwrap
from collections import defaultdict
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from pydantic import BaseModel, Field

from search.follow_types import Match
from search.follows import match_view

log = logging.getLogger(__name__)
QUOTE_WRAP = 96


class DigestResult(BaseModel):
    sent: list[str] = Field(default_factory=list, description="Addresses a digest was handed to the SMTP server for.")
    failed: dict[str, str] = Field(default_factory=dict, description="Address -> why the SMTP server refused it.")


def compose(settings, address: str, follows: list[tuple[sqlite3.Row, list[Match]]]) -> EmailMessage:
    """One message for one follower: each of their follows with this run's matches (citation, quote, link)."""
    base = settings.public_url.rstrip("/")
    total = sum(len(ms) for _, ms in follows)
    lines = []
    for follow, matches in follows:
        lines += [f"{follow['name']} (“{follow['query']}”): {len(matches)} new", ""]
        for n, m in enumerate(matches, 1):
            lines.append(f"{n}. {m.citation}")
            lines += textwrap.wrap(f"“{m.quote}”", QUOTE_WRAP, initial_indent="   ", subsequent_indent="   ")
            lines += [f"   {m.href}", ""]
        lines += [f"Feed: {base}/feeds/{follow['id']}.atom", ""]
    lines.append(f"Following page: {base}/following")
    msg = EmailMessage()
    topics = ", ".join(f"“{f['name']}”" for f, _ in follows)
    msg["Subject"] = f"New in the minutes: {total} match{'es' if total != 1 else ''} for {topics}"
    msg["From"] = settings.smtp_from
    msg["To"] = address
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain=settings.smtp_from.rsplit("@", 1)[-1] or "localhost")
    msg.set_content("\n".join(lines))
    return msg


def _connect(settings) -> smtplib.SMTP:
    if settings.smtp_security == "tls":
        return smtplib.SMTP_SSL(settings.smtp_host, settings.smtp_port, timeout=60, context=ssl.create_default_context())
    smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=60)
    if settings.smtp_security == "starttls":
        smtp.starttls(context=ssl.create_default_context())
    return smtp


def send_digests(library, run) -> DigestResult:
    """Mail each follower this run's matches; off unless MINUTES_SMTP_HOST is set. A refused message is logged and
    reported, never raised: the ingest it follows has already succeeded."""
    settings, store = library.settings, library.store
    result = DigestResult()
    if not settings.smtp_host or not run.matches:
        return result
    by_address: dict[str, list[tuple[sqlite3.Row, list[Match]]]] = defaultdict(list)
    for follow in store.follows(list(run.matches)):
        if follow["email"]:
            rows = store.follow_matches(follow["id"], limit=500, run_id=run.run_id)
            matches = [match_view(r, settings.public_url, follow["query"], seen=r["id"]) for r in rows]
            by_address[follow["email"].lower()].append((follow, matches))
    if not by_address:
        return result
    try:
        with _connect(settings) as smtp:
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password or "")
            for address, follows in by_address.items():
                try:
                    smtp.send_message(compose(settings, address, follows))
                    result.sent.append(address)
                except (smtplib.SMTPException, ValueError) as exc:  # ValueError: a header the policy refuses
                    result.failed[address] = str(exc)
    except (OSError, smtplib.SMTPException) as exc:
        result.failed.update({a: f"could not reach the SMTP server: {exc}" for a in by_address if a not in result.sent})
    for address, why in result.failed.items():
        log.warning("digest to %s not sent: %s", address, why)
    return result
