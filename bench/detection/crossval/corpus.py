"""Reads the Enron mailboxes into what the cross-validation generator needs.

A mailbox is an mboxrd file. Each message is kept raw (so that the corpus
mail can be written back unchanged into the learning and replay files) with
the few header values the generator reads: Date, From (address and the CMU
X-From name), To and Cc, Subject, Message-ID and the link hosts of its body.
Stdlib only; no message is changed.
"""
import email.utils
import os
import re
from datetime import timezone

FROM_LINE = re.compile(rb"(?m)^From [^\n]*\n")
ADDRESS = re.compile(r"[A-Za-z0-9._'+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
LINK_HOST = re.compile(rb"https?://([A-Za-z0-9.-]+\.[A-Za-z]{2,})", re.I)

# Free-mail providers: a correspondent there is a person, not an organisation.
FREEMAIL = {
    "aol.com", "hotmail.com", "yahoo.com", "msn.com", "earthlink.net", "juno.com",
    "compuserve.com", "excite.com", "netscape.net", "mindspring.com", "prodigy.net",
    "gmail.com", "swbell.net", "flash.net", "att.net", "worldnet.att.net", "usa.net",
}
# Second-level labels under which a registrable domain has three labels.
SECOND_LEVEL = {"co", "com", "ac", "org", "net", "gov", "edu", "ne", "or"}


class Mail:
    __slots__ = ("mailbox", "raw", "from_line", "date", "sender", "name", "to", "cc",
                 "subject", "message_id", "hosts", "snippet")


def registrable(domain):
    """The registrable part of a host name (a simple public-suffix rule)."""
    labels = domain.lower().strip(".").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def header_values(head):
    """Header name (lower case) -> list of unfolded values, in order."""
    values = {}
    name = None
    for line in head.split("\n"):
        if line[:1] in (" ", "\t") and name:
            values[name][-1] += " " + line.strip()
            continue
        key, sep, value = line.partition(":")
        if not sep:
            name = None
            continue
        name = key.strip().lower()
        values.setdefault(name, []).append(value.strip())
    return values


def addresses(value):
    return [a.lower() for a in ADDRESS.findall(value or "")]


def read_mailbox(path):
    """The messages of one mailbox, in file order, each parsed as Mail."""
    with open(path, "rb") as f:
        data = f.read()
    mailbox = os.path.basename(path)
    mails = []
    starts = [m.start() for m in FROM_LINE.finditer(data)] + [len(data)]
    for begin, end in zip(starts, starts[1:]):
        chunk = data[begin:end]
        line_end = chunk.index(b"\n") + 1
        body_start = chunk.find(b"\n\n")
        head = chunk[line_end:body_start if body_start >= 0 else len(chunk)].decode("latin-1")
        h = header_values(head)
        try:
            date = email.utils.parsedate_to_datetime(h["date"][0]).astimezone(timezone.utc)
        except (KeyError, TypeError, ValueError, IndexError):
            continue
        mail = Mail()
        mail.mailbox = mailbox
        mail.raw = chunk
        mail.from_line = chunk[:line_end]
        mail.date = date
        senders = addresses(h.get("from", [""])[0])
        mail.sender = senders[0] if senders else ""
        mail.name = (h.get("x-from", [""])[0]).split("<")[0].strip().strip('"')
        mail.to = addresses(" ".join(h.get("to", [])))
        mail.cc = addresses(" ".join(h.get("cc", [])))
        mail.subject = h.get("subject", [""])[0]
        mail.message_id = h.get("message-id", [""])[0].strip().strip("<>")
        body = chunk[body_start:] if body_start >= 0 else b""
        mail.hosts = sorted({m.group(1).lower().decode().rstrip(".")
                             for m in LINK_HOST.finditer(body)})
        text = body.decode("latin-1").strip().split("\n")
        mail.snippet = [l.rstrip() for l in text if l.strip()][:4]
        mails.append(mail)
    return mails


def read_corpus(enron_dir):
    """Every Enron mailbox under `enron_dir`, sorted by file name."""
    return {name: read_mailbox(os.path.join(enron_dir, name))
            for name in sorted(os.listdir(enron_dir)) if name.endswith(".mbox")}
