#!/usr/bin/env python3
"""blind4 generator: writes the five owned Enron mailboxes with attacks
injected in Date order, each built only from what the mailbox showed before
the attack's Date, and two scenario copies (adoption, compromised vendor).

usage: gen.py --corpus DIR --out DIR --owner MAILBOX=ADDRESS... [--seed N]

Writes OUT/MAILBOX.mbox, OUT/scen-adoption.mbox, OUT/scen-vendor.mbox,
OUT/manifest.jsonl (one line per injected message: mailbox, message_id,
kind, family, ...) and OUT/legit.jsonl (the archive's own messages of the
main copies: mailbox, message_id, subject). Every injected message carries
X-Blind4-Id: KIND/FAMILY/SERIAL, which only tabulate.py and check.py read.
"""
import bisect
import hashlib
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(1, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import mbox4 as M  # noqa: E402
import owned_arguments as A  # noqa: E402

DAY = M.DAY
MAILBOXES = ["beck-s", "farmer-d", "kaminski-v", "lokay-m", "williams-w3"]
FAMILIES = ["masked", "hijack-in", "hijack-out", "bcc-new", "vendor-platform", "new-tenant",
            "lookalike", "cloud-token", "lateral"]
PER_FAMILY = 20

# ---- vocabulary of this generator (its own) ----
ATK_W1 = ["ledgerly", "northgate", "clearvane", "meridio", "fileport", "veritas-docs", "keyston",
          "bluepine", "harborline", "quantiva", "ambergate", "corvex", "tallowell", "brightrun",
          "silvercrest", "oakmere", "primeledger", "stonebay"]
ATK_W2 = ["hub", "cloud", "share", "desk", "online", "portal", "vault", "link", "view", "access"]
ATK_TLD = ["com", "net", "io", "co", "app", "live", "online", "site", "info"]
PATHS = ["doc", "view", "s", "file", "d", "review", "secure", "open", "shared"]
FILE_PLATFORMS = [  # first-seen file-share / transfer platforms (family vendor-platform)
    ("wetransfer.com", lambda r: "https://wetransfer.com/downloads/%s/%s" % (hx(r, 32), hx(r, 6))),
    ("we.tl", lambda r: "https://we.tl/t-%s" % an(r, 10)),
    ("fromsmash.com", lambda r: "https://fromsmash.com/%s" % an(r, 11)),
    ("filemail.com", lambda r: "https://www.filemail.com/d/%s" % lower(r, 16)),
    ("gofile.io", lambda r: "https://gofile.io/d/%s" % an(r, 6)),
    ("filetransfer.io", lambda r: "https://filetransfer.io/data-package/%s#link" % an(r, 8)),
    ("mega.nz", lambda r: "https://mega.nz/file/%s#%s" % (an(r, 8), an(r, 22))),
    ("pcloud.link", lambda r: "https://u.pcloud.link/publink/show?code=XZ%s" % an(r, 28)),
    ("files.fm", lambda r: "https://files.fm/u/%s" % lower(r, 10)),
    ("icedrive.net", lambda r: "https://icedrive.net/s/%s" % an(r, 18)),
]
ADOPTION_PLATFORM = "send.tresorit.com"
TENANT_PLATFORMS = ["sharefile.com", "egnyte.com", "sites.google.com"]
CLOUD_HOSTS = ["gcs", "s3", "azure", "do", "wasabi"]
BRAND_TOKENS = ["d0cusign-review", "m1crosoft-fileshare", "ad0be-esign", "0nedrive-secure",
                "sharep0int-docs", "0ffice365-portal", "dr0pbox-transfer", "paypa1-invoices",
                "intu1t-billing", "enr0n-payables", "enr0n-remittance", "citibank-secur3"]
LOOK_SUFFIX = ["-remit", "-accounts", "-ap", "-portal", "-payments", "-invoicing"]
NEW_ORGS = ["calloway-advisory", "penbrook-capital", "ridgefield-energy", "westmark-consult",
            "trilane-partners", "halvorsen-group", "crestpoint-supply", "ashby-legal",
            "mercer-bay", "lindqvist-ts", "norland-procure", "fairhaven-assoc", "orbis-sourcing",
            "kestrel-risk", "dunmore-holdings", "granton-services", "sable-analytics",
            "bramwell-tech", "carrow-logistics", "pellham-audit", "vantor-group", "elmstead-co"]
FIRST = ["Laura", "Derek", "Nina", "Marcus", "Priya", "Owen", "Helen", "Victor", "Tamsin",
         "Gareth", "Ines", "Rohan", "Carla", "Felix", "Maren", "Julian", "Sonia", "Aaron"]
LAST = ["Whitcombe", "Alvarado", "Brennan", "Okafor", "Lindgren", "Castellanos", "Fairley",
        "Nakamura", "Rourke", "Desai", "Holloway", "Petrov", "Ashdown", "Quintero", "Mallory"]

# Lure wordings: (subject, opening line, link label). Several per family.
LURES = {
    "masked": [
        ("Updated remittance advice", "Please find our updated remittance advice for the last cycle.", "Open remittance advice"),
        ("Revised rate schedule", "We have posted the revised rate schedule for next month; please review before Friday.", "View revised schedule"),
        ("Invoice {n} now available", "Invoice {n} has been issued and is available on our customer site.", "Download invoice"),
        ("Contract amendment for signature", "The amendment we discussed is ready for your review and signature.", "Review amendment"),
        ("Statement of account", "Your statement of account for the quarter is ready.", "See statement"),
    ],
    "hijack-in": [
        ("", "Following up on this - the supporting documents are now in the folder below.", "supporting documents"),
        ("", "Apologies for the delay. I've put the revised version here, please take a look before we finalise.", "revised version"),
        ("", "As discussed, our finance team needs you to confirm the details on this page today.", "confirmation page"),
        ("", "Attached the final numbers via the link, our system would not let me attach them directly.", "final numbers"),
    ],
    "hijack-out": [
        ("", "I'm covering this while my colleague is out. The updated file is below, kindly review.", "updated file"),
        ("", "Adding myself to this thread on behalf of our accounts team - please use the link to confirm.", "confirm here"),
        ("", "Per the note below, the documents have been uploaded. Access them here.", "access documents"),
        ("", "Re-sending the latest draft since the earlier one bounced.", "latest draft"),
    ],
    "bcc-new": [
        ("Proposal for your review", "We have prepared a proposal for your team and would welcome your feedback.", "View proposal"),
        ("Request for quotation {n}", "Please see our request for quotation and submit your pricing by the end of the week.", "Open RFQ"),
        ("Partnership introduction", "I'm reaching out to a few people at your company about a joint opportunity.", "Read the overview"),
        ("Outstanding invoice notice", "Our records show an outstanding invoice for your department.", "View invoice"),
        ("Shared: Q{q} project summary", "A project summary was shared with you.", "Open summary"),
    ],
    "vendor-platform": [
        ("Files for {topic}", "I've sent you the files for {topic} through a transfer service, they're too large for mail.", ""),
        ("Documents - {topic}", "Here are the documents you asked about. The link expires in 7 days.", ""),
        ("Signed copies", "The signed copies are ready for download.", ""),
        ("Data set you requested", "The data you requested is available at the link below.", ""),
    ],
    "new-tenant": [
        ("Shared folder: {topic}", "We've moved our shared documents for {topic} to a new folder.", ""),
        ("Action needed: {topic}", "Please review the items in our workspace before the deadline.", ""),
        ("{topic} - portal access", "We set up a page with everything for {topic}; the link is below.", ""),
    ],
    "lookalike": [
        ("Change of remittance details", "Please note our bank details have changed effective this month. The updated instructions are on the page below.", "updated instructions"),
        ("Overdue: invoice {n}", "Invoice {n} is now overdue. Kindly review and arrange payment.", "invoice {n}"),
        ("Urgent - wire confirmation", "Could you confirm the wire details for this week's payment? Details here.", "wire details"),
        ("Revised agreement", "Attached via link is the revised agreement for your signature.", "revised agreement"),
    ],
    "cloud-token": [
        ("Document shared with you", "A secure document has been shared with you for review.", "Review document"),
        ("Pending e-signature", "You have a document waiting for your electronic signature.", "Sign now"),
        ("Quarterly statement", "Our quarterly statement is available for download.", "Download statement"),
        ("Payment confirmation", "Payment confirmation attached for your records.", "View confirmation"),
    ],
    "lateral": [
        ("Shared document: {topic}", "I've shared a document with you: \"{topic}\". Please review when you can.", "Open document", "shared"),
        ("Please sign: {topic}", "You have been asked to sign \"{topic}\". Please complete before end of day.", "Review and sign", "esign"),
        ("Your password expires in 24 hours", "Your network password expires in 24 hours. Keep your current password by confirming below.", "Keep current password", "password"),
        ("Payroll: direct deposit update", "Payroll requires all employees to confirm direct deposit details before the next pay date.", "Confirm details", "payroll"),
        ("Voice message (0:47)", "You received a new voice message. Listen to it from the link below.", "Play message", "voicemail"),
        ("Benefits enrollment closes Friday", "Open enrollment closes this Friday. Review your elections here.", "Review elections", "benefits"),
        ("Expense report returned", "Your expense report was returned for correction.", "View report", "expense"),
    ],
}
TOPICS = ["Q3 volumes", "the capacity release", "the site visit", "the audit", "the term sheet",
          "next year's budget", "the pipeline maintenance", "the training session",
          "the gas nominations", "the compliance review", "the settlement", "the off-site"]
SIGN = ["Regards,", "Thanks,", "Best,", "Thank you,", "Kind regards,"]


def hx(r, n):
    return "".join(r.choice("0123456789abcdef") for _ in range(n))


def an(r, n):
    return "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789") for _ in range(n))


def lower(r, n):
    return "".join(r.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(n))


def fmt(text, r):
    return text.format(n=r.randint(10000, 99999), q=r.randint(1, 4), topic=r.choice(TOPICS))


class Gen:
    def __init__(self, seed, corpus, out, owners):
        self.r = random.Random(seed)
        self.corpus, self.out, self.owners = corpus, out, owners
        self.mails, self.ix, self.hosts = {}, {}, {}
        for mb in MAILBOXES:
            ms = M.parse_mailbox(os.path.join(corpus, "enron", mb + ".mbox"))
            self.mails[mb] = ms
            self.ix[mb] = M.Index(ms)
            self.hosts[mb] = M.link_hosts(ms)
        self.inject = {mb: [] for mb in MAILBOXES + ["scen-adoption", "scen-vendor"]}
        self.manifest = []
        self.serial = 0
        self.used_domains = set()
        self.all_domains = set()
        for mb in MAILBOXES:
            self.all_domains |= self.ix[mb].domains
            self.all_domains |= {M.reg_domain(h) for h in self.hosts[mb] if "." in h}

    # --- helpers
    def established(self, mb, a, t):
        ix = self.ix[mb]
        d = ix.inb.get(a, [])
        n = bisect.bisect_left(d, t)
        if n < 3 or t - d[0] < 14 * DAY:
            return False
        return n >= 5 or bisect.bisect_left(ix.out_to.get(a, []), t) > 0

    def partners(self, mb, t):
        bad = ("bounce", "list", "owner-", "news", "noreply", "reply", "mailer", "info@", "announce",
               "communications", "webmaster", "subscri")
        return sorted(a for a in self.ix[mb].inb if self.established(mb, a, t)
                      and a.rpartition("@")[2] not in M.FREEMAIL
                      and not M.reg_domain(a.rpartition("@")[2]).startswith("enron")
                      and not any(b in a for b in bad))

    def name_of(self, mb, a):
        n = self.ix[mb].name.get(a, "")
        if n:
            return n
        lp = a.split("@")[0].replace("_", ".")
        parts = [p for p in lp.split(".") if p.isalpha()]
        return " ".join(p.capitalize() for p in parts) if len(parts) >= 2 else ""

    def second_half_times(self, mb):
        ix = self.ix[mb]
        mid = (ix.first + ix.last) // 2
        return [d for d in ix.dates if mid <= d < ix.last - DAY]

    def attack_time(self, mb, family_index, k, n):
        """k-th of n attacks of a family in mailbox mb: spread over the second half."""
        ts = self.second_half_times(mb)
        lo = len(ts) * k // n
        hi = max(lo + 1, len(ts) * (k + 1) // n)
        base = ts[self.r.randrange(lo, hi)]
        return base + self.r.randint(5, 240) * 60 + self.r.randint(0, 59)

    def new_domain(self):
        for _ in range(1000):
            d = "%s%s.%s" % (self.r.choice(ATK_W1), self.r.choice(ATK_W2), self.r.choice(ATK_TLD))
            if d not in self.used_domains and M.reg_domain(d) not in self.all_domains:
                self.used_domains.add(d)
                return d
        raise SystemExit("no fresh domain")

    def attacker_url(self):
        d = self.new_domain()
        host = self.r.choice(["", "www.", "secure.", "docs.", "portal."]) + d
        return "https://%s/%s/%s" % (host, self.r.choice(PATHS), an(self.r, 12))

    def lure_url(self):
        """A link for families whose point is not the link's kind."""
        c = self.r.randrange(3)
        if c == 0:
            return self.attacker_url()
        if c == 1:
            return self.r.choice(FILE_PLATFORMS)[1](self.r)
        return self.cloud_url(self.r.choice(["secure-docs", "shared-files", "doc-review"]) + "-" + lower(self.r, 4))

    def cloud_url(self, token):
        kind = self.r.choice(CLOUD_HOSTS)
        page = self.r.choice(["index.html", "view.html", "login.html", "doc/open.html", "s/review.htm"])
        if kind == "gcs":
            return "https://storage.googleapis.com/%s/%s" % (token, page)
        if kind == "s3":
            return "https://%s.s3.%s.amazonaws.com/%s" % (token, self.r.choice(["us-east-2", "us-west-1", "eu-west-2"]), page)
        if kind == "azure":
            acct = token.replace("-", "")[:24]
            return "https://%s.blob.core.windows.net/%s/%s" % (acct, self.r.choice(["$web", "files", "public"]), page)
        if kind == "do":
            return "https://%s.%s.digitaloceanspaces.com/%s" % (token, self.r.choice(["nyc3", "sfo3", "ams3"]), page)
        return "https://s3.%s.wasabisys.com/%s/%s" % (self.r.choice(["us-east-1", "us-central-1"]), token, page)

    def msgid(self, t, domain):
        h = hashlib.sha1(("%d/%d/%s" % (self.serial, t, domain)).encode()).hexdigest()
        style = self.serial % 3
        if style == 0:
            return "<%s.%d@%s>" % (h[:16], t, "mail." + domain)
        if style == 1:
            return "<%s-%s-%s@%s>" % (h[:8], h[8:12], h[12:20], domain)
        return "<%s%s@%s>" % (h[:20].upper(), "", "mx." + domain)

    def body(self, fmt_kind, text, url, label, boundary_seed, shown=None):
        """text: paragraphs (plain); url: the link; label: anchor text for HTML.
        shown: the URL the visible text shows (masked links)."""
        b = "b4_" + hashlib.md5(boundary_seed.encode()).hexdigest()[:20]
        plain_lines = text.replace("{LINK}", shown or url)
        html_link = '<a href="%s">%s</a>' % (url, shown or label or url)
        html = ("<html><body style=\"font-family:Arial,sans-serif;font-size:10pt\">" +
                "".join("<p>%s</p>" % p.replace("{LINK}", html_link).replace("\n", "<br>\n")
                        for p in text.split("\n\n")) + "</body></html>")
        if fmt_kind == "plain":
            return M.leaf("text/plain", plain_lines, self.r.choice(["7bit", "quoted-printable"]))
        if fmt_kind == "html":
            return M.leaf("text/html", html, "quoted-printable")
        return M.multipart("alternative", b, [M.leaf("text/plain", plain_lines, "7bit"),
                                              M.leaf("text/html", html, "quoted-printable")])

    def add(self, mb, t, sender, name, headers_to, body, kind, family, extra=None, headers_more=()):
        self.serial += 1
        mid = self.msgid(t, sender.split("@")[1])
        tag = "%s/%s/%03d" % (kind, family, self.serial)
        headers = [("Message-ID", mid), ("Date", M.rfc_date(t)), ("From", M.addr_field(name, sender))]
        headers += list(headers_to)
        headers += list(headers_more)
        headers.append(("X-Blind4-Id", tag))
        text = M.message(headers, body)
        self.inject[mb].append((t, self.serial, M.from_line(sender, t) + M.quote(text) + "\n"))
        rec = {"mailbox": mb, "message_id": mid.strip("<>"), "kind": kind, "family": family,
               "serial": self.serial, "sender": sender, "date": t}
        rec.update(extra or {})
        self.manifest.append(rec)
        return rec

    def to_owner(self, mb, others=()):
        owner = self.owners[mb]
        to = [owner] + [o for o in others if o != owner]
        return ", ".join(to[:1]), [o for o in to[1:6]]

    def greeting(self, mb):
        owner = self.owners[mb]
        first = owner.split("@")[0].split(".")[0].capitalize()
        return self.r.choice(["Hi %s," % first, "%s," % first, "Hello %s," % first, "Good morning,"])

    def signoff(self, name):
        return "%s\n%s" % (self.r.choice(SIGN), name.split()[0] if name else "")

    def pick_fmt(self, i):
        return ["plain", "html", "alt"][i % 3]

    # --- allocation: 4 per mailbox per family, moved on when a mailbox has no material
    def slots(self, family, need):
        """[(mailbox, time, sender-candidates)] PER_FAMILY long."""
        out = []
        order = MAILBOXES[:]
        per = {mb: PER_FAMILY // len(MAILBOXES) for mb in MAILBOXES}
        deficit = 0
        for mb in order:
            got = 0
            tries = 0
            n = per[mb]
            while got < n and tries < 60:
                t = self.attack_time(mb, family, got, n)
                cands = need(mb, t)
                tries += 1
                if cands:
                    out.append((mb, t, cands))
                    got += 1
            deficit += n - got
        i = 0
        while deficit > 0 and i < 500:
            mb = ["kaminski-v", "farmer-d", "williams-w3", "lokay-m", "beck-s"][i % 5]
            i += 1
            t = self.attack_time(mb, family, self.r.randrange(4), 4)
            cands = need(mb, t)
            if cands:
                out.append((mb, t, cands))
                deficit -= 1
        return out

    # --- families
    def masked(self):
        for i, (mb, t, cands) in enumerate(self.slots("masked", self.partners)):
            c = self.r.choice(cands)
            name = self.name_of(mb, c)
            subj, line, label = self.r.choice(LURES["masked"])
            subj, line = fmt(subj, self.r), fmt(line, self.r)
            dom = c.split("@")[1]
            show_dom = self.r.choice(["www." + M.reg_domain(dom), "portal." + M.reg_domain(dom),
                                      "www." + M.reg_domain(dom)])
            shown = "https://%s/%s/%s" % (show_dom, self.r.choice(["customers", "billing", "docs"]), lower(self.r, 8))
            url = self.attacker_url()
            text = "%s\n\n%s\n\n{LINK}\n\n%s" % (self.greeting(mb), line, self.signoff(name))
            body = self.body(["html", "alt"][i % 2], text, url, label, "m%d" % i, shown=shown)
            to, cc = self.to_owner(mb)
            self.add(mb, t, c, name, [("To", to), ("Subject", subj)], body, "attack", "masked",
                     {"shown_host": show_dom})

    def threads(self, mb, t, participant_filter):
        """Real messages in the 120 days before t with a subject and an id whose
        external participants pass participant_filter."""
        out = []
        for m in self.ix[mb].before(t, 120 * DAY):
            if not m.subject or not m.mid:
                continue
            parts = [m.sender] + m.to + m.cc
            ext = [a for a in parts if participant_filter(a)]
            if ext:
                out.append((m, ext))
        return out

    def reply_headers(self, mb, m, sender):
        subj = m.subject
        while subj.lower().startswith(("re:", "fw:", "fwd:")):
            subj = subj.split(":", 1)[1].strip()
        others = [a for a in [m.sender] + m.to + m.cc if a != sender]
        to, cc = self.to_owner(mb, others)
        h = [("To", to)]
        if cc:
            h.append(("Cc", ", ".join(cc)))
        h.append(("Subject", self.r.choice(["RE: ", "Re: "]) + subj))
        return h, [("In-Reply-To", m.mid), ("References", m.mid)]

    def quoted(self, m):
        lines = [l for l in m.body().splitlines() if l.strip()][:6]
        when = M.rfc_date(m.date)
        return "\n\n-----Original Message-----\nFrom: %s\nSent: %s\nSubject: %s\n\n%s" % (
            m.name or m.sender, when, m.subject, "\n".join(lines))

    def hijack(self, family):
        inside = family == "hijack-in"

        def need(mb, t):
            if inside:
                ps = set(self.partners(mb, t))
                return self.threads(mb, t, lambda a: a in ps)
            return self.threads(mb, t, lambda a: not M.local(a))

        for i, (mb, t, cands) in enumerate(self.slots(family, need)):
            m, ext = self.r.choice(cands)
            if inside:
                sender = self.r.choice(sorted(ext))
                name = self.name_of(mb, sender)
            else:
                org = self.r.choice(NEW_ORGS) + "." + self.r.choice(["com", "net", "us", "biz"])
                first, last = self.r.choice(FIRST), self.r.choice(LAST)
                sender = "%s.%s@%s" % (first.lower(), last.lower(), org)
                name = "%s %s" % (first, last)
            _, line, label = self.r.choice(LURES[family])
            url = self.lure_url()
            text = "%s\n\n%s\n\n{LINK}\n\n%s%s" % (self.greeting(mb), line, self.signoff(name),
                                                   self.quoted(m) if i % 2 == 0 else "")
            body = self.body(self.pick_fmt(i), text, url, label, "h%s%d" % (family, i))
            h, more = self.reply_headers(mb, m, sender)
            self.add(mb, t, sender, name, h, body, "attack", family,
                     {"thread": m.mid.strip("<>")}, more)

    def bcc(self):
        def need(mb, t):
            return [1]
        for i, (mb, t, _) in enumerate(self.slots("bcc-new", need)):
            org = None
            for _ in range(100):
                o = self.r.choice(NEW_ORGS) + "." + self.r.choice(["com", "net", "co", "org"])
                if M.reg_domain(o) not in self.all_domains and o not in self.used_domains:
                    org = o
                    break
            self.used_domains.add(org)
            first, last = self.r.choice(FIRST), self.r.choice(LAST)
            sender = self.r.choice(["%s.%s@%s", "%s%s@%s"]) % (first.lower(), last.lower(), org)
            if "%s%s" % (first.lower(), last.lower()) in sender:
                sender = "%s%s@%s" % (first[0].lower(), last.lower(), org)
            name = "%s %s" % (first, last)
            subj, line, label = self.r.choice(LURES["bcc-new"])
            subj, line = fmt(subj, self.r), fmt(line, self.r)
            url = self.lure_url()
            text = "Hello,\n\n%s\n\n{LINK}\n\n%s %s\n%s" % (line, self.r.choice(SIGN), name,
                                                          org.split(".")[0].replace("-", " ").title())
            body = self.body(self.pick_fmt(i), text, url, label, "b%d" % i)
            to = "undisclosed-recipients:;" if i % 2 == 0 else M.addr_field(name, sender)
            self.add(mb, t, sender, name, [("To", to), ("Subject", subj)], body, "attack",
                     "bcc-new", {}, [("Delivered-To", self.owners[mb])])

    def vendor_platform(self):
        for i, (mb, t, cands) in enumerate(self.slots("vendor-platform", self.partners)):
            c = self.r.choice(cands)
            name = self.name_of(mb, c)
            plats = [p for p in FILE_PLATFORMS if not any(h.endswith(p[0]) for h in self.hosts[mb])]
            pname, mk = plats[i % len(plats)]
            url = mk(self.r)
            subj, line, _ = self.r.choice(LURES["vendor-platform"])
            subj, line = fmt(subj, self.r), fmt(line, self.r)
            text = "%s\n\n%s\n\n{LINK}\n\n%s" % (self.greeting(mb), line, self.signoff(name))
            body = self.body(self.pick_fmt(i), text, url, "Download files", "v%d" % i)
            to, _ = self.to_owner(mb)
            self.add(mb, t, c, name, [("To", to), ("Subject", subj)], body, "attack",
                     "vendor-platform", {"platform": pname})

    def tenant_url(self, platform, tenant):
        if platform == "sharefile.com":
            return "https://%s.sharefile.com/d-s%s" % (tenant, lower(self.r, 17))
        if platform == "egnyte.com":
            return "https://%s.egnyte.com/fl/%s" % (tenant, an(self.r, 10))
        return "https://sites.google.com/view/%s/%s" % (tenant, self.r.choice(["home", "documents", "files"]))

    def new_tenant(self):
        # Legitimate setup first: in each mailbox, before its second half, two
        # established correspondents per platform link their own organisation's tenant.
        for mb in MAILBOXES:
            ix = self.ix[mb]
            mid = (ix.first + ix.last) // 2
            ts = [d for d in ix.dates if ix.first + (mid - ix.first) * 0.55 <= d < mid - DAY]
            k = 0
            for p in TENANT_PLATFORMS:
                for j in range(2):
                    for _ in range(80):
                        t = self.r.choice(ts) + self.r.randint(10, 200) * 60
                        cands = self.partners(mb, t)
                        if cands:
                            break
                    else:
                        continue
                    c = cands[(k + j) % len(cands)]
                    k += 1
                    name = self.name_of(mb, c)
                    tenant = M.reg_domain(c.split("@")[1]).split(".")[0].replace("_", "-")
                    url = self.tenant_url(p, tenant)
                    topic = self.r.choice(TOPICS)
                    text = ("%s\n\nWe now keep the material for %s in our %s workspace. "
                            "You can find it here:\n\n{LINK}\n\n%s" % (
                                self.greeting(mb), topic, {"sharefile.com": "ShareFile", "egnyte.com": "Egnyte",
                                                           "sites.google.com": "Google Sites"}[p],
                                self.signoff(name)))
                    body = self.body(["plain", "alt"][k % 2], text, url, "our workspace", "s%s%d" % (mb, k))
                    to, _ = self.to_owner(mb)
                    self.add(mb, t, c, name, [("To", to), ("Subject", "Document workspace for %s" % topic)],
                             body, "setup", "new-tenant", {"platform": p, "tenant": tenant})
        setup_by_mb = {}
        for r in self.manifest:
            if r["kind"] == "setup":
                setup_by_mb.setdefault(r["mailbox"], []).append(r)

        def need(mb, t):
            ok = [r["platform"] for r in setup_by_mb.get(mb, []) if r["date"] < t]
            return [(p, c) for p in sorted(set(ok)) for c in self.partners(mb, t)]

        for i, (mb, t, cands) in enumerate(self.slots("new-tenant", need)):
            p, c = self.r.choice(cands)
            name = self.name_of(mb, c)
            tenant = self.r.choice(["payments-hub", "secure-docs", "accounts-review", "doc-center",
                                    "vendor-portal", "contracts-share", "remit-online"]) + "-" + lower(self.r, 3)
            url = self.tenant_url(p, tenant)
            subj, line, _ = self.r.choice(LURES["new-tenant"])
            subj, line = fmt(subj, self.r), fmt(line, self.r)
            text = "%s\n\n%s\n\n{LINK}\n\n%s" % (self.greeting(mb), line, self.signoff(name))
            body = self.body(self.pick_fmt(i), text, url, "Open workspace", "t%d" % i)
            to, _ = self.to_owner(mb)
            self.add(mb, t, c, name, [("To", to), ("Subject", subj)], body, "attack", "new-tenant",
                     {"platform": p, "tenant": tenant})

    def lookalike_domain(self, dom, i):
        reg = M.reg_domain(dom)
        label, _, suffix = reg.partition(".")
        method = i % 5
        for attempt in range(20):
            m = (method + attempt) % 5
            if m == 0 and len(label) >= 4:  # transposition
                j = self.r.randrange(1, len(label) - 2)
                if label[j] != label[j + 1]:
                    cand = label[:j] + label[j + 1] + label[j] + label[j + 2:] + "." + suffix
                else:
                    continue
            elif m == 1:  # digit for a letter
                subs = [(k, {"o": "0", "l": "1", "i": "1", "e": "3", "s": "5", "a": "4"}[ch])
                        for k, ch in enumerate(label) if ch in "olies"]
                if not subs:
                    continue
                k, d = self.r.choice(subs)
                cand = label[:k] + d + label[k + 1:] + "." + suffix
            elif m == 2:  # confusable letters
                pairs = [("m", "rn"), ("w", "vv"), ("d", "cl"), ("l", "i"), ("i", "l"), ("o", "q")]
                opts = [(a, b) for a, b in pairs if a in label]
                if not opts:
                    continue
                a, b = self.r.choice(opts)
                cand = label.replace(a, b, 1) + "." + suffix
            elif m == 3:  # added label
                cand = label + self.r.choice(LOOK_SUFFIX) + "." + suffix
            else:  # changed TLD
                tld = self.r.choice([x for x in ["net", "co", "us", "org", "biz", "info"] if x != suffix])
                cand = label + "." + tld
            if M.reg_domain(cand) not in self.all_domains and cand not in self.used_domains:
                self.used_domains.add(cand)
                return cand, ["transposition", "digit", "confusable", "added-label", "tld"][m]
        return None, None

    def lookalike(self):
        for i, (mb, t, cands) in enumerate(self.slots("lookalike", self.partners)):
            c = self.r.choice(cands)
            local_part, dom = c.split("@")
            look, method = self.lookalike_domain(dom, i)
            if look is None:
                c = cands[0]
                local_part, dom = c.split("@")
                look, method = self.lookalike_domain(dom, i + 1)
            sender = "%s@%s" % (local_part, look)
            name = self.name_of(mb, c)
            subj, line, label = self.r.choice(LURES["lookalike"])
            n = self.r.randint(10000, 99999)
            subj, line, label = (s.format(n=n, q=1, topic="") for s in (subj, line, label))
            url = self.lure_url() if i % 2 else "https://%s/%s/%s" % (look, self.r.choice(PATHS), an(self.r, 10))
            text = "%s\n\n%s\n\n{LINK}\n\n%s" % (self.greeting(mb), line, self.signoff(name))
            body = self.body(self.pick_fmt(i), text, url, label, "l%d" % i)
            to, _ = self.to_owner(mb)
            self.add(mb, t, sender, name, [("To", to), ("Subject", subj)], body, "attack", "lookalike",
                     {"imitates": M.reg_domain(dom), "method": method})

    def cloud_token(self):
        for i, (mb, t, cands) in enumerate(self.slots("cloud-token", self.partners)):
            c = self.r.choice(cands)
            name = self.name_of(mb, c)
            if i % 3 == 2:
                org = M.reg_domain(c.split("@")[1]).split(".")[0]
                swapped = org.replace("o", "0", 1) if "o" in org else org.replace("e", "3", 1) if "e" in org \
                    else org.replace("a", "4", 1) if "a" in org else org + "1"
                token = swapped + "-" + self.r.choice(["billing", "docs", "statements"])
            else:
                token = self.r.choice(BRAND_TOKENS)
            token = token.replace("_", "-")
            url = self.cloud_url(token)
            subj, line, label = self.r.choice(LURES["cloud-token"])
            text = "%s\n\n%s\n\n{LINK}\n\n%s" % (self.greeting(mb), line, self.signoff(name))
            body = self.body(self.pick_fmt(i), text, url, label, "c%d" % i)
            to, _ = self.to_owner(mb)
            self.add(mb, t, c, name, [("To", to), ("Subject", subj)], body, "attack", "cloud-token",
                     {"token": token.replace("_", "-")})

    def calendar(self, sender, name, to_list, t, subj, line, url, seed):
        b = "b4c_" + hashlib.md5(seed.encode()).hexdigest()[:18]
        start = t + 2 * DAY
        stamp = lambda x: __import__("time").strftime("%Y%m%dT%H%M%SZ", __import__("time").gmtime(x))
        att = "".join("ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:%s\r\n" % a for a in to_list[:5])
        ics = ("BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\n"
               "BEGIN:VEVENT\r\nUID:%s@%s\r\nDTSTAMP:%s\r\nDTSTART:%s\r\nDTEND:%s\r\n"
               "ORGANIZER;CN=%s:mailto:%s\r\n%sSUMMARY:%s\r\nDESCRIPTION:%s %s\r\nURL:%s\r\n"
               "END:VEVENT\r\nEND:VCALENDAR\r\n") % (
            hashlib.md5(seed.encode()).hexdigest(), sender.split("@")[1], stamp(t), stamp(start),
            stamp(start + 1800), name, sender, att, subj, line, url, url)
        plain = "%s\n\n%s\n\n%s\n" % (subj, line, url)
        return M.multipart("alternative", b, [M.leaf("text/plain", plain, "7bit"),
                                              M.leaf("text/calendar", ics, "7bit", "; method=REQUEST")])

    def lateral(self):
        def need(mb, t):
            ix = self.ix[mb]
            owner = self.owners[mb]
            return [a for a in ix.insiders(t) if a != owner]

        for i, (mb, t, cands) in enumerate(self.slots("lateral", need)):
            ix = self.ix[mb]
            owner = self.owners[mb]
            a = self.r.choice(cands)
            name = self.name_of(mb, a)
            cols = [c for c in ix.colleagues(t) if c not in (a, owner)]
            n = self.r.randint(20, 40)
            wrote = ix.wrote.get(a, set())
            known = sorted(c for c in cols if c in wrote)
            unknown = sorted(c for c in cols if c not in wrote)
            k_known = min(len(known), self.r.randint(0, max(0, n // 5)))
            rc = self.r.sample(known, k_known) + self.r.sample(unknown, min(len(unknown), n - 1 - k_known))
            rc = [owner] + rc
            self.r.shuffle(rc)
            subj, line, label, kind = self.r.choice(LURES["lateral"])
            topic = self.r.choice(TOPICS)
            subj, line = subj.format(topic=topic), line.format(topic=topic)
            c = self.r.randrange(3)
            url = self.attacker_url() if c == 0 else self.r.choice(FILE_PLATFORMS)[1](self.r) if c == 1 \
                else self.tenant_url("sites.google.com", "hr-" + lower(self.r, 6))
            shape = ["plain", "html", "calendar"][i % 3]
            if shape == "calendar":
                body = self.calendar(a, name, rc, t, subj, line, url, "cal%d" % i)
            else:
                text = "%s\n\n{LINK}\n\n%s" % (line, name)
                body = self.body(shape if shape == "plain" else "html", text, url, label, "x%d" % i)
            heads = [("To", ", ".join(rc[:len(rc) // 2 + 1])), ("Cc", ", ".join(rc[len(rc) // 2 + 1:])),
                     ("Subject", subj)]
            self.add(mb, t, a, name, heads, body, "attack", "lateral",
                     {"recipients": len(rc), "lure": kind, "shape": shape,
                      "never_written": sum(1 for x in rc if x not in wrote)})

    # --- scenarios
    def adoption(self):
        mb = "kaminski-v"
        ix = self.ix[mb]
        ts = [d for d in ix.dates if d >= (ix.first + ix.last) // 2]
        t0 = ts[len(ts) * 2 // 3]
        ps = self.partners(mb, t0)
        by_org = {}
        for p in ps:
            by_org.setdefault(M.reg_domain(p.split("@")[1]), []).append(p)
        orgs = sorted(by_org, key=lambda o: (-len(by_org[o]), o))[:10]
        chosen = [(o, by_org[o][0]) for o in orgs]
        extra = [(o, p) for o in orgs for p in by_org[o][1:]]
        chosen += extra[:15 - len(chosen)]
        self.r.shuffle(chosen)
        times = sorted(t0 + self.r.randint(0, 14 * DAY - 3600) for _ in chosen)
        for pos, ((org, c), t) in enumerate(zip(chosen, times), 1):
            name = self.name_of(mb, c)
            url = "https://%s/%s#%s" % (ADOPTION_PLATFORM, an(self.r, 16), an(self.r, 22))
            topic = self.r.choice(TOPICS)
            text = ("%s\n\nOur firm has started using Tresorit Send for larger files. The material on "
                    "%s is here:\n\n{LINK}\n\n%s" % (self.greeting(mb), topic, self.signoff(name)))
            body = self.body(["plain", "alt"][pos % 2], text, url, "Download via Tresorit", "a%d" % pos)
            to, _ = self.to_owner(mb)
            self.add("scen-adoption", t, c, name, [("To", to), ("Subject", "Files: %s" % topic)], body,
                     "adoption", "adoption", {"position": pos, "organisation": org, "source": mb})
        return mb, len(chosen), len({o for o, _ in chosen})

    def vendor(self):
        mb = "farmer-d"
        ix = self.ix[mb]
        ts = [d for d in ix.dates if d >= (ix.first + ix.last) // 2]
        t0 = ts[len(ts) // 2]
        ps = self.partners(mb, t0)
        c = ps[len(ps) // 2]
        name = self.name_of(mb, c)
        cols = [x for x in ix.colleagues(t0) if x != self.owners[mb]]
        rc = [self.owners[mb]] + self.r.sample(cols, 39)
        bucket = "acct-statements-" + lower(self.r, 6)
        url = "https://f004.backblazeb2.com/file/%s/statement_%s.html" % (bucket, lower(self.r, 5))
        org = M.reg_domain(c.split("@")[1]).split(".")[0].upper()
        for k, who in enumerate(rc):
            t = t0 + k * self.r.randint(120, 900)
            text = ("Hello,\n\nPlease find the new approved statement from %s below.\n\n{LINK}\n\n%s" %
                    (org, self.signoff(name)))
            body = self.body("alt", text, url, "View statement", "vv%d" % k)
            self.add("scen-vendor", t, c, name, [("To", who), ("Subject", "New approved statement from %s" % org)],
                     body, "vendor", "vendor", {"recipient_rank": k + 1, "source": mb})
        return mb

    # --- output
    def write(self):
        os.makedirs(self.out, exist_ok=True)
        copies = {mb: mb for mb in MAILBOXES}
        copies["scen-adoption"] = "kaminski-v"
        copies["scen-vendor"] = "farmer-d"
        for out, src in sorted(copies.items()):
            mails = self.mails[src]
            inj = sorted(self.inject[out])
            dates = [m.date if m.date else None for m in mails]
            # position: before the first original message dated later (file order)
            with open(os.path.join(self.out, out + ".mbox"), "wb") as f:
                j = 0
                for m in mails:
                    while j < len(inj) and m.date is not None and m.date > inj[j][0]:
                        f.write(inj[j][2].encode("utf-8"))
                        j += 1
                    f.write(m.from_line)
                    f.write(m.raw)
                for x in inj[j:]:
                    f.write(x[2].encode("utf-8"))
                del dates
        for r in self.manifest:
            r["message_id"] = r["message_id"].strip("<>")
        with open(os.path.join(self.out, "manifest.jsonl"), "w") as f:
            for r in sorted(self.manifest, key=lambda r: r["serial"]):
                f.write(json.dumps(r, sort_keys=True) + "\n")
        with open(os.path.join(self.out, "legit.jsonl"), "w") as f:
            for mb in MAILBOXES:
                for m in self.mails[mb]:
                    f.write(json.dumps({"mailbox": mb, "message_id": m.mid.strip("<>"),
                                        "subject": m.subject[:80]}, sort_keys=True) + "\n")


def main():
    corpus, out, seed, owners = A.generator_arguments()
    g = Gen(seed, corpus, out, owners)
    g.masked()
    g.hijack("hijack-in")
    g.hijack("hijack-out")
    g.bcc()
    g.vendor_platform()
    g.new_tenant()
    g.lookalike()
    g.cloud_token()
    g.lateral()
    g.adoption()
    g.vendor()
    g.write()
    n = {}
    for r in g.manifest:
        n[(r["kind"], r["family"])] = n.get((r["kind"], r["family"]), 0) + 1
    for k in sorted(n):
        print("# blind4: %s %s: %d" % (k[0], k[1], n[k]), file=sys.stderr)


if __name__ == "__main__":
    main()
