"""tune6's reading of the Enron mailboxes (mboxrd) and of what each mailbox
shows: who wrote to whom, when, which domains and link hosts appear. Shared
by gen.py and check.py. Python 3 standard library only.
"""
import email
import email.policy
import email.utils
import re

URL = re.compile(r"""(?:https?://|www\.)[^\s"'<>()]+""", re.I)
HOST = re.compile(r"""(?:https?://)?([A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,})""")
PERSON = re.compile(r"^[a-z][a-z'-]*\.[a-z][a-z.'-]*@enron\.com$")
TWO_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go"}
FREEMAIL = {"aol.com", "hotmail.com", "yahoo.com", "msn.com", "gmail.com", "outlook.com", "earthlink.net",
            "juno.com", "excite.com", "netscape.net", "compuserve.com", "mindspring.com", "prodigy.net",
            "swbell.net", "att.net", "worldnet.att.net", "flash.net", "ev1.net", "pdq.net", "home.com"}


def reg_domain(d):
    p = d.lower().strip(".").split(".")
    if len(p) >= 3 and len(p[-1]) == 2 and p[-2] in TWO_LEVEL:
        return ".".join(p[-3:])
    return ".".join(p[-2:])


def read_chunks(path):
    """The mboxrd file as a list of raw messages (bytes), each with its From_ line."""
    data = open(path, "rb").read()
    starts = [0] + [m.start() + 1 for m in re.finditer(rb"\nFrom ", data)]
    return [data[a:b] for a, b in zip(starts, starts[1:] + [len(data)])]


def unquote(raw):
    """The message of one mboxrd chunk: From_ line dropped, one '>' taken off quoted From lines."""
    body = raw.split(b"\n", 1)[1]
    return re.sub(rb"(?m)^>(>*From )", rb"\1", body)


def quote(msg_bytes):
    return re.sub(rb"(?m)^(>*From )", rb">\1", msg_bytes)


def addrs(values):
    out = []
    for _, a in email.utils.getaddresses([str(v) for v in values if v is not None]):
        a = a.strip().strip("'\"").lower()
        if "@" in a and a not in out:
            out.append(a)
    return out


def header_time(value):
    tt = email.utils.parsedate_tz(str(value or ""))
    return email.utils.mktime_tz(tt) if tt else None


class Msg:
    __slots__ = ("idx", "t", "sender", "to", "cc", "bcc", "subject", "mid", "xfrom", "folder", "origin",
                 "filename", "raw")


def parse_chunk(i, raw):
    head = raw.split(b"\n\n", 1)[0].split(b"\n", 1)[1]
    h = email.message_from_bytes(head, policy=email.policy.compat32)
    m = Msg()
    m.idx = i
    m.raw = raw
    m.t = header_time(h["Date"])
    f = addrs([h["From"]])
    m.sender = f[0] if f else ""
    m.to = addrs(h.get_all("To", []))
    m.cc = addrs(h.get_all("Cc", []))
    m.bcc = addrs(h.get_all("Bcc", []))
    m.subject = " ".join(str(h["Subject"] or "").split())
    m.mid = str(h["Message-ID"] or "").strip().strip("<>")
    m.xfrom = " ".join(str(h["X-From"] or "").split())
    m.folder = str(h["X-Corpus-Folder"] or "").strip()
    m.origin = str(h["X-Origin"] or "").strip()
    m.filename = str(h["X-FileName"] or "").strip()
    return m


def body_text(raw):
    parts = raw.split(b"\n\n", 1)
    return parts[1].decode("latin-1") if len(parts) > 1 else ""


def display_name(xfrom, addr):
    """A correspondent's display name from the CMU X-From header, or from the local part."""
    x = re.sub(r"<[^>]*>", "", xfrom or "")
    x = re.sub(r"@\S+", "", x).strip().strip('"').strip()
    if x and "@" not in x and 3 <= len(x) <= 40 and re.match(r"^[A-Za-z][A-Za-z .,'-]+$", x):
        if "," in x:
            last, first = [s.strip() for s in x.split(",", 1)]
            x = (first + " " + last).strip()
        return x
    loc = addr.split("@")[0]
    bits = [b for b in re.split(r"[._-]", loc) if b.isalpha()]
    return " ".join(b.capitalize() for b in bits) if len(bits) >= 2 else ""


class Mailbox:
    """What one mailbox shows, by position: message k is earlier than an injection after index i
    when k <= i."""

    def __init__(self, path, owner):
        self.owner = owner.lower()
        # the owner as the archive writes them: vince.j.kaminski@ is also vince.kaminski@
        loc, dom = self.owner.split("@")
        bits = loc.split(".")
        self.owner_set = {self.owner}
        if len(bits) == 3 and len(bits[1]) == 1:
            self.owner_set.add("%s.%s@%s" % (bits[0], bits[2], dom))
        self.chunks = read_chunks(path)
        self.msgs = [parse_chunk(i, c) for i, c in enumerate(self.chunks)]
        self.n = len(self.msgs)
        self.all_addresses = set()
        self.all_domains = set()
        self.hosts = set()
        self.first_seen = {}          # address -> first index it appears in any header
        self.first_to_owner = {}      # address -> first index it wrote with the owner a recipient
        self.first_from_owner = {}    # address -> first index the owner wrote to it
        self.first_in_dom = {}        # registrable domain -> first index mail came from it
        self.first_out_dom = {}       # registrable domain -> first index the owner wrote to it
        self.first_enron_out = {}     # registrable domain -> first index any enron.com sender wrote to it
        self.sent = {}                # address -> [indices of messages it sent]
        self.names = {}
        for m in self.msgs:
            people = [m.sender] + m.to + m.cc + m.bcc
            for a in people:
                if not a:
                    continue
                self.all_addresses.add(a)
                self.all_domains.add(reg_domain(a.split("@")[1]))
                self.first_seen.setdefault(a, m.idx)
            if m.sender:
                self.sent.setdefault(m.sender, []).append(m.idx)
                self.first_in_dom.setdefault(reg_domain(m.sender.split("@")[1]), m.idx)
                nm = display_name(m.xfrom, m.sender)
                if nm:
                    self.names.setdefault(m.sender, nm)
            rc = m.to + m.cc + m.bcc
            if self.owner_set & set(rc) and m.sender:
                self.first_to_owner.setdefault(m.sender, m.idx)
            if m.sender.endswith("@enron.com"):
                for a in rc:
                    self.first_enron_out.setdefault(reg_domain(a.split("@")[1]), m.idx)
            if m.sender in self.owner_set:
                for a in rc:
                    self.first_from_owner.setdefault(a, m.idx)
                    self.first_out_dom.setdefault(reg_domain(a.split("@")[1]), m.idx)
            for u in URL.findall(body_text(m.raw)):
                hm = HOST.match(u.split("//", 1)[-1] if "//" in u else u)
                if hm:
                    hh = hm.group(1).lower().rstrip(".")
                    self.hosts.add(hh)
                    self.all_domains.add(reg_domain(hh))

    def colleagues_before(self, i):
        return sorted(a for a, k in self.first_seen.items() if k <= i and a not in self.owner_set and PERSON.match(a))

    def both_way_domains(self, i, strict=True):
        """External registrable domains (not enron.com, not freemail) that wrote here and were written
        to by the owner (strict) or by any enron.com sender here, at or before index i."""
        out = []
        for d, k in self.first_in_dom.items():
            if d in ("enron.com",) or d in FREEMAIL or "enron" in d:
                continue
            o = (self.first_out_dom if strict else self.first_enron_out).get(d)
            if o is not None and k <= i and o <= i:
                out.append(d)
        return sorted(out)

    def correspondent_domains(self, i):
        """The both-way domains a look-alike may imitate, and on what basis: the owner's own two-way
        exchanges where the archive has them, else the enron.com side's (most of these mailboxes hold
        little of the owner's own outgoing external mail)."""
        d = self.both_way_domains(i)
        if d:
            return d, "owner"
        return self.both_way_domains(i, False), "enron"

    def domain_senders(self, d, i):
        """Addresses at registrable domain d that wrote at or before index i."""
        return sorted(a for a, ks in self.sent.items()
                      if a.split("@")[-1] and reg_domain(a.split("@")[1]) == d and ks[0] <= i)

    def seen_domain(self, d):
        return reg_domain(d) in self.all_domains

    def seen_host(self, h):
        h = h.lower()
        return h in self.hosts or reg_domain(h) in self.all_domains
