"""blind4's own mboxrd reader, history index and MIME writer (Python's
standard library only). Written for blind4; no code of other evaluations'
generators is used."""
import base64
import bisect
import collections
import email
import email.parser
import email.policy
import email.utils
import quopri
import re
import time

LOCAL = "enron.com"
DAY = 86400
FREEMAIL = {"aol.com", "hotmail.com", "yahoo.com", "msn.com", "earthlink.net", "juno.com",
            "excite.com", "netzero.net", "mindspring.com", "prodigy.net", "compuserve.com",
            "att.net", "swbell.net", "flash.net", "pdq.net", "ev1.net", "gmail.com", "usa.net",
            "bellsouth.net", "home.com", "erols.com", "netcom.com", "sbcglobal.net", "ix.netcom.com",
            "email.msn.com", "worldnet.att.net", "mail.com", "lycos.com", "webtv.net", "rocketmail.com"}
CC_SLD = {"co", "com", "ac", "org", "net", "gov", "edu", "ne", "or"}
PERSON = re.compile(r"^[a-z]+(\.[a-z]+)?\.[a-z]+@enron\.com$")
NOT_PEOPLE = {"enron", "announcements", "announcement", "all", "office", "chairman", "team",
              "mail", "help", "desk", "news", "public", "relations", "general", "info",
              "communications", "services", "center", "admin", "group", "employees"}
URL = re.compile(r"(?i)\bhttps?://[^\s\"'<>)\]]+")


def reg_domain(domain):
    labels = domain.lower().strip(".").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in CC_SLD:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def local(addr):
    d = addr.rpartition("@")[2]
    return d == LOCAL or d.endswith("." + LOCAL)


def person(addr):
    return bool(PERSON.match(addr)) and not (NOT_PEOPLE & set(addr.split("@")[0].split(".")))


def read_chunks(path):
    """(From_ line, raw message bytes as stored, i.e. still mboxrd-quoted)."""
    chunks = []
    cur_from, cur = None, []
    with open(path, "rb") as f:
        for line in f:
            if line.startswith(b"From "):
                if cur_from is not None:
                    chunks.append((cur_from, b"".join(cur)))
                cur_from, cur = line, []
            else:
                cur.append(line)
    if cur_from is not None:
        chunks.append((cur_from, b"".join(cur)))
    return chunks


UNQUOTE = re.compile(rb"^>(>*From )", re.M)
QUOTE = re.compile(r"^(>*From )", re.M)


def unquote(raw):
    return UNQUOTE.sub(rb"\1", raw)


def quote(text):
    return QUOTE.sub(r">\1", text)


def addrs(values):
    out = []
    for _, a in email.utils.getaddresses([str(v) for v in values]):
        a = a.strip().strip("'\"<>").lower()
        if "@" in a and " " not in a and a.count("@") == 1:
            out.append(a)
    return out


class Mail:
    __slots__ = ("pos", "from_line", "raw", "date", "sender", "name", "to", "cc", "subject",
                 "mid", "links", "inbound")

    def body(self):
        msg = email.message_from_bytes(unquote(self.raw), policy=email.policy.compat32)
        for part in msg.walk():
            if part.get_content_type() == "text/plain":
                return (part.get_payload(decode=True) or b"").decode("latin-1")
        return ""


def parse_mailbox(path):
    hp = email.parser.BytesHeaderParser(policy=email.policy.compat32)
    mails = []
    for pos, (fl, raw) in enumerate(read_chunks(path)):
        h = hp.parsebytes(raw)
        m = Mail()
        m.pos, m.from_line, m.raw = pos, fl, raw
        try:
            m.date = int(email.utils.parsedate_to_datetime(h["Date"]).timestamp())
        except Exception:
            m.date = None
        f = addrs([h.get("From", "")])
        m.sender = f[0] if f else ""
        name = ""
        for v in (h.get("X-From", ""), h.get("From", "")):
            n, _ = email.utils.parseaddr(str(v))
            n = (n or "").strip().strip('"')
            if not n and v and "@" not in str(v) and "<" not in str(v):
                n = str(v).strip()
            if n and "@" not in n and "/" not in n and "<" not in n:
                name = n
                break
        m.name = name
        m.to = addrs(h.get_all("To", []))
        m.cc = addrs(h.get_all("Cc", []))
        m.subject = " ".join(str(h.get("Subject", "") or "").split())
        m.mid = str(h.get("Message-ID", "") or "").strip()
        m.inbound = not local(m.sender)
        m.links = None
        mails.append(m)
    return mails


def link_hosts(mails):
    """Every host any link of the mailbox names (the whole archive)."""
    hosts = set()
    for m in mails:
        for u in URL.findall(unquote(m.raw).decode("latin-1")):
            h = u.split("/")[2].split(":")[0].lower() if u.count("/") >= 2 else ""
            hosts.add(h)
    return hosts


class Index:
    """What a mailbox showed before a moment."""

    def __init__(self, mails):
        ok = [m for m in mails if m.date and m.sender and 915148800 <= m.date <= 1041379200]
        ok.sort(key=lambda m: (m.date, m.pos))
        self.mails = ok
        self.dates = [m.date for m in ok]
        self.inb = collections.defaultdict(list)
        self.out_to = collections.defaultdict(list)
        self.name = {}
        self.sent_internal = collections.defaultdict(list)
        self.wrote = collections.defaultdict(set)
        self.seen = {}
        self.domains = set()
        for m in ok:
            rc = m.to + m.cc
            if m.inbound:
                self.inb[m.sender].append(m.date)
                if m.name and m.sender not in self.name:
                    self.name[m.sender] = m.name
            else:
                for r in rc:
                    if not local(r):
                        self.out_to[r].append(m.date)
                if any(local(r) for r in rc):
                    self.sent_internal[m.sender].append(m.date)
                    self.wrote[m.sender].update(r for r in rc if local(r))
                if m.name and m.sender not in self.name:
                    self.name[m.sender] = m.name
            for a in [m.sender] + rc:
                if a not in self.seen:
                    self.seen[a] = m.date
                self.domains.add(reg_domain(a.rpartition("@")[2]))
        self.first, self.last = ok[0].date, ok[-1].date

    def established(self, a, t):
        d = self.inb.get(a, [])
        n = bisect.bisect_left(d, t)
        if n < 3 or t - d[0] < 21 * DAY:
            return False
        return bisect.bisect_left(self.out_to.get(a, []), t) > 0

    def partners(self, t):
        return sorted(a for a in self.inb if self.established(a, t)
                      and a.rpartition("@")[2] not in FREEMAIL
                      and not reg_domain(a.rpartition("@")[2]).startswith("enron"))

    def insiders(self, t, least=3):
        return sorted(a for a, d in self.sent_internal.items()
                      if bisect.bisect_left(d, t) >= least and person(a))

    def colleagues(self, t):
        return sorted(a for a, d in self.seen.items() if d < t and person(a))

    def before(self, t, span):
        lo = bisect.bisect_left(self.dates, t - span)
        hi = bisect.bisect_left(self.dates, t)
        return self.mails[lo:hi]


# ---- MIME writing (deterministic boundaries) ----

def rfc_date(t):
    return time.strftime("%a, %d %b %Y %H:%M:%S -0800", time.gmtime(t - 8 * 3600))


def from_line(sender, t):
    return "From %s %s\n" % (sender, time.strftime("%a %b %d %H:%M:%S %Y", time.gmtime(t)))


def addr_field(name, a):
    if not name:
        return a
    if any(c in name for c in ',.;:()"'):
        name = '"%s"' % name.replace('"', "")
    return "%s <%s>" % (name, a)


def leaf(ctype, text, cte="7bit", extra=""):
    data = text.replace("\r\n", "\n")
    if cte == "quoted-printable":
        payload = quopri.encodestring(data.encode("utf-8")).decode("ascii")
        cs = "utf-8"
    elif cte == "base64":
        payload = base64.encodebytes(data.encode("utf-8")).decode("ascii")
        cs = "utf-8"
    else:
        payload = data
        cs = "us-ascii"
    if not payload.endswith("\n"):
        payload += "\n"
    return "Content-Type: %s; charset=%s%s\nContent-Transfer-Encoding: %s\n\n%s" % (
        ctype, cs, extra, cte, payload)


def multipart(sub, boundary, parts):
    out = 'Content-Type: multipart/%s;\n\tboundary="%s"\n\n' % (sub, boundary)
    for p in parts:
        out += "--%s\n%s\n" % (boundary, p)
    out += "--%s--\n" % boundary
    return out


def message(headers, body):
    return "".join("%s: %s\n" % (n, v) for n, v in headers) + "MIME-Version: 1.0\n" + body
