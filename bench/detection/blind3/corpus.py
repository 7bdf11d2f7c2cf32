"""Reads an Enron mailbox of the shared corpus for the blind3 generator.

Each message keeps its raw bytes (written back unchanged) and what the
generator needs to find an attack's material in the history before its
Date: sender, recipients, subject, Message-ID, and the relationships the
organisation has with each outside address (messages in, replies out, first
seen). Python's standard library only.
"""
import bisect
import collections
import email.parser
import email.policy
import email.utils
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "real_mail"))
import pywrite  # noqa: E402

QUOTE = pywrite.QUOTED  # mboxrd quoting, the reverse of the reader's
LOCAL = "enron.com"
DAY = 86400
PERSON = re.compile(r"^[a-z]+\.[a-z]+(\.[a-z]+)?@enron\.com$")
# Second-level labels under which a country's registrable domains sit.
TWO_LEVEL = {"co.uk", "com.au", "co.jp", "com.br", "co.nz", "ac.uk", "org.uk", "gov.uk",
             "com.mx", "co.za", "ne.jp", "or.jp", "com.sg"}
SECOND_LEVEL = {"ac", "co", "com", "edu", "org", "net", "gov", "ne", "or", "gob"}
ROLES = {"public", "relations", "chairman", "office", "announcement", "announcements",
         "general", "team", "group", "help", "admin", "mail", "news", "info", "services",
         "center", "employees", "all", "desk", "communications", "enron", "the"}
# Mail providers: an address there says nothing about an organisation.
FREEMAIL = {"aol.com", "hotmail.com", "yahoo.com", "msn.com", "earthlink.net",
            "juno.com", "excite.com", "netzero.net", "mindspring.com", "prodigy.net",
            "compuserve.com", "att.net", "swbell.net", "worldnet.att.net", "flash.net",
            "pdq.net", "ev1.net", "gmail.com", "usa.net", "bellsouth.net", "home.com",
            "email.msn.com", "erols.com", "ix.netcom.com", "sbcglobal.net"}


def registrable(domain):
    """The domain an organisation registers (a small stand-in for the public
    suffix list: country codes' second levels such as co.uk and edu.au)."""
    labels = domain.lower().strip(".").split(".")
    if len(labels) >= 3 and (".".join(labels[-2:]) in TWO_LEVEL or
                             (len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL)):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def is_person(address):
    """first.last@enron.com, not a role account (public.relations, chairman.ken)."""
    return bool(PERSON.match(address)) and not ROLES & set(address.split("@")[0].split("."))


def same_person(a, b):
    """vince.kaminski and vince.j.kaminski: one person's two addresses."""
    x, y = a.split("@")[0].split("."), b.split("@")[0].split(".")
    return x[0] == y[0] and x[-1] == y[-1]


def is_local(address):
    domain = address.rpartition("@")[2]
    return domain == LOCAL or domain.endswith("." + LOCAL)


class Mail:
    __slots__ = ("index", "raw", "from_line", "date", "sender", "name", "to", "cc",
                 "subject", "message_id", "outbound")

    def body(self):
        """The message's first text part, decoded (Enron mail is plain text)."""
        msg = email.message_from_bytes(self.raw, policy=email.policy.compat32)
        for part in msg.walk():
            if part.get_content_type() == "text/plain":
                data = part.get_payload(decode=True) or b""
                return data.decode("latin-1")
        return ""


def _addresses(values):
    out = []
    for _, addr in email.utils.getaddresses(values):
        addr = addr.strip().strip("'\"").lower()
        if "@" in addr and " " not in addr:
            out.append(addr)
    return out


def _display_name(x_from, from_header):
    """The sender's name as the archive shows it: X-From without its address."""
    for value in (x_from, from_header):
        if not value:
            continue
        name, addr = email.utils.parseaddr(value)
        name = (name or "").strip().strip('"')
        if not name and "<" not in value and "@" not in value:
            name = value.strip()
        if name and "@" not in name and "/" not in name:
            return name
    return ""


def read_mailbox(path):
    """Every message of an mboxrd file, in file order, as Mail (split and
    unquoted by real_mail/pywrite.py's reader, as Rapport's archive reader
    splits them)."""
    parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
    mails = []
    for i, (from_line, raw) in enumerate(pywrite.messages(path)):
        headers = parser.parsebytes(raw)
        m = Mail()
        m.index = i
        m.raw = raw
        m.from_line = from_line
        try:
            m.date = int(email.utils.parsedate_to_datetime(headers["Date"]).timestamp())
        except (TypeError, ValueError, IndexError):
            m.date = None
        froms = _addresses([headers.get("From", "")])
        m.sender = froms[0] if froms else ""
        m.name = _display_name(headers.get("X-From", ""), headers.get("From", ""))
        m.to = _addresses(headers.get_all("To", []))
        m.cc = _addresses(headers.get_all("Cc", []))
        m.subject = " ".join((headers.get("Subject", "") or "").split())
        m.message_id = (headers.get("Message-ID", "") or "").strip()
        m.outbound = is_local(m.sender)
        mails.append(m)
    return mails


class History:
    """What a mailbox's archive says about its correspondents, by time."""

    def __init__(self, mails):
        self.mails = [m for m in mails if m.date is not None and m.sender]
        self.mails.sort(key=lambda m: (m.date, m.index))
        self.inbound = collections.defaultdict(list)   # outside address -> dates in
        self.replies = collections.defaultdict(list)   # outside address -> dates written to
        self.names = {}                                # outside address -> display name
        self.internal = collections.defaultdict(list)  # colleague -> dates of internal mail sent
        self.wrote_to = collections.defaultdict(set)   # colleague -> colleagues written to
        self.seen_local = {}                           # local address -> first seen
        for m in self.mails:
            recipients = m.to + m.cc
            if m.outbound:
                for r in recipients:
                    if not is_local(r):
                        self.replies[r].append(m.date)
                if any(is_local(r) for r in recipients):
                    self.internal[m.sender].append(m.date)
                    self.wrote_to[m.sender].update(r for r in recipients if is_local(r))
            else:
                self.inbound[m.sender].append(m.date)
                if m.name and m.sender not in self.names:
                    self.names[m.sender] = m.name
            for a in [m.sender] + recipients:
                if is_local(a) and a not in self.seen_local:
                    self.seen_local[a] = m.date
        self.domains = set()
        for m in self.mails:
            for a in [m.sender] + m.to + m.cc:
                self.domains.add(a.rpartition("@")[2])
        self.first = self.mails[0].date
        self.last = self.mails[-1].date

    def established(self, address, when):
        """3+ messages in, a reply from the organisation, first seen 14+ days before."""
        dates = self.inbound.get(address, [])
        n = bisect.bisect_left(dates, when)
        if n < 3 or when - dates[0] < 14 * DAY:
            return False
        replies = self.replies.get(address, [])
        return bisect.bisect_left(replies, when) > 0

    def correspondents(self, when):
        """Established outside correspondents at `when`, sorted: partners, not
    mail providers nor the organisation's own other domains (enron.net)."""
        return sorted(a for a in self.inbound if self.established(a, when)
                      and a.rpartition("@")[2] not in FREEMAIL
                      and not registrable(a.rpartition("@")[2]).startswith("enron."))

    def staff(self, when, least=5):
        """People who had written internal mail `least` times before `when`."""
        return sorted(a for a, d in self.internal.items()
                      if bisect.bisect_left(d, when) >= least and is_person(a))

    def colleagues(self, when):
        """People (first.last@enron.com, not lists or systems) the archive
        showed before `when`."""
        return sorted(a for a, d in self.seen_local.items() if d < when and is_person(a))

    def threads(self, address, start, end):
        """Messages from or to `address` dated in [start, end) with a subject."""
        return [m for m in self.mails if start <= m.date < end and m.subject and m.message_id
                and (m.sender == address or address in m.to + m.cc)]
