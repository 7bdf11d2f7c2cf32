"""Writes messages the way a sender's client and Enron's border MTA would.

Everything the generator writes goes through `compose`: a client's headers
(From with a display name, To/Cc, Subject, Date in the sender's time zone,
Message-ID on the sender's host, a mailer name, MIME), then the trace an MTA
prepends (Return-Path, Delivered-To for one delivered copy, two Received
lines). Nothing in a message says it was generated: the evaluation tells its
messages apart by Message-ID, through the manifest.
"""
import email.utils
from datetime import timedelta, timezone

GATEWAY = "mx1.enron.com"
INTERNAL_HUB = "nahou-msmbx01v.corp.enron.com"

MAILERS = [
    ("X-Mailer", "Microsoft Outlook IMO, Build 9.0.2416 (9.0.2911.0)"),
    ("X-Mailer", "Microsoft Outlook Express 5.50.4522.1200"),
    ("X-Mailer", "Lotus Notes Release 5.0.5 September 22, 2000"),
    ("X-Mailer", "QUALCOMM Windows Eudora Version 5.0"),
    ("User-Agent", "Mozilla/5.0 (Windows; U; Win98; en-US; rv:0.9.4) Gecko/20011019 Netscape6/6.2"),
    ("X-Mailer", "Novell GroupWise Internet Agent 5.5.4.1"),
]
ZONES = [-5, -6, -7, -8, 0, 1]


def fold(name, addresses):
    """A header of addresses, folded after every three."""
    if not addresses:
        return None
    chunks = [", ".join(addresses[i:i + 3]) for i in range(0, len(addresses), 3)]
    return name + ": " + ",\n\t".join(chunks)


def display(name, address):
    if not name:
        return address
    if any(c in name for c in '()<>[]:;@\\,."/'):
        name = '"' + name.replace('"', "") + '"'
    return "%s <%s>" % (name, address)


def message_id(rng, host):
    return "%d.%d.%s@%s" % (rng.randrange(10**9, 10**10), rng.randrange(10**5, 10**6),
                            "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(6)),
                            host)


def ip(rng):
    return "%d.%d.%d.%d" % (rng.choice([63, 64, 65, 66, 199, 204, 206, 207, 208, 209, 216]),
                            rng.randrange(1, 255), rng.randrange(1, 255), rng.randrange(1, 254))


def compose(rng, *, sender_name, sender, to, cc=(), delivered_to=None, subject, when,
            text, html=None, in_reply_to=None, references=(), internal=False, zone=None,
            sender_host=None):
    """One message as bytes with its mbox From_ line, and its Message-ID.

    `when` is a UTC datetime; `delivered_to` names the one local mailbox this
    copy was delivered to (none for a copy kept whole, such as internal mail
    on the Exchange hub).
    """
    domain = sender.rpartition("@")[2]
    host = sender_host or ("mail." + domain)
    mid = message_id(rng, host)
    zone = ZONES[rng.randrange(len(ZONES))] if zone is None else zone
    local_time = when.astimezone(timezone(timedelta(hours=zone)))
    sent = email.utils.format_datetime(local_time)
    arrived = email.utils.format_datetime(
        (when + timedelta(seconds=rng.randrange(2, 40))).astimezone(timezone(timedelta(hours=-6))))
    lines = []
    rcpt = delivered_to or (to[0] if to else sender)
    if internal:
        lines.append("Received: from %s ([172.16.%d.%d]) by %s with Microsoft SMTPSVC"
                     "(5.0.2195.1600);\n\t %s" % (host, rng.randrange(1, 250),
                                                  rng.randrange(1, 250), INTERNAL_HUB, arrived))
    else:
        lines.append("Return-Path: <%s>" % sender)
        if delivered_to:
            lines.append("Delivered-To: %s" % delivered_to)
        lines.append("Received: from %s (%s [%s])\n\tby %s (Postfix) with ESMTP id %X\n\tfor <%s>; %s"
                     % (host, host, ip(rng), GATEWAY, rng.randrange(16**9, 16**10), rcpt, arrived))
        lines.append("Received: from [%s] by %s with ESMTPA; %s" % (ip(rng), host, sent))
    lines.append("Message-ID: <%s>" % mid)
    lines.append("Date: " + sent)
    lines.append("From: " + display(sender_name, sender))
    lines.append(fold("To", list(to)) if to else "To: undisclosed-recipients:;")
    if cc:
        lines.append(fold("Cc", list(cc)))
    lines.append("Subject: " + subject)
    if in_reply_to:
        lines.append("In-Reply-To: <%s>" % in_reply_to)
        lines.append("References: " + " ".join("<%s>" % r for r in list(references) or [in_reply_to]))
    mailer = MAILERS[rng.randrange(len(MAILERS))]
    lines.append("%s: %s" % mailer)
    lines.append("MIME-Version: 1.0")
    if html is None:
        lines.append("Content-Type: text/plain; charset=us-ascii")
        lines.append("Content-Transfer-Encoding: 7bit")
        body = text
    else:
        boundary = "----=_NextPart_%03d_%04X_%08X" % (rng.randrange(1000), rng.randrange(16**4),
                                                       rng.randrange(16**8))
        lines.append('Content-Type: multipart/alternative;\n\tboundary="%s"' % boundary)
        body = ("This is a multi-part message in MIME format.\n\n"
                "--%s\nContent-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\n"
                "%s\n\n--%s\nContent-Type: text/html; charset=us-ascii\n"
                "Content-Transfer-Encoding: 7bit\n\n%s\n\n--%s--" % (boundary, text, boundary, html,
                                                                    boundary))
    body = "\n".join((">" + l) if l.lstrip(">").startswith("From ") else l for l in body.split("\n"))
    from_line = "From %s %s\n" % (sender, when.strftime("%a %b %d %H:%M:%S %Y"))
    data = from_line + "\n".join(lines) + "\n\n" + body.rstrip("\n") + "\n\n"
    return data.encode("utf-8"), mid


def html_page(paragraphs, anchors):
    """A plain client's HTML part: paragraphs, with {0}, {1}... replaced by
    anchors given as (href, shown text)."""
    out = []
    for p in paragraphs:
        for i, (href, shown) in enumerate(anchors):
            p = p.replace("{%d}" % i, '<a href="%s">%s</a>' % (href, shown))
        out.append("<p>%s</p>" % p.replace("\n", "<br>\n"))
    return "<html><body>\n" + "\n".join(out) + "\n</body></html>"


def plain(paragraphs, anchors):
    """The text/plain alternative of html_page: each anchor as its shown text."""
    out = []
    for p in paragraphs:
        for i, (href, shown) in enumerate(anchors):
            p = p.replace("{%d}" % i, shown)
        out.append(p)
    return "\n\n".join(out)


def random_token(rng, n, alphabet="abcdefghijklmnopqrstuvwxyz0123456789"):
    return "".join(rng.choice(alphabet) for _ in range(n))

