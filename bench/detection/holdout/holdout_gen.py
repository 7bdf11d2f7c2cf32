#!/usr/bin/env python3
"""holdout_gen: writes the frozen holdout evaluation's mbox files.

FROZEN - NEVER TUNE ON THIS SET. It exists to measure whether detection
generalises beyond bench/attack_eval (the tuning set). Its generator, seed,
templates and platforms are fixed; changing any of them, or changing the
product while looking at this set's misses, destroys its value. Its attacks
were designed from the threat stories of DESIGN.md and issue 14, not from the
scoring code. The sha256 of every file it writes is recorded in
docs/DETECTION.md: a different hash means a different evaluation.

usage: holdout_gen.py --corpus DIR --out DIR [--seed N]

Writes into OUT:
  holdout-<mailbox>.mbox   each Enron mailbox, its own messages untouched, in
                           Date order, with attacks (and a few legitimate
                           "setup" messages) injected at points in time
  scenario-adopt.mbox      a mailbox with 15 established correspondents adopting
                           one new file-transfer platform (legitimate)
  scenario-repeat.mbox     a mailbox with one compromised vendor repeating its
                           r2.dev link to 40 recipients
  phish-pot.mbox, phish-nazario.mbox
                           real phishing re-addressed to Enron staff, dated
                           after the Enron history (replayed after learning it)
  manifest.tsv             message_id, mailbox file, class, family, extra
  plan.txt                 which mailbox each scenario uses, and so on

Python 3 standard library only. Deterministic: the same corpus and seed give
byte-identical files (no set or hash order is ever iterated unsorted).
"""

import argparse
import datetime
import email.utils
import hashlib
import os
import quopri
import random
import re
import sys

SEED = 1409  # frozen
MAILBOXES = ["beck-s", "berkeley-enron_with_categories", "farmer-d",
             "kaminski-v", "lokay-m", "williams-w3"]
LOCAL = "enron.com"
FAMILIES = ["masked-link", "hijack-participant", "hijack-outsider", "bcc-new-sender",
            "vendor-fileshare", "new-tenant", "lookalike-sender", "lookalike-token",
            "lateral"]
PER_MAILBOX = 5  # per family: 6 mailboxes x 5 = 30
DAY = 86400
# Plausible dates for Enron mail; anything else is an archive artefact.
ENRON_MIN = 852076800   # 1997-01-01
ENRON_MAX = 1041379200  # 2003-01-01
FREEMAIL = {"aol.com", "yahoo.com", "hotmail.com", "msn.com", "earthlink.net",
            "compuserve.com", "juno.com", "excite.com", "netscape.net", "mindspring.com",
            "gmail.com", "att.net", "worldnet.att.net", "prodigy.net", "swbell.net"}
TWO_LEVEL = {"co.uk", "ac.uk", "org.uk", "gov.uk", "com.au", "edu.au", "net.au", "co.jp", "ac.jp",
             "com.br", "co.za", "com.mx", "co.nz", "ac.nz", "ac.il", "co.il", "ac.cy", "com.cy",
             "co.in", "ac.in", "com.sg", "edu.sg", "co.kr", "ac.kr", "com.tw", "edu.tw", "com.hk",
             "edu.hk", "ac.at", "co.at", "com.cn", "edu.cn", "com.ar", "com.ve", "com.co"}


# ---------------------------------------------------------------- mbox I/O

def split_mbox(data):
    """Raw messages of an mboxrd file, each with its From_ line, untouched."""
    parts = re.split(rb"(?m)^(?=From )", data)
    return [p for p in parts if p.startswith(b"From ")]


# Headers and addresses are read by the small parsers below rather than by the
# email package, whose address parsing changes between Python releases (it
# did between 3.11.2 and 3.11.7): the holdout must be the same everywhere.

def headers_of(raw):
    """{lower-case name: [values]} of the header block, unfolded, latin-1."""
    text = raw[raw.find(b"\n") + 1:].decode("latin-1")
    end = text.find("\n\n")
    block = text if end < 0 else text[:end]
    headers, name = {}, None
    for line in block.split("\n"):
        if line[:1] in (" ", "\t") and name is not None:
            headers[name][-1] += " " + line.strip()
            continue
        colon = line.find(":")
        if colon <= 0:
            name = None
            continue
        name = line[:colon].strip().lower()
        headers.setdefault(name, []).append(line[colon + 1:].strip())
    return headers


def header_str(headers, name):
    values = headers.get(name.lower())
    return values[0] if values else ""


def split_addresses(value):
    """"A, B" <a@x>, c@y (C) -> the parts between top-level commas."""
    parts, current, quoted, angle, paren = [], [], False, 0, 0
    for ch in value:
        if ch == '"' and not angle:
            quoted = not quoted
        elif not quoted:
            if ch == "<":
                angle += 1
            elif ch == ">":
                angle = max(0, angle - 1)
            elif ch == "(":
                paren += 1
            elif ch == ")":
                paren = max(0, paren - 1)
            elif ch == "," and not angle and not paren:
                parts.append("".join(current))
                current = []
                continue
        current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def parse_address(part):
    """(display name, lower-case address) of one mailbox; address "" if none."""
    m = re.search(r"<([^<>]*)>", part)
    if m:
        name, address = part[:m.start()], m.group(1)
    else:
        name, address = "", re.sub(r"\([^()]*\)", " ", part)
    address = address.strip().strip('"').strip().lower()
    if "@" not in address or " " in address:
        address = ""
    return name.strip().strip('"').strip(), address


def parse_ts(value):
    try:
        dt = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=datetime.timezone.utc)
    return int(dt.timestamp())


def addr_list(headers, *names):
    out = []
    for n in names:
        for value in headers.get(n.lower(), []):
            for part in split_addresses(value):
                address = parse_address(part)[1]
                if address:
                    out.append(address)
    return out


def domain_of(address):
    return address.rsplit("@", 1)[-1]


def is_local(address):
    d = domain_of(address)
    return d == LOCAL or d.endswith("." + LOCAL)


def registrable(domain):
    labels = domain.split(".")
    if len(labels) >= 3 and ".".join(labels[-2:]) in TWO_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def name_from_address(address):
    local = address.split("@")[0]
    return " ".join(w.capitalize() for w in re.split(r"[._]", local) if w)


def norm_subject(s):
    s = re.sub(r"\s+", " ", s).strip()
    while True:
        t = re.sub(r"(?i)^(re|fw|fwd)\s*:\s*", "", s)
        if t == s:
            return s.lower()
        s = t


def date_header(ts, rng):
    tz = datetime.timezone(datetime.timedelta(hours=rng.choice([-6, -5, -5, -4, 0, 1])))
    return datetime.datetime.fromtimestamp(ts, tz).strftime("%a, %d %b %Y %H:%M:%S %z")


def quote_from_lines(body):
    """mboxrd: a body line matching ^>*From gets one more '>'."""
    return re.sub(rb"(?m)^(>*From )", rb">\1", body)


def from_line(ts):
    return ("From holdout@generator " +
            datetime.datetime.fromtimestamp(ts, datetime.timezone.utc)
            .strftime("%a %b %d %H:%M:%S %Y") + "\n").encode()


_LOADED = {}


def load_mailbox(path):
    """The mailbox's messages as (ts, index, raw, headers) in Date order; read once."""
    if path not in _LOADED:
        _LOADED[path] = _load_mailbox(path)
    return _LOADED[path]


def _load_mailbox(path):
    with open(path, "rb") as f:
        raws = split_mbox(f.read())
    items = []
    last = ENRON_MIN
    for i, raw in enumerate(raws):
        h = headers_of(raw)
        ts = parse_ts(header_str(h, "Date"))
        if ts is None or ts < ENRON_MIN or ts > ENRON_MAX:
            ts = last  # archive order, as an estimate
        last = ts
        items.append((ts, i, raw, h))
    items.sort(key=lambda x: (x[0], x[1]))
    return items


# ---------------------------------------------------------------- randomness

class Rand:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def hex(self, n):
        return "".join(self.r.choice("0123456789abcdef") for _ in range(n))

    def alnum(self, n):
        return "".join(self.r.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
                       for _ in range(n))

    def choice(self, seq):
        return seq[self.r.randrange(len(seq))]

    def randint(self, a, b):
        return self.r.randint(a, b)

    def random(self):
        return self.r.random()

    def sample(self, seq, k):
        return self.r.sample(list(seq), k)

    def shuffle(self, seq):
        self.r.shuffle(seq)


# ---------------------------------------------------------------- history

class Correspondent:
    def __init__(self, address):
        self.address = address
        self.name = ""
        self.inbound = 0
        self.replies = 0  # messages from the organisation to this address
        self.first = None
        self.staff = []   # enron addresses it wrote to, first seen first


class Thread:
    def __init__(self, subject):
        self.subject = subject
        self.ids = []
        self.external = ""   # latest external participant
        self.staff = []      # enron participants
        self.count = 0
        self.last_ts = 0


class History:
    """What the mailbox has shown so far: the material attacks borrow."""

    def __init__(self):
        self.ext = {}
        self.staff_counts = {}
        self.internal = {}        # enron sender -> [name, count, set(wrote to)]
        self.threads = {}
        self.thread_keys = []
        self.used = set()         # senders an attack already used

    def observe(self, ts, h):
        display, sender = parse_address(header_str(h, "From"))
        if not sender:
            return
        if not display:
            xfrom = header_str(h, "X-From")
            display = re.sub(r"\s*<.*", "", xfrom).strip().strip('"')
        rcpts = addr_list(h, "To", "Cc")
        staff_rcpts = [r for r in rcpts if is_local(r)]
        for r in staff_rcpts:
            self.staff_counts[r] = self.staff_counts.get(r, 0) + 1
        if is_local(sender):
            entry = self.internal.setdefault(sender, [display or name_from_address(sender), 0, set()])
            entry[1] += 1
            entry[2].update(staff_rcpts)
            for r in rcpts:
                if not is_local(r) and r in self.ext:
                    self.ext[r].replies += 1
        else:
            c = self.ext.get(sender)
            if c is None:
                c = self.ext[sender] = Correspondent(sender)
                c.first = ts
            c.inbound += 1
            if display and "@" not in display:
                c.name = display
            for r in staff_rcpts:
                if r not in c.staff:
                    c.staff.append(r)
        key = norm_subject(header_str(h, "Subject"))
        mid = header_str(h, "Message-ID").strip()
        if len(key) < 4 or not mid:
            return
        t = self.threads.get(key)
        if t is None:
            t = self.threads[key] = Thread(re.sub(r"\s+", " ", header_str(h, "Subject")).strip())
        t.ids.append(mid)
        t.ids = t.ids[-8:]
        t.count += 1
        t.last_ts = ts
        if not is_local(sender):
            t.external = sender
        for r in [sender] + rcpts:
            if is_local(r) and r not in t.staff:
                t.staff.append(r)
        if t.count == 2:
            self.thread_keys.append(key)

    def known(self, address, ts):
        c = self.ext.get(address)
        return c is not None and c.inbound >= 3 and c.replies >= 1

    def established(self, ts):
        """Two-way correspondents with age: >= 3 messages in, a reply, 14 days."""
        out = [c for c in self.ext.values()
               if c.inbound >= 3 and c.replies >= 1 and ts - c.first >= 14 * DAY and c.staff]
        if len(out) < 5:
            out = [c for c in self.ext.values() if c.inbound >= 5 and c.staff]
        return sorted(out, key=lambda c: c.address)

    def pick_established(self, ts, rng):
        pool = self.established(ts)
        if not pool:
            return None
        fresh = [c for c in pool if c.address not in self.used]
        c = rng.choice(fresh or pool)
        self.used.add(c.address)
        return c

    def staff(self, minimum=2):
        return sorted(a for a, n in self.staff_counts.items() if n >= minimum)

    def thread(self, ts, rng):
        keys = [k for k in self.thread_keys
                if self.threads[k].external and self.threads[k].staff
                and ts - self.threads[k].last_ts < 365 * DAY]
        if not keys:
            return None
        return self.threads[rng.choice(keys)]


# ---------------------------------------------------------------- building mail

WORDS = ["remittance", "payables", "settlement", "contract", "purchase-order", "ap-docs",
         "w9-form", "quote", "escrow", "closing", "ledger", "treasury", "vendor-portal",
         "agreement", "schedule", "nomination"]
ADJ = ["quiet", "amber", "rapid", "silver", "north", "clear", "bright", "lunar"]
NOUN = ["harbor", "meadow", "canyon", "falcon", "summit", "orchard", "signal", "bridge"]
DOCS = ["Remittance Advice", "Signed Agreement", "Payment Schedule", "Q3 Reconciliation",
        "Purchase Order 4471", "Revised Rate Sheet", "Closing Statement", "Capacity Release Form"]


def fileshare_url(rng):
    """A page on a hosting or file-share platform no one here has received."""
    w = rng.choice(WORDS)
    k = rng.randint(0, 19)
    if k < 6:
        return "https://pub-%s.r2.dev/%s" % (rng.hex(32), rng.choice(
            ["statement.html", "remittance/view.html", "index.html", "doc/secure.html", "s/%s" % rng.hex(8)]))
    return [
        lambda: "https://%s-%s.netlify.app/" % (w, rng.hex(6)),
        lambda: "https://%s-%s-%s.vercel.app/auth" % (w, rng.hex(5), rng.choice(NOUN)),
        lambda: "https://%s%s.github.io/docs/" % (rng.choice(NOUN), rng.hex(4)),
        lambda: "https://%s-%s.firebaseapp.com/view.html" % (w, rng.hex(5)),
        lambda: "https://%s%s.blob.core.windows.net/$web/index.html" % (w.replace("-", ""), rng.hex(6)),
        lambda: "https://storage.googleapis.com/%s-%s/index.html" % (w, rng.hex(8)),
        lambda: "https://%s-%s.herokuapp.com/doc" % (w, rng.hex(5)),
        lambda: "https://%s-%s-%s.glitch.me/" % (rng.choice(ADJ), rng.choice(NOUN), rng.hex(4)),
        lambda: "https://%s-%s.onrender.com/" % (w, rng.hex(4)),
        lambda: "https://www.dropbox.com/scl/fi/%s/%s.pdf?rlkey=%s&dl=0" % (
            rng.alnum(15).lower(), rng.choice(DOCS).replace(" ", "_"), rng.alnum(25).lower()),
        lambda: "https://%s-%s.notion.site/%s-%s" % (w, rng.hex(6), rng.choice(DOCS).replace(" ", "-"), rng.hex(32)),
        lambda: "https://%s%s.wixsite.com/%s" % (rng.choice(NOUN), rng.hex(4), w),
        lambda: "https://sites.google.com/view/%s-%s/home" % (w, rng.hex(6)),
        lambda: "https://www.canva.com/design/DAF%s/view" % rng.alnum(8),
    ][k - 6]()


def new_domain_url(rng):
    tld = rng.choice(["com", "net", "info", "online", "co", "us"])
    return "https://%s-%s.%s/%s" % (rng.choice(WORDS), rng.hex(4), tld,
                                    rng.choice(["login", "secure/view", "doc", "portal/signin"]))


def sign_off(name):
    return "\n\nRegards,\n%s" % (name or "Accounts")


def mime(rng, text, html, shape=None):
    """Headers and body for one of several MIME shapes. `text` may be None
    when the lure needs HTML (a masked link)."""
    shapes = ["plain", "html", "html-qp", "alt", "alt-qp", "mixed"]
    if text is None:
        shapes = ["html", "html-qp", "alt", "alt-qp", "mixed"]
    shape = shape or rng.choice(shapes)
    html_doc = "<html><head><meta charset=\"utf-8\"></head><body>%s</body></html>" % html
    plain = text if text is not None else re.sub(r"<[^>]+>", "", html)
    if shape == "plain":
        return "Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n", plain + "\n"
    if shape == "html":
        return "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 7bit\n", html_doc + "\n"
    if shape == "html-qp":
        return ("Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n",
                quopri.encodestring(html_doc.encode()).decode() + "\n")
    boundary = "----=_Part_%s" % rng.hex(16)
    qp = shape == "alt-qp"
    if qp:
        hpart = ("Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
                 + quopri.encodestring(html_doc.encode()).decode())
    else:
        hpart = "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 7bit\n\n" + html_doc
    alt = ("--%s\nContent-Type: text/plain; charset=us-ascii\n\n%s\n--%s\n%s\n--%s--\n"
           % (boundary, plain, boundary, hpart, boundary))
    if shape != "mixed":
        return "Content-Type: multipart/alternative; boundary=\"%s\"\n" % boundary, alt
    outer = "----=_Mixed_%s" % rng.hex(12)
    body = ("This is a multi-part message in MIME format.\n\n--%s\n"
            "Content-Type: multipart/alternative; boundary=\"%s\"\n\n%s\n--%s\n"
            "Content-Type: text/plain; name=\"notice.txt\"\nContent-Disposition: attachment; filename=\"notice.txt\"\n\n"
            "This message and any attachments are confidential.\n--%s--\n"
            % (outer, boundary, alt, outer, outer))
    return "Content-Type: multipart/mixed; boundary=\"%s\"\n" % outer, body


def named(name, address):
    if not name:
        return address
    return "\"%s\" <%s>" % (name.replace('"', ""), address)


def assemble(ts, rng, mid, sender, to, subject, text, html, extra="", shape=None):
    ctype, body = mime(rng, text, html, shape)
    to = ",\n\t".join(to.split(", "))  # folded: header lines stay short
    head = ("Message-ID: <%s>\nDate: %s\nFrom: %s\nTo: %s\nSubject: %s\n%sMIME-Version: 1.0\n%s"
            % (mid, date_header(ts, rng), sender, to, subject, extra, ctype))
    raw = (head + "\n" + body).encode()
    return from_line(ts) + quote_from_lines(raw)


def anchor(url, shown):
    return "<a href=\"%s\">%s</a>" % (url, shown)


# Look-alike mutations of a registrable domain, as an attacker registers them.
DIGITS = {"o": "0", "l": "1", "i": "1", "e": "3", "s": "5", "a": "4", "b": "8"}
CONFUSE = {"m": "rn", "w": "vv", "d": "cl"}
TLDS = {"com": ["net", "org", "co", "us"], "net": ["com", "org"], "org": ["com", "net"],
        "edu": ["org", "com"]}


def lookalike_domain(domain, rng, kind):
    reg = registrable(domain)
    label, _, tld = reg.partition(".")
    if kind == "transposition":
        spots = [i for i in range(len(label) - 1) if label[i] != label[i + 1] and label[i].isalpha() and label[i + 1].isalpha()]
        if not spots:
            return None
        i = rng.choice(spots)
        label = label[:i] + label[i + 1] + label[i] + label[i + 2:]
    elif kind == "digit":
        spots = [i for i, c in enumerate(label) if c in DIGITS]
        if not spots:
            return None
        i = rng.choice(spots)
        label = label[:i] + DIGITS[label[i]] + label[i + 1:]
    elif kind == "confusable":
        spots = [i for i, c in enumerate(label) if c in CONFUSE]
        if not spots:
            return None
        i = rng.choice(spots)
        label = label[:i] + CONFUSE[label[i]] + label[i + 1:]
    elif kind == "label":
        label = label + rng.choice(["-billing", "-secure", "-payments", "-accounts"])
    elif kind == "tld":
        first = tld.split(".")[-1]
        tld = rng.choice(TLDS.get(first, ["com", "net"]))
    out = label + "." + tld
    return None if out == reg else out


BRAND_WORDS = ["microsoft", "docusign", "office365", "paypal", "adobe", "dropbox", "outlook",
               "onedrive", "wellsfargo", "secureonline", "amazon", "chasebank", "accountverify",
               "sharepoint", "payroll", "webmail"]
TOKEN_SUBS = [("m", "rn"), ("o", "0"), ("l", "1"), ("i", "1"), ("e", "3"), ("s", "5"),
              ("a", "4"), ("w", "vv")]


def disguised_token(rng):
    word = rng.choice(BRAND_WORDS)
    subs = [(a, b) for a, b in TOKEN_SUBS if a in word]
    a, b = rng.choice(subs)
    positions = [m.start() for m in re.finditer(a, word)]
    i = rng.choice(positions)
    word = word[:i] + b + word[i + len(a):]
    return word + rng.choice(["-docs", "-billing", "-secure", "-portal", "-files", "", "-share"])


def token_url(rng, tok):
    return rng.choice([
        lambda: "https://%s.s3.amazonaws.com/index.html" % tok,
        lambda: "https://s3.us-east-2.amazonaws.com/%s/view.html" % tok,
        lambda: "https://storage.googleapis.com/%s/review.html" % tok,
        lambda: "https://%s.blob.core.windows.net/$web/login.html" % tok.replace("-", ""),
        lambda: "https://firebasestorage.googleapis.com/v0/b/%s.appspot.com/o/doc.html?alt=media" % tok,
        lambda: "https://%s.netlify.app/" % tok,
        lambda: "https://%s.web.app/invoice" % tok,
        lambda: "https://%s-%s.pages.dev/" % (tok, rng.hex(3)),
    ])()


class Builder:
    def __init__(self, mailbox, rng, hist):
        self.mailbox = mailbox
        self.rng = rng
        self.h = hist
        self.serial = 0
        self.familiar = []  # (platform, tenant host) the setup messages made known

    def mid(self, family, domain):
        self.serial += 1
        return "holdout-%s-%s-%d.%s@%s" % (family, self.mailbox.split("-")[0], self.serial,
                                           self.rng.hex(6), domain)

    def build(self, family, ts):
        return getattr(self, "b_" + family.replace("-", "_"))(ts)

    def _org(self, c):
        return registrable(domain_of(c.address)).split(".")[0].capitalize()

    # known sender, link text shows one domain, href goes to another
    def b_masked_link(self, ts):
        r, c = self.rng, self.h.pick_established(ts, self.rng)
        if c is None:
            return None
        dom = domain_of(c.address)
        shown = r.choice(["https://www.%s/billing/statement" % registrable(dom),
                          "www.%s/portal" % registrable(dom),
                          "https://ei.enron.com/ap/invoices",
                          "https://www.fedex.com/apps/fedextrack/?tracknumbers=7712%s" % r.hex(6),
                          "https://secure.bankofamerica.com/login"])
        href = fileshare_url(r) if r.random() < 0.4 else new_domain_url(r)
        subj = r.choice(["Invoice %s - updated" % r.randint(10000, 99999), "Statement of account",
                         "Shipment documents", "Your access to the %s portal" % self._org(c)])
        html = ("<p>Hello,</p><p>The updated document is posted here: %s</p><p>Let me know if anything is missing.</p><p>%s</p>"
                % (anchor(href, shown), c.name or self._org(c)))
        to = c.staff[-1]
        return self.mid("masked-link", dom), c.address, named(c.name, c.address), to, subj, None, html, "", [to]

    def _hijack(self, ts, family):
        r, t = self.rng, self.h.thread(ts, self.rng)
        if t is None:
            return None
        c = self.h.ext.get(t.external)
        staff = t.staff[:3]
        if family == "hijack-participant":
            sender_addr = t.external
            sender = named(c.name if c else "", sender_addr)
        else:
            first = r.choice(["Karen", "Mike", "Sandra", "Tom", "Julia", "Raj"])
            last = r.choice(["Doyle", "Pratt", "Owens", "Kessler", "Moreau", "Iyer"])
            dom = "%s%s.%s" % (r.choice(["amerigas", "pinnacle", "northstar", "crestline", "gulfway"]),
                               r.choice(["-energy", "-trading", "-group", "llc", "-partners"]),
                               r.choice(["com", "net"]))
            sender_addr = "%s.%s@%s" % (first.lower(), last.lower(), dom)
            sender = named("%s %s" % (first, last), sender_addr)
        extra = "In-Reply-To: <%s>\nReferences: %s\n" % (
            t.ids[-1].strip("<>"), " ".join("<%s>" % i.strip("<>") for i in t.ids))
        url = fileshare_url(r) if r.random() < 0.6 else new_domain_url(r)
        shown = r.choice(["marked-up version", "here", "the revised draft", url, "Open shared file"])
        lead = r.choice(["See my comments in the {}.", "The numbers we discussed are in {}.",
                         "Following up on this - please review and confirm by end of day: {}"])
        quoted = "-----Original Message-----\nSubject: %s" % t.subject
        html = "<p>%s</p><p>Thanks</p><blockquote>%s</blockquote>" % (
            lead.format(anchor(url, shown)), quoted.replace("\n", "<br>"))
        text = "%s\n%s\n\nThanks\n\n%s" % (lead.format(shown), url, quoted)
        subj = t.subject if re.match(r"(?i)^re:", t.subject) else "RE: " + t.subject
        return (self.mid(family, domain_of(sender_addr)), sender_addr, sender, ", ".join(staff), subj,
                text, html, extra, staff)

    def b_hijack_participant(self, ts):
        return self._hijack(ts, "hijack-participant")

    def b_hijack_outsider(self, ts):
        return self._hijack(ts, "hijack-outsider")

    # a first contact, recipients hidden (BCC): envelope only in Delivered-To
    def b_bcc_new_sender(self, ts):
        r = self.rng
        staff = self.h.staff(3)
        if len(staff) < 4:
            return None
        rcpts = r.sample(staff, min(len(staff), r.randint(3, 8)))
        firm = "%s%s" % (r.choice(["bayline", "corvex", "stratmoor", "halden", "tessaro", "quinlan"]),
                         r.choice(["-advisory", "group", "-capital", "-solutions", "partners"]))
        dom = "%s-%s.%s" % (firm, r.hex(3), r.choice(["com", "net", "biz"]))
        first = r.choice(["Elena", "Victor", "Grace", "Owen", "Nadia", "Ross"])
        addr = "%s@%s" % (first.lower(), dom)
        to = r.choice(["undisclosed-recipients:;", addr, "info@%s" % dom])
        url = r.choice([fileshare_url(r), new_domain_url(r), "https://www.%s/rfp/%s" % (dom, r.hex(6))])
        subj = r.choice(["Invitation to bid - %s" % r.choice(DOCS), "RFP response package",
                         "Secure document shared with you", "Vendor onboarding packet"])
        text = ("Good afternoon,\n\nPlease review the attached package ahead of next week's deadline:\n%s\n%s"
                % (url, sign_off(first)))
        html = "<p>Good afternoon,</p><p>Please review the package ahead of next week's deadline: %s</p><p>%s</p>" % (
            anchor(url, r.choice(["View package", "Download", url])), first)
        hdr = r.choice(["Delivered-To", "X-Original-To"])
        extra = "".join("%s: %s\n" % (hdr, x) for x in rcpts)
        return self.mid("bcc-new-sender", dom), addr, named(first + " " + r.choice(["Hale", "Brandt", "Cole"]), addr), to, subj, text, html, extra, rcpts

    def _known_link(self, ts, family, url_fn, subjects, leads):
        r, c = self.rng, self.h.pick_established(ts, self.rng)
        if c is None:
            return None
        url = url_fn(c)
        if url is None:
            return None
        org = self._org(c)
        subj = r.choice(subjects).format(org=org, n=r.randint(1000, 9999))
        lead = r.choice(leads).format(org=org)
        shown = r.choice(["View Document", "Open", "Access file", "Review & Sign", url, "%s statement" % org])
        text = "Hello,\n\n%s\n%s%s" % (lead, url, sign_off(c.name or org))
        html = "<p>Hello,</p><p>%s</p><p>%s</p><p>%s</p>" % (lead, anchor(url, shown), c.name or org)
        to = c.staff[-1]
        if len(c.staff) > 1 and r.random() < 0.3:
            to = ", ".join(c.staff[-2:])
        return self.mid(family, domain_of(c.address)), c.address, named(c.name, c.address), to, subj, text, html, "", to.split(", ")

    def b_vendor_fileshare(self, ts):
        return self._known_link(
            ts, "vendor-fileshare", lambda c: fileshare_url(self.rng),
            ["Remittance confirmation - {org}", "Payment advice {n}", "{org}: documents for your review",
             "Outstanding balance reconciliation", "Shared: contract amendment for signature"],
            ["We have shared the documents securely; please use the link below.",
             "Our accounts team posted the remittance details here.",
             "Please review and sign at your earliest convenience."])

    def b_new_tenant(self, ts):
        if not self.familiar:
            return None
        r = self.rng

        def url(c):
            platform = r.choice(sorted(set(p for p, _ in self.familiar)))
            tenant = "%s%s" % (r.choice(["northwind", "contoso", "fabrikam", "tailspin", "adventure",
                                         "litware", "proseware", "wingtip"]), r.hex(3))
            if platform == "sharepoint.com":
                return "https://%s%s.sharepoint.com/:b:/s/Finance/E%s?e=%s" % (
                    tenant, r.choice(["", "-my"]), r.alnum(22), r.alnum(6))
            if platform == "box.com":
                return "https://%s.app.box.com/s/%s" % (tenant, r.alnum(32).lower())
            return "https://%s-%s.s3.amazonaws.com/shared/%s.html" % (tenant, r.choice(WORDS), r.hex(6))
        return self._known_link(
            ts, "new-tenant", url,
            ["{org} shared \"{n} Statement\" with you", "Files for review", "Updated payment instructions",
             "RE: {org} account documents"],
            ["I have shared a folder with you; it holds the updated documents.",
             "Please find the files on our SharePoint below.",
             "The signed copy is available from the link below."])

    def b_lookalike_sender(self, ts):
        r = self.rng
        pool = [c for c in self.h.established(ts) if registrable(domain_of(c.address)) not in FREEMAIL]
        pool = [c for c in pool if c.address not in self.h.used] or pool
        if not pool:
            return None
        c = r.choice(pool)
        self.h.used.add(c.address)
        kinds = ["transposition", "digit", "confusable", "label", "tld"]
        r.shuffle(kinds)
        fake = None
        for k in kinds:
            fake = lookalike_domain(domain_of(c.address), r, k)
            if fake:
                break
        if not fake:
            return None
        dom = domain_of(c.address)
        # keep a partner's mail host label sometimes: mail.acmecorp.com -> mail.acmecrop.com
        host_prefix = dom[: len(dom) - len(registrable(dom))]
        fake_host = (host_prefix if r.random() < 0.5 else "") + fake
        local = c.address.split("@")[0]
        if r.random() < 0.3:
            local = r.choice(["accounts", "ap", "billing", "finance"])
        addr = "%s@%s" % (local, fake_host)
        org = self._org(c)
        subj = r.choice(["Change of bank details - %s" % org, "Invoice %d overdue" % r.randint(2000, 8000),
                         "Updated wire instructions", "RE: payment this week"])
        if r.random() < 0.65:
            url = fileshare_url(r) if r.random() < 0.5 else new_domain_url(r)
            lead = "The new remittance form is here: %s" % url
            html = "<p>Hi,</p><p>The new remittance form is %s.</p><p>%s</p>" % (anchor(url, "here"), c.name or org)
        else:
            lead = ("We have changed banks. Please update our remittance details before the next payment "
                    "run and confirm by reply; the new account details follow in a separate message.")
            html = "<p>Hi,</p><p>%s</p><p>%s</p>" % (lead, c.name or org)
        text = "Hi,\n\n%s%s" % (lead, sign_off(c.name or org))
        to = c.staff[-1]
        return self.mid("lookalike-sender", fake_host), addr, named(c.name, addr), to, subj, text, html, "", [to]

    def b_lookalike_token(self, ts):
        return self._known_link(
            ts, "lookalike-token", lambda c: token_url(self.rng, disguised_token(self.rng)),
            ["Document shared: {org} invoice {n}", "Please verify payment details", "{org} secure message",
             "Signature requested"],
            ["A document has been shared with you securely.",
             "Please sign in to view the secure message from {org}.",
             "Kindly review the attached invoice through our secure portal."])

    # an enron.com account mailing ~30 colleagues it never wrote to
    def b_lateral(self, ts):
        r = self.rng
        senders = sorted(a for a, e in self.h.internal.items() if e[1] >= 3 and a not in self.h.used)
        staff = self.h.staff(1)
        r.shuffle(senders)
        for s in senders[:20]:
            name, _, wrote = self.h.internal[s]
            pool = [a for a in staff if a != s and a not in wrote]
            if len(pool) < 15:
                continue
            self.h.used.add(s)
            rcpts = sorted(r.sample(pool, min(len(pool), r.randint(25, 35))))
            doc = r.choice(DOCS + ["Benefits Enrollment Form", "Updated Expense Policy", "Org Chart Acknowledgement"])
            url = fileshare_url(r)
            subj = r.choice(["Please sign: %s" % doc, "Action required: e-sign the %s" % doc,
                             "%s awaiting your signature" % doc, "FW: %s - please review and sign" % doc])
            text = "All,\n\nPlease review and sign the %s by Friday:\n%s\n\nThanks,\n%s" % (doc, url, name)
            html = "<p>All,</p><p>Please review and sign the %s by Friday: %s</p><p>Thanks,<br>%s</p>" % (
                doc, anchor(url, r.choice(["Review & Sign", "Open document", url])), name)
            if r.random() < 0.5:
                to, extra = ", ".join(rcpts), ""
            else:
                to, extra = s, "".join("Delivered-To: %s\n" % x for x in rcpts)
            return self.mid("lateral", "enron.com"), s, named(name, s), to, subj, text, html, extra, rcpts
        return None

    # legitimate: the organisation's own use of a platform (its own tenant),
    # from a staff member to colleagues or to a correspondent. This is what
    # makes the platform familiar before the new-tenant attacks come.
    def setup_tenant(self, ts, platform):
        r = self.rng
        senders = sorted(a for a, e in self.h.internal.items() if e[1] >= 3 and e[2])
        if not senders:
            return None
        s = r.choice(senders)
        name, _, wrote = self.h.internal[s]
        dept = r.choice(["Gas Logistics", "Risk Management", "Legal", "Structuring", "Accounting"])
        if platform == "sharepoint.com":
            url = r.choice(["https://enron.sharepoint.com/sites/%s/Shared%%20Documents/%s.xlsx" % (
                                dept.replace(" ", ""), r.choice(DOCS).replace(" ", "%20")),
                            "https://enron-my.sharepoint.com/:x:/g/personal/%s/E%s" % (
                                s.split("@")[0].replace(".", "_"), r.alnum(22))])
        elif platform == "box.com":
            url = "https://enron.app.box.com/s/%s" % r.alnum(32).lower()
        else:
            url = "https://enron-%s.s3.amazonaws.com/%s.pdf" % (dept.split()[0].lower(), r.hex(10))
        self.familiar.append((platform, url))
        ext = [c for c in self.h.established(ts) if s in c.staff or c.replies]
        if ext and r.random() < 0.5:
            rcpts = [r.choice(ext).address]
        else:
            rcpts = sorted(wrote)[:3]
        text = "Hi,\n\nThe latest version is on our %s site: %s\n\n%s" % (platform, url, name)
        html = "<p>Hi,</p><p>The latest version is %s.</p><p>%s</p>" % (anchor(url, "on our site"), name)
        return (self.mid("legit-setup", "enron.com"), s, named(name, s), ", ".join(rcpts),
                "Latest version: %s" % r.choice(DOCS), text, html, "", rcpts)


def render(builder, built, ts):
    mid, addr, sender, to, subj, text, html, extra, rcpts = built
    return mid, assemble(ts, builder.rng, mid, sender, to, subj, text, html, extra)


# ---------------------------------------------------------------- generation

def legit_class(h, hist, ts):
    sender = parse_address(header_str(h, "From"))[1]
    if not sender:
        return "unknown"
    if is_local(sender):
        rcpts = addr_list(h, "To", "Cc", "Bcc")
        if rcpts and all(is_local(x) for x in rcpts):
            return "internal"
        return "outbound"
    return "inbound-known" if hist.known(sender, ts) else "inbound"


def write_holdout(corpus, out, mailbox, rng, manifest, carried):
    """Writes holdout-MAILBOX.mbox; `carried` are attacks earlier mailboxes
    could not build (too little history), added here. Returns what this
    mailbox could not build in turn."""
    items = load_mailbox(os.path.join(corpus, "enron", mailbox + ".mbox"))
    n = len(items)
    hist = History()
    b = Builder(mailbox, rng, hist)
    plan = []  # (index, order, kind)
    for f in FAMILIES:
        for _ in range(PER_MAILBOX):
            plan.append((rng.randint(int(n * 0.35), int(n * 0.97)), f))
    for f in carried:
        plan.append((rng.randint(int(n * 0.35), int(n * 0.9)), f))
    setups = ["sharepoint.com", "box.com", "s3.amazonaws.com"] * 3
    for i, p in enumerate(setups):
        plan.append((int(n * 0.15) + i * max(1, n // 50), "setup:" + p))
    plan.sort(key=lambda x: (x[0], x[1]))
    pending = []
    chunks = []
    pi = 0
    for idx, (ts, _, raw, h) in enumerate(items):
        while pi < len(plan) and plan[pi][0] <= idx:
            pending.append(plan[pi][1])
            pi += 1
        still = []
        for kind in pending:
            t = ts + rng.randint(60, 1800)
            if kind.startswith("setup:"):
                built = b.setup_tenant(t, kind[6:])
                fam, cls = "setup", "legit-setup"
            else:
                built = b.build(kind, t)
                fam, cls = kind, "attack"
            if built is None:
                still.append(kind)
                continue
            mid, data = render(b, built, t)
            chunks.append(data)
            manifest.append((mid, "holdout-" + mailbox, cls, fam, str(len(built[8]))))
        pending = still
        mid = header_str(h, "Message-ID").strip().strip("<>")
        manifest.append((mid, "holdout-" + mailbox, legit_class(h, hist, ts), "-", ""))
        chunks.append(raw)
        hist.observe(ts, h)
    write(out, "holdout-%s.mbox" % mailbox, chunks)
    return [k for k in pending if not k.startswith("setup:")]


def ensure_blank(data):
    if not data.endswith(b"\n"):
        data += b"\n"
    if not data.endswith(b"\n\n"):
        data += b"\n"
    return data


def write(out, name, chunks):
    with open(os.path.join(out, name), "wb") as f:
        for c in chunks:
            f.write(ensure_blank(c))


def scenario_mailbox(corpus, name, at, build, manifest, tag):
    """The mailbox with scenario messages injected from position `at` on."""
    items = load_mailbox(os.path.join(corpus, "enron", name + ".mbox"))
    hist = History()
    chunks, start = [], int(len(items) * at)
    injected = None
    for idx, (ts, _, raw, h) in enumerate(items):
        if idx == start:
            injected = build(hist, ts)
            for mid, t, data, cls, extra in injected:
                chunks.append(data)
                manifest.append((mid, tag, cls, tag, extra))
        mid = header_str(h, "Message-ID").strip().strip("<>")
        manifest.append((mid, tag, legit_class(h, hist, ts), "-", ""))
        chunks.append(raw)
        hist.observe(ts, h)
    return chunks, injected


def adopt_build(rng):
    def build(hist, ts):
        pool = [c for c in hist.established(ts) if registrable(domain_of(c.address)) not in FREEMAIL]
        by_org = {}
        for c in pool:
            by_org.setdefault(registrable(domain_of(c.address)), []).append(c)
        orgs = sorted(by_org, key=lambda o: (-len(by_org[o]), o))
        chosen = []
        # one per organisation first (up to 10 organisations), then a second from the largest
        for o in orgs[:10]:
            chosen.append(by_org[o][0])
        for o in orgs:
            for c in by_org[o][1:]:
                if len(chosen) < 15:
                    chosen.append(c)
        for o in orgs[10:]:
            if len(chosen) < 15:
                chosen.append(by_org[o][0])
        chosen = chosen[:15]
        rng.shuffle(chosen)
        out = []
        # first message of each adopter in order over ~10 days, second a few days later
        events = []
        for k, c in enumerate(chosen):
            t1 = ts + DAY + k * int(0.6 * DAY) + rng.randint(0, 3600)
            events.append((t1, k, c, 1))
            events.append((t1 + rng.randint(2 * DAY, 4 * DAY), k, c, 2))
        events.sort(key=lambda e: (e[0], e[1], e[3]))
        for pos, (t, k, c, nth) in enumerate(events):
            url = "https://wetransfer.com/downloads/%s/%s" % (rng.hex(32), rng.hex(6))
            mid = "holdout-adopt-%d-%d.%s@%s" % (k + 1, nth, rng.hex(6), domain_of(c.address))
            org = registrable(domain_of(c.address)).split(".")[0].capitalize()
            text = ("Hi,\n\nThe files are too large for email, so I sent them through WeTransfer; the link "
                    "expires in 7 days:\n%s%s" % (url, sign_off(c.name or org)))
            html = "<p>Hi,</p><p>The files are too large for email, so I sent them through WeTransfer " \
                   "(the link expires in 7 days): %s</p><p>%s</p>" % (anchor(url, "Download files"), c.name or org)
            subj = rng.choice(["Files via WeTransfer", "%s data files" % org, "Large files for review"])
            data = assemble(t, rng, mid, named(c.name, c.address), c.staff[-1], subj, text, html)
            out.append((mid, t, data, "legit-adopt", "%d:%d:%s" % (k + 1, nth, registrable(domain_of(c.address)))))
        return out
    return build


def repeat_build(rng):
    def build(hist, ts):
        pool = [c for c in hist.established(ts) if registrable(domain_of(c.address)) not in FREEMAIL]
        pool = pool or hist.established(ts)
        pool.sort(key=lambda c: (-c.inbound, c.address))
        c = pool[0]
        staff = hist.staff(2)
        rcpts = [s for s in c.staff] + [s for s in staff if s not in c.staff]
        rcpts = rcpts[:40]
        while len(rcpts) < 40:
            rcpts = rcpts + rcpts
        rcpts = rcpts[:40]
        url = "https://pub-%s.r2.dev/statement.html" % rng.hex(32)
        org = registrable(domain_of(c.address)).split(".")[0].capitalize()
        out = []
        for k, to in enumerate(rcpts):
            t = ts + DAY + k * int(0.25 * DAY) + rng.randint(0, 1800)
            mid = "holdout-repeat-%d.%s@%s" % (k + 1, rng.hex(6), domain_of(c.address))
            text = "Hello,\n\nNew approved statement from %s:\n%s%s" % (org, url, sign_off(c.name or org))
            html = "<p>Hello,</p><p>New approved statement from %s: %s</p><p>%s</p>" % (
                org, anchor(url, "View Statement"), c.name or org)
            data = assemble(t, rng, mid, named(c.name, c.address), to, "New Approved Statement From %s" % org,
                            text, html)
            out.append((mid, t, data, "attack", "%d:%s" % (k + 1, c.address)))
        return out
    return build


REPLACE = {"to", "cc", "bcc", "delivered-to", "x-original-to", "date", "message-id", "x-rapport-score",
           "x-rapport-signals"}


def readdress(raw, mid, to, ts, rng):
    """A phishing message with new recipients, Date and Message-ID; body untouched."""
    first_nl = raw.find(b"\n") + 1
    msg = raw[first_nl:]
    sep = msg.find(b"\n\n")
    head, body = (msg, b"") if sep < 0 else (msg[:sep + 1], msg[sep + 1:])
    kept, skip = [], False
    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t") and kept is not None:
            if not skip:
                kept.append(line)
            continue
        name = line.split(b":", 1)[0].strip().lower().decode("latin-1")
        skip = name in REPLACE
        if not skip and line:
            kept.append(line)
    new = ("Message-ID: <%s>\nDate: %s\nTo: %s\nDelivered-To: %s\n" % (mid, date_header(ts, rng), to, to)).encode()
    return from_line(ts) + new + b"\n".join(kept) + b"\n" + body


def write_phishing(corpus, out, rng, staff, base_ts, manifest):
    sets = {"phish-pot": ["phishing_pot-sample.mbox"],
            "phish-nazario": ["nazario-phishing0.mbox", "nazario-phishing1.mbox", "nazario-20051114.mbox"]}
    counts = {}
    for name, files in sets.items():
        seen, chunks, k = set(), [], 0
        for fn in files:
            with open(os.path.join(corpus, "phishing", fn), "rb") as f:
                raws = split_mbox(f.read())
            for raw in raws:
                digest = hashlib.sha256(raw[raw.find(b"\n") + 1:]).hexdigest()
                if digest in seen:
                    continue
                seen.add(digest)
                k += 1
                ts = base_ts + k * 1800 + rng.randint(0, 1200)
                mid = "holdout-%s-%d@phish.invalid" % (name, k)
                to = rng.choice(staff)
                chunks.append(readdress(raw, mid, to, ts, rng))
                manifest.append((mid, name, "phish", name, ""))
        write(out, name + ".mbox", chunks)
        counts[name] = k
    return counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--only", choices=["all", "small"], default="all",
                    help="small: only beck-s with its attacks (the CI test)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    manifest = []
    plan = []
    if args.only == "small":
        write_holdout(args.corpus, args.out, "beck-s", Rand(args.seed), manifest, [])
    else:
        # williams-w3 has few threads with outsiders: it goes first, so what
        # it cannot build is carried to the mailboxes after it.
        carried = []
        for mb in ["williams-w3"] + [m for m in MAILBOXES if m != "williams-w3"]:
            carried = write_holdout(args.corpus, args.out, mb, Rand(args.seed * 100 + MAILBOXES.index(mb)),
                                    manifest, carried)
            if carried:
                plan.append("%s: carried to the next mailbox for want of history: %s" % (mb, carried))
        chunks, inj = scenario_mailbox(args.corpus, "kaminski-v", 0.6, adopt_build(Rand(args.seed + 1)),
                                       manifest, "scenario-adopt")
        write(args.out, "scenario-adopt.mbox", chunks)
        plan.append("scenario-adopt: kaminski-v at 60%%, %d messages from %d organisations" % (
            len(inj), len(set(x[4].split(":")[2] for x in inj))))
        chunks, inj = scenario_mailbox(args.corpus, "farmer-d", 0.6, repeat_build(Rand(args.seed + 2)),
                                       manifest, "scenario-repeat")
        write(args.out, "scenario-repeat.mbox", chunks)
        plan.append("scenario-repeat: farmer-d at 60%%, sender %s" % inj[0][4].split(":", 1)[1])
        # phishing: to staff who receive mail in several mailboxes, after the Enron history
        counts, last = {}, []
        for mb in MAILBOXES:
            for ts, _, raw, h in load_mailbox(os.path.join(args.corpus, "enron", mb + ".mbox")):
                last.append(ts)
                for a in addr_list(h, "To"):
                    if is_local(a):
                        counts[a] = counts.get(a, 0) + 1
        staff = sorted(a for a, n in counts.items() if n >= 20)
        last.sort()
        base = last[int(len(last) * 0.995)] + DAY
        got = write_phishing(args.corpus, args.out, Rand(args.seed + 3), staff, base, manifest)
        plan.append("phishing: %s, to %d Enron staff, from %s on" % (
            got, len(staff), datetime.datetime.fromtimestamp(base, datetime.timezone.utc).date()))
    with open(os.path.join(args.out, "manifest.tsv"), "w") as f:
        for row in manifest:
            f.write("\t".join(row) + "\n")
    with open(os.path.join(args.out, "plan.txt"), "w") as f:
        f.write("\n".join(plan) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
