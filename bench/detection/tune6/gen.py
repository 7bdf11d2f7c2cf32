#!/usr/bin/env python3
"""tune6: a tuning detection set, built blind over the five owned Enron mailboxes
(docs/EVALUATION-TUNE6.md).

Writes GEN/MAILBOX.mbox for each owned mailbox, its archive messages unchanged
and in their order, with attacks of three families and legitimate controls
shaped like them injected between 25% and 97% of the mailbox, each at a Date
between its two neighbours; GEN/manifest.jsonl (every injected message: mailbox,
message_id, kind attack/control, family, variant fields, sender, url, link
hosts) and GEN/legit.jsonl (the archive's own messages).

Families (attacks): bcc1 (first-contact stranger, one reader here, reader not
in To/Cc), lateral (compromised enron.com colleague to the owner and N
colleagues), lookalike (registrable look-alike of a both-way correspondent's
domain). Controls: ctl-bulletin (first-contact newsletters, events, vendor
promotions to one reader not in To/Cc), ctl-internal (colleague announcements
linking a site new here; a colleague sharing a Google Doc with usual
colleagues), ctl-domain (a correspondent's sister domain; a new correspondent
whose domain resembles a known one by chance).

usage: gen.py --corpus CORPUS --out GEN --seed N --owner MAILBOX=ADDRESS...
Python 3 standard library only; deterministic for a seed and corpus.
"""
import base64
import email.charset
import email.generator
import email.policy
import email.utils
import io
import json
import os
import random
import string
import sys
import time
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(1, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import mbox6 as M  # noqa: E402
import owned_arguments as A  # noqa: E402

MAILBOXES = ["beck-s", "farmer-d", "kaminski-v", "lokay-m", "williams-w3"]
DAY = 86400
PER_MAILBOX = {"bcc1": 24, "lateral": 24, "lookalike": 24,
               "ctl-bulletin": 14, "ctl-internal": 14, "ctl-domain": 12}
KIND = {"bcc1": "attack", "lateral": "attack", "lookalike": "attack",
        "ctl-bulletin": "control", "ctl-internal": "control", "ctl-domain": "control"}
FORMATS = ["plain", "html", "alternative", "alternative-qp", "html-base64"]
ZONES = [(-480, "PST"), (-420, "PDT"), (-300, "EST"), (-360, "CST"), (0, None), (60, None), (120, None),
         (330, None), (480, None), (-240, "EDT"), (600, None), (-180, None)]

# ---------------------------------------------------------------- names
FRESH = ["docuvault-center.com", "invoiceportal-billing.net", "securemsg-delivery.com", "payroll-notices.net",
         "vmail-relay.com", "track-parcelstatus.com", "esign-routing.net", "filedrop-secure.org",
         "acct-verification.info", "paydesk-remit.com", "hr-benefitsportal.net", "cloudfax-inbound.com",
         "statement-online.co", "doc-review-hub.net", "mailbox-upgrade.site", "shipnotice-express.com",
         "remitcenter-pay.net", "securelinkmail.online", "contract-sign.app", "voice-msgcenter.net",
         "notify-paystub.com", "corp-filetransfer.net", "helpdesk-account.info", "e-docshare.xyz"]
FREEMAIL = ["gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "aol.com", "protonmail.com"]
# older, unrelated real organisations' domains, used as if an account there were compromised
COMPROMISED = ["vassar.edu", "audubon.org", "mnhs.org", "smith.edu", "sfzoo.org", "oberlin.edu",
               "lwv.org", "wm.edu", "ymca.net", "carleton.edu", "nps.gov", "usgs.gov", "bowdoin.edu",
               "grinnell.edu", "kenyon.edu", "colby.edu", "umbc.edu", "wesleyan.edu"]
FIRST = ["Karen", "Michael", "Linda", "David", "Susan", "James", "Patricia", "Robert", "Angela", "Thomas",
         "Denise", "Mark", "Laura", "Steven", "Teresa", "Brian", "Janet", "Kevin", "Monica", "Gary",
         "Carla", "Dennis", "Rachel", "Victor"]
LAST = ["Whitfield", "Okafor", "Delgado", "Brennan", "Marsh", "Kowalski", "Nguyen", "Harlow", "Pruitt",
        "Sandoval", "Ferris", "Lindqvist", "Ashby", "Castillo", "Moreau", "Tillman", "Hargrove", "Quinn",
        "Reyes", "Stroud", "Vance", "Wexler", "Yates", "Bramwell"]
HOSTING = ["storage.googleapis.com", "firebasestorage.googleapis.com", "{t}.web.app", "{t}.pages.dev",
           "{t}.workers.dev", "{t}.netlify.app", "{t}.blob.core.windows.net", "{t}.s3.amazonaws.com",
           "ipfs.io", "{t}.glitch.me", "{t}.weebly.com", "sites.google.com", "www.dropbox.com",
           "{t}.herokuapp.com", "we.tl", "{t}.github.io"]
SHORTENERS = ["bit.ly", "tinyurl.com", "is.gd", "cutt.ly", "rebrand.ly", "ow.ly", "t.ly", "rb.gy"]
FORMS = ["docs.google.com/forms", "forms.gle", "form.jotform.com", "{t}.typeform.com", "forms.office.com",
         "{t}.formstack.com", "{t}.wufoo.com", "form.123formbuilder.com"]
ENRON_LOOK = ["enron-hr.net", "enr0n.com", "enronn.com", "enron-login.com", "enron-portal.net",
              "enronbenefits.com", "ehronline-enron.com", "enron-it.support", "enron-corp.net",
              "mail-enron.com", "enronhelpdesk.com", "enron-secure.com"]
NEW_HOSTING = ["hr-docs-portal.net", "corp-sharedfiles.com", "{t}.pages.dev", "{t}.web.app",
               "{t}.netlify.app", "secure-filecenter.net", "{t}.workers.dev", "doc-viewer-online.com",
               "{t}.azurewebsites.net", "staffportal-docs.com"]


def token(rng, n=8, alphabet=string.ascii_lowercase + string.digits):
    return "".join(rng.choice(alphabet) for _ in range(n))


def fill(host, rng):
    return host.replace("{t}", rng.choice(["docs", "share", "files", "secure", "portal", "view", "dl", "hr",
                                           "account", "update", "onedoc", "review"]) + "-" + token(rng, 5))


def person(rng):
    return rng.choice(FIRST), rng.choice(LAST)


# ---------------------------------------------------------------- lures
BCC_THEMES = {
    "invoice": (["Invoice {n} due", "Past due invoice #{n}", "Outstanding balance - INV{n}", "Payment reminder: {n}"],
                ["Please find the invoice for services rendered last month. Our records show it remains unpaid "
                 "and the balance is now past terms.",
                 "This is a courtesy reminder that invoice {n} is outstanding. To avoid a late fee please review "
                 "the statement today."],
                "View invoice", "Please reply with the name of the person in accounts payable who handles our "
                "account so we can send the remittance details directly."),
    "voicemail": (["Voice message from {p}", "New voicemail (0:{s})", "You have 1 new voice message",
                   "Missed call - message waiting"],
                  ["You received a voice message from {p}. Duration 0:{s}. The message has been stored for 48 "
                   "hours.", "A caller left you a voicemail. Your message is waiting in the voice mailbox."],
                  "Listen to message", "If you cannot play the message, reply to this mail with the best number "
                  "to reach you and the operator will call back."),
    "esign": (["Please sign: Agreement {n}", "Document ready for signature", "Action required: signature "
               "requested", "Completed: please review and sign"],
              ["{p} has sent you a document to review and sign. The envelope expires in 3 days.",
               "A document has been shared with you for electronic signature. Please review and sign."],
              "Review document", "Reply to confirm you are the right signatory and I will route the agreement "
              "to you."),
    "payroll": (["Payroll update required", "Your W-2 / pay statement is available", "Direct deposit "
                 "change confirmation", "HR: salary adjustment notice"],
                ["Human Resources has posted an adjustment to your compensation record. Please review your "
                 "statement before the next pay run.", "We could not verify your direct deposit details. "
                 "Payment may be delayed unless you confirm them."],
                "Review statement", "Please reply with your employee number and a phone number so payroll can "
                "confirm the change."),
    "password": (["Password expires today", "Your mailbox password will expire", "Account access notice",
                  "Action needed: credential update"],
                 ["The password for your mail account expires in 24 hours. Keep your current password to avoid "
                  "losing access to your messages.", "Our records show your account password has not been "
                  "updated. Access will be suspended at the end of the day."],
                 "Keep current password", "Reply with your user name and we will extend the expiry for you."),
    "shipping": (["Delivery attempt failed - {n}", "Your shipment is on hold", "Package {n}: address "
                  "confirmation", "Customs fee pending for parcel {n}"],
                 ["We attempted to deliver your package today but no one was available. The parcel is held at "
                  "the local depot.", "Your shipment {n} is on hold because the delivery address is incomplete."],
                 "Reschedule delivery", "Please reply with the full delivery address and a contact number to "
                 "release the parcel."),
    "secure": (["Secure message from {p}", "You have received an encrypted message", "Encrypted: {n}",
                "Confidential message waiting"],
               ["{p} sent you a secure message. For your protection the message is held on our encrypted "
                "server.", "An encrypted message is waiting for you. It will be deleted after 72 hours."],
               "Open secure message", "Reply to this notice to request the message be re-sent to you in "
               "plain form."),
    "shared-doc": (["{p} shared \"Q{q} forecast\" with you", "Document shared with you: {n}.pdf",
                    "Shared file: contract summary", "{p} has shared a folder with you"],
                   ["{p} has shared a document with you. Click below to access the file.",
                    "A file has been shared with you. The link works for 7 days."],
                   "Open document", "Reply and I will send the file over directly, the share link did not "
                   "work for some people."),
}
LATERAL_THEMES = {
    "hr-policy": (["Updated HR policy - please acknowledge", "Revised travel & expense policy",
                   "New code of conduct acknowledgement"],
                  "HR asked me to circulate the revised policy. Everyone needs to read and acknowledge it by "
                  "Friday.", "Review policy"),
    "bonus-letter": (["Bonus letters", "Year end bonus allocation - confidential", "Your bonus letter"],
                     "The bonus letters for this cycle are ready. Yours is at the link, please keep it "
                     "confidential.", "View letter"),
    "mailbox-quota": (["Mailbox over quota", "IT notice: mailbox size limit", "Mail quota - action required"],
                      "IT says several of us are over the mailbox limit and will stop receiving mail tonight. "
                      "They set up a page to raise the quota.", "Increase quota"),
    "shared-deck": (["Deck for tomorrow", "Slides - please review", "Updated presentation"],
                    "Here is the deck for tomorrow's meeting. Can you look it over before then?",
                    "Open deck"),
    "benefits": (["Benefits enrollment closes Friday", "Open enrollment - action needed",
                  "401(k) and benefits elections"],
                 "Open enrollment closes this week. If you do not confirm your elections they will default.",
                 "Confirm elections"),
}
LOOK_LURES = {
    "link": [("Invoice {n}", "Please find attached our invoice {n} for this month. The statement is available "
              "on our billing portal.", "View statement"),
             ("Revised confirmation", "Attached is the revised confirmation reflecting the volumes we "
              "discussed. Please review and sign at the link.", "Review confirmation"),
             ("Updated contract for review", "Legal made a few changes to the agreement. The marked-up copy is "
              "here for your review.", "Open contract"),
             ("Statement of account", "Our records show two items open on your account. The statement is "
              "posted below.", "View account")],
    "none": [("Change of bank details", "Please note that our bank details have changed. With effect from the "
              "next payment, please remit to our new account. Reply to this mail and I will send the new "
              "details on letterhead."),
             ("Remittance instructions", "Our treasury has moved our receivables to a new bank. Can you confirm "
              "who in your accounts payable group I should send the updated remittance instructions to?"),
             ("Payment this week", "Can you let me know when the outstanding payment will be released? We "
              "have changed banks and I want to make sure it goes to the right account, reply and I will "
              "send the details."),
             ("Urgent: wire for settlement", "We need the settlement amount wired today to avoid the penalty. "
              "Please reply as soon as you see this so I can send wiring instructions.")],
}


# ---------------------------------------------------------------- MIME
def html_of(paras, links, sig):
    body = "".join("<p>%s</p>\n" % p for p in paras)
    for u, txt in links:
        body += '<p><a href="%s">%s</a></p>\n' % (u, txt)
    body += "<p>%s</p>\n" % sig.replace("\n", "<br>\n")
    return "<html><head><meta charset=\"utf-8\"></head><body style=\"font-family:Arial\">\n%s</body></html>\n" % body


def text_of(paras, links, sig):
    out = "\n\n".join(paras) + "\n\n"
    for u, txt in links:
        out += "%s: %s\n\n" % (txt, u)
    return out + sig + "\n"


def text_part(text, sub, enc):
    if enc == "qp":
        cs = email.charset.Charset("utf-8")
        cs.body_encoding = email.charset.QP
        return MIMEText(text, sub, cs)
    if enc == "b64":
        return MIMEText(text, sub, "utf-8")
    return MIMEText(text, sub, "us-ascii")


def body_mime(fmt, paras, links, sig, accent=False):
    """The message body in format FMT; links is [(url, text)]."""
    t = text_of(paras, links, sig)
    h = html_of(paras, links, sig)
    if accent:  # a non-ASCII character makes QP/base64 bodies carry real 8-bit text
        t = t.replace(" - ", " \u2013 ", 1)
        h = h.replace(" - ", " &ndash; ", 1)
    if fmt == "plain":
        return text_part(t, "plain", "qp" if accent else "7bit")
    if fmt == "html":
        return text_part(h, "html", "7bit")
    if fmt == "html-base64":
        return text_part(h, "html", "b64")
    alt = MIMEMultipart("alternative")
    enc = "qp" if fmt == "alternative-qp" else "7bit"
    alt.attach(text_part(t, "plain", enc))
    alt.attach(text_part(h, "html", enc))
    return alt


def attach(root_body, name, kind, url, title):
    mixed = MIMEMultipart("mixed")
    mixed.attach(root_body)
    if kind == "html":
        page = ("<html><head><title>%s</title></head><body onload=\"\">\n<h3>%s</h3>\n"
                "<form action=\"%s\" method=\"post\">Email: <input name=\"u\"><br>Password: "
                "<input type=\"password\" name=\"p\"><br><input type=\"submit\" value=\"Sign in to view\">"
                "</form>\n<p>Trouble viewing? <a href=\"%s\">open here</a></p></body></html>\n") % (
                    title, title, url, url)
        part = MIMEApplication(page.encode(), "octet-stream")
        part.replace_header("Content-Type", 'text/html; name="%s"' % name)
    else:
        pdf = ("%%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids "
               "[3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /Annots [4 0 R] >> endobj\n"
               "4 0 obj << /Type /Annot /Subtype /Link /A << /S /URI /URI (%s) >> >> endobj\n"
               "%% %s\ntrailer << /Root 1 0 R >>\n%%%%EOF\n") % (url, title)
        part = MIMEApplication(pdf.encode(), "pdf")
    part.add_header("Content-Disposition", "attachment", filename=name)
    mixed.attach(part)
    return mixed


def serialise(msg):
    buf = io.BytesIO()
    email.generator.BytesGenerator(buf, mangle_from_=False, maxheaderlen=78,
                                   policy=email.policy.compat32).flatten(msg)
    return buf.getvalue().replace(b"\r\n", b"\n")


def date_header(t, zone):
    off, name = zone
    s = time.strftime("%a, %d %b %Y %H:%M:%S", time.gmtime(t + off * 60))
    sign = "-" if off < 0 else "+"
    s += " %s%02d%02d" % (sign, abs(off) // 60, abs(off) % 60)
    return s + (" (%s)" % name if name else "")


def fold(value):
    """A long address list folded after its commas, as the archive's own headers are."""
    if len(value) < 76 or ", " not in value:
        return value
    out, line = [], ""
    for piece in value.split(", "):
        if line and len(line) + len(piece) > 72:
            out.append(line + ",")
            line = piece
        else:
            line = piece if not line else line + ", " + piece
    out.append(line)
    return "\n\t".join(out)


def fmt_addr(name, a):
    return email.utils.formataddr((name, a)) if name else a


# ---------------------------------------------------------------- generator
class Gen:
    def __init__(self, corpus, owners, seed):
        self.rng = random.Random(seed)
        self.boxes = {}
        for mb in MAILBOXES:
            self.boxes[mb] = M.Mailbox(os.path.join(corpus, "enron", mb + ".mbox"), owners[mb])
        self.used_idx = {mb: set() for mb in MAILBOXES}
        self.inject = {mb: [] for mb in MAILBOXES}
        self.manifest = []
        self.serial = 0
        self.mids = set()
        for b in self.boxes.values():
            self.mids |= {m.mid for m in b.msgs}

    # a position after index i, between 25% and 97%, at a Date between the neighbours
    def position(self, mb, ok=lambda i: True, lo=0.25, hi=0.97):
        b = self.boxes[mb]
        rng = self.rng
        for _ in range(4000):
            i = rng.randint(int(b.n * lo) + 1, int(b.n * hi) - 1)
            if i in self.used_idx[mb]:
                continue
            a, c = b.msgs[i].t, b.msgs[i + 1].t
            if a is None or c is None or not (915148800 <= a <= c <= 1041379200):
                continue
            if not ok(i):
                continue
            self.used_idx[mb].add(i)
            t = a + (rng.randint(0, c - a) if c > a else 0)
            return i, t
        raise SystemExit("gen.py: no position in %s" % mb)

    def new_mid(self):
        while True:
            mid = "%d.%d.JavaMail.evans@thyme" % (self.rng.randint(10000000, 39999999),
                                                  self.rng.randint(1075840000000, 1075869999999))
            if mid not in self.mids:
                self.mids.add(mid)
                return mid

    def emit(self, mb, i, t, family, msg, headers, rec):
        b = self.boxes[mb]
        nb = b.msgs[i]
        mid = self.new_mid()
        zone = rec.pop("_zone", None) or self.rng.choice(ZONES)
        root = msg
        for k in ("MIME-Version",):
            if k in root:
                del root[k]
        head = [("Message-ID", "<%s>" % mid), ("Date", date_header(t, zone))] + headers
        head += [("MIME-Version", "1.0")]
        for part in root.walk():
            if part is not root and "MIME-Version" in part:
                del part["MIME-Version"]
            if part.is_multipart():  # a boundary from the seed, not from the module's own random
                part.set_boundary("----=_Part_%d_%s" % (self.rng.randint(1000, 99999), token(self.rng, 16)))
        body = serialise(root)
        hb = "".join("%s: %s\n" % (k, fold(val)) for k, val in head if val is not None)
        cmu = "X-Corpus-Folder: %s\n" % nb.folder if nb.folder else ""
        tail = "X-Origin: %s\nX-FileName: %s\n" % (nb.origin, nb.filename)
        raw = (cmu + hb).encode() + body.split(b"\n\n", 1)[0] + b"\n" + tail.encode() + b"\n" + \
            body.split(b"\n\n", 1)[1]
        if not raw.endswith(b"\n"):
            raw += b"\n"
        sender = rec["sender"]
        fl = "From %s %s\n" % (sender, time.strftime("%a %b %d %H:%M:%S %Y", time.gmtime(t)))
        chunk = fl.encode() + M.quote(raw) + b"\n"
        self.serial += 1
        r = {"mailbox": mb, "message_id": mid, "kind": KIND[family], "family": family, "serial": self.serial,
             "date": time.strftime("%Y-%m-%d %H:%M", time.gmtime(t)), "t": t, "after_index": i,
             "fraction": round(i / b.n, 4), "zone": "%s%02d%02d" % ("-" if zone[0] < 0 else "+", abs(zone[0]) // 60,
                                                                    abs(zone[0]) % 60)}
        r.update(rec)
        self.inject[mb].append((i, t, self.serial, chunk))
        self.manifest.append(r)

    # -------------------------------------------------------- bcc1
    def bcc1(self, mb, v):
        rng, b = self.rng, self.boxes[mb]
        i, t = self.position(mb)
        fn, ln = person(rng)
        name = "%s %s" % (fn, ln)
        kind = v["sender_kind"]
        if kind == "fresh":
            dom = rng.choice([d for d in FRESH if not b.seen_domain(d)])
            loc = rng.choice(["notices", "billing", "support", "no-reply", fn.lower(), "%s.%s" % (fn[0].lower(), ln.lower())])
        elif kind == "freemail":
            dom = rng.choice(FREEMAIL)
            loc = "%s.%s%d" % (fn.lower(), ln.lower(), rng.randint(1, 99))
        else:
            dom = rng.choice([d for d in COMPROMISED if not b.seen_domain(d)])
            loc = "%s%s" % (fn[0].lower(), ln.lower())
        sender = "%s@%s" % (loc, dom)
        if sender in b.all_addresses:
            sender = "%s%d@%s" % (loc, rng.randint(2, 9), dom)
        theme = BCC_THEMES[v["theme"]]
        subs = {"n": str(rng.randint(10000, 99999)), "p": name, "s": "%02d" % rng.randint(8, 59),
                "q": str(rng.randint(1, 4))}
        subject = rng.choice(theme[0]).format(**subs)
        paras = [rng.choice(theme[1]).format(**subs)]
        link = v["link"]
        slug = token(rng, 10)
        url = ""
        if link == "own":
            if kind == "freemail":
                site = rng.choice([d for d in FRESH if not b.seen_domain(d)])
                url = "https://www.%s/%s/%s" % (site, rng.choice(["doc", "view", "inv", "msg"]), slug)
            elif kind == "compromised":
                url = "http://www.%s/wp-content/uploads/%d/%s/index.html" % (dom, rng.randint(1999, 2001), slug)
            else:
                url = "https://%s.%s/%s" % (rng.choice(["secure", "portal", "view", "www"]), dom, slug)
        elif link == "hosting":
            h = fill(rng.choice(HOSTING), rng)
            url = "https://%s/%s/%s.html" % (h, token(rng, 6), slug)
        elif link == "shortener":
            url = "https://%s/%s" % (rng.choice(SHORTENERS), token(rng, 7, string.ascii_letters + string.digits))
        elif link == "form":
            f = fill(rng.choice(FORMS), rng)
            url = "https://%s/%s" % (f, token(rng, 16, string.ascii_letters + string.digits))
        elif link in ("attach-html", "attach-pdf"):
            h = fill(rng.choice(HOSTING + [d for d in FRESH if not b.seen_domain(d)]), rng)
            url = "https://%s/%s/login.php" % (h, slug)
        sig = "%s\n%s" % (name, {"fresh": "Accounts Department", "freemail": "Sent from my phone",
                                 "compromised": dom.split(".")[0].upper() + " Business Office"}[kind])
        links = []
        if link == "none":
            paras.append(theme[3])
        elif link.startswith("attach"):
            paras.append("The details are in the attached file. Open it to continue.")
        else:
            links = [(url, theme[2])]
        body = body_mime(v["format"], paras, links, sig, accent=v["format"] in ("alternative-qp", "html-base64"))
        if link.startswith("attach"):
            body = attach(body, ("Document_%s.html" if link == "attach-html" else "Document_%s.pdf") % subs["n"],
                          "html" if link == "attach-html" else "pdf", url, subject)
        ts = v["to_shape"]
        to = {"absent": None, "undisclosed": "undisclosed-recipients:;", "self": fmt_addr(name, sender),
              "sender-domain": "%s@%s" % (rng.choice(["info", "accounts", "office", "admin", "team"]), dom),
              "made-up-enron": "%s@enron.com" % rng.choice(["ap.notices", "accounts.receivable2", "hr.updates",
                                                             "payables.team", "ebiz.noreply", "corp.notice"])}[ts]
        if ts == "sender-domain" and kind == "freemail":
            to = "%s.%s%d@%s" % (rng.choice(FIRST).lower(), rng.choice(LAST).lower(), rng.randint(1, 99), dom)
        headers = [("From", fmt_addr(name, sender))]
        if to is not None:
            headers.append(("To", to))
        headers.append(("Subject", subject))
        headers += [("X-From", name), ("X-To", to or ""), ("X-cc", ""), ("X-bcc", "")]
        rec = dict(v, sender=sender, subject=subject, url=url, to=to or "", link_hosts=hosts_of(url))
        self.emit(mb, i, t, "bcc1", body, headers, rec)

    # -------------------------------------------------------- lateral
    def lateral(self, mb, v):
        rng, b = self.rng, self.boxes[mb]
        lo_n, hi_n = {"1": (1, 1), "2-5": (2, 5), "6-15": (6, 15), "16-40": (16, 40)}[v["n_bucket"]]
        need = hi_n + 2
        hist = v["history"]

        def ok(i):
            col = b.colleagues_before(i)
            if len(col) < need + 5:
                return False
            if hist == "with":
                return any(b.first_to_owner.get(a, 10 ** 9) <= i for a in col)
            return any(a not in b.first_to_owner or b.first_to_owner[a] > i for a in col)

        i, t = self.position(mb, ok)
        col = b.colleagues_before(i)
        if hist == "with":
            cands = [a for a in col if b.first_to_owner.get(a, 10 ** 9) <= i]
            if v["thread"] == "yes":
                cands = [a for a in cands if any(k <= i and b.owner_set & set(b.msgs[k].to + b.msgs[k].cc)
                                                 and b.msgs[k].subject for k in b.sent.get(a, []))] or cands
        else:
            cands = [a for a in col if a not in b.first_to_owner or b.first_to_owner[a] > i]
        sender = rng.choice(cands)
        name = b.names.get(sender) or M.display_name("", sender)
        n = rng.randint(lo_n, hi_n)
        # the account's own earlier correspondents first, then other colleagues seen here
        usual = sorted({a for k in b.sent.get(sender, []) if k <= i
                        for a in b.msgs[k].to + b.msgs[k].cc if M.PERSON.match(a)} - {sender} - b.owner_set)
        others = [a for a in col if a != sender and a not in b.owner_set]
        pick = rng.sample(usual, min(len(usual), n // 2)) if usual else []
        rest = [a for a in others if a not in pick]
        pick += rng.sample(rest, n - len(pick))
        rng.shuffle(pick)
        rcpts = pick[:]
        rcpts.insert(rng.randint(0, len(rcpts)), b.owner)
        field = v["field"]
        headers = [("From", sender)]
        if field == "To":
            to, cc = rcpts, []
        elif field == "Cc":
            to, cc = pick[:1], [a for a in rcpts if a != pick[0]]
        else:
            to, cc = [sender], []
        headers.append(("To", ", ".join(to)))
        th = LATERAL_THEMES[v["theme"]]
        subject = rng.choice(th[0])
        thread = None
        if v["thread"] == "yes":
            ks = [k for k in b.sent.get(sender, []) if k <= i and b.owner_set & set(b.msgs[k].to + b.msgs[k].cc)
                  and b.msgs[k].subject]
            thread = b.msgs[rng.choice(ks)] if ks else None
            if thread is not None:
                subject = "RE: " + base_subject(thread.subject)
        if cc:
            headers.append(("Cc", ", ".join(cc)))
        headers.append(("Subject", subject))
        if thread is not None:
            headers += [("In-Reply-To", "<%s>" % thread.mid), ("References", "<%s>" % thread.mid)]
        link = v["link"]
        slug = token(rng, 12)
        if link == "new-hosting":
            url = "https://%s/%s/index.html" % (fill(rng.choice(NEW_HOSTING), rng), slug)
        elif link == "enron-lookalike":
            url = "https://%s.%s/owa/auth/logon.aspx?id=%s" % (rng.choice(["mail", "login", "portal", "sso"]),
                                                               rng.choice(ENRON_LOOK), slug)
        elif link == "mainstream-doc":
            plat = rng.choice(["google", "onedrive", "dropbox"])
            did = token(rng, 33, string.ascii_letters + string.digits + "-_")
            url = {"google": "https://docs.google.com/document/d/1%s/edit?usp=sharing" % did,
                   "onedrive": "https://onedrive.live.com/view.aspx?resid=%s%%21%d&authkey=!%s" % (
                       token(rng, 16, "0123456789ABCDEF"), rng.randint(100, 999), token(rng, 14, string.ascii_letters)),
                   "dropbox": "https://www.dropbox.com/s/%s/%s.pdf?dl=0" % (token(rng, 15),
                                                                            v["theme"].replace("-", "_"))}[plat]
        elif link == "shortener":
            url = "https://%s/%s" % (rng.choice(SHORTENERS), token(rng, 7, string.ascii_letters + string.digits))
        else:
            url = "https://%s/%s/signin.php" % (fill(rng.choice(NEW_HOSTING + ENRON_LOOK), rng), slug)
        first = name.split()[0] if name else ""
        paras = [rng.choice(["Hi all,", "All,", "Team,", "Hello,"]) if n > 1 else "Hi,", th[1]]
        links = [] if link == "attach-html" else [(url, th[2])]
        if link == "attach-html":
            paras.append("I attached the page, open it in your browser and sign in with your Enron login.")
        sig = "Thanks,\n%s" % (first or sender.split(".")[0].capitalize())
        if thread is not None:
            quoted = quote_of(thread, b)
            sig += "\n\n -----Original Message-----\nFrom: %s\nSent: %s\nSubject: %s\n\n%s" % (
                thread.sender, time.strftime("%A, %B %d, %Y %I:%M %p", time.gmtime(thread.t)), thread.subject, quoted)
        body = body_mime(v["format"], paras, links, sig, accent=v["format"] in ("alternative-qp", "html-base64"))
        if link == "attach-html":
            body = attach(body, "%s.html" % v["theme"].replace("-", "_"), "html", url, subject)
        # a blind copy shows no Bcc header in a recipient's copy: the owner is in the envelope only
        headers += [("X-From", name), ("X-To", ", ".join(to)), ("X-cc", ", ".join(cc)), ("X-bcc", "")]
        rec = dict(v, sender=sender, subject=subject, url=url, n_colleagues=n, recipients=rcpts,
                   thread_mid=thread.mid if thread is not None else "",
                   sender_wrote_to_owner=b.first_to_owner.get(sender, 10 ** 9) <= i, link_hosts=hosts_of(url))
        self.emit(mb, i, t, "lateral", body, headers, rec)

    # -------------------------------------------------------- look-alike
    def lookalike(self, mb, v):
        rng, b = self.rng, self.boxes[mb]
        tech = v["technique"]

        def ok(i):
            return any(lookalike_domain(d, tech, random.Random(0)) and b.domain_senders(d, i)
                       for d in b.correspondent_domains(i)[0])

        i, t = self.position(mb, ok)
        doms, basis = b.correspondent_domains(i)
        doms = [d for d in doms if b.domain_senders(d, i) and lookalike_domain(d, tech, random.Random(0))]
        for _ in range(200):
            d = rng.choice(doms)
            fake = lookalike_domain(d, tech, rng)
            if fake and not b.seen_domain(fake if not fake.startswith("xn--") else fake):
                break
        else:
            raise SystemExit("gen.py: no look-alike for %s" % mb)
        real = rng.choice(b.domain_senders(d, i))
        rname = b.names.get(real) or M.display_name("", real) or real.split("@")[0]
        reuse = v["reuse"]
        loc = real.split("@")[0] if reuse in ("local+display", "local") else rng.choice(
            ["accounts", "billing", "ar", "treasury", "contracts", "j.%s" % rng.choice(LAST).lower()])
        name = rname if reuse in ("local+display", "display") else "%s %s" % person(rng)
        sender = "%s@%s" % (loc, fake)
        company = d.split(".")[0].upper()
        link = v["link"]
        n = str(rng.randint(1000, 99999))
        if link == "none":
            subj, text = rng.choice(LOOK_LURES["none"])
            links, url = [], ""
        else:
            subj, text, cta = rng.choice(LOOK_LURES["link"])
            if link == "lookalike-site":
                url = "https://%s/%s/%s" % (fake if tech != "subdomain" else fake, rng.choice(
                    ["billing", "docs", "portal", "ar"]), token(rng, 10))
            else:
                url = "https://%s/%s/%s.html" % (fill(rng.choice(HOSTING), rng), token(rng, 6), token(rng, 8))
            links = [(url, cta)]
        subject = subj.format(n=n)
        paras = ["Hello,", text.format(n=n)]
        sig = "Regards,\n%s\n%s" % (name, company)
        body = body_mime(v["format"], paras, links, sig, accent=v["format"] in ("alternative-qp", "html-base64"))
        headers = [("From", fmt_addr(name, sender)), ("To", b.owner), ("Subject", subject),
                   ("X-From", name), ("X-To", b.owner), ("X-cc", ""), ("X-bcc", "")]
        rec = dict(v, sender=sender, subject=subject, url=url, imitates=d, imitated_sender=real, established_by=basis,
                   lookalike_domain=fake, link_hosts=hosts_of(url))
        self.emit(mb, i, t, "lookalike", body, headers, rec)

    # -------------------------------------------------------- controls
    def bulletin(self, mb, v):
        rng, b = self.rng, self.boxes[mb]
        i, t = self.position(mb)
        org = rng.choice(BULLETIN_ORGS)
        dom = org[0]
        if b.seen_domain(dom):
            dom = dom.replace(".", "-news.", 1)
        sender = "%s@%s" % (rng.choice(["news", "events", "info", "marketing", "editor"]), dom)
        listaddr = "%s@lists.%s" % (rng.choice(["newsletter", "members", "announce"]), dom)
        kind = v["control_kind"]
        subject, paras = rng.choice(BULLETIN_TEXT[kind])
        subject = subject.format(org=org[1], m=time.strftime("%B", time.gmtime(t)))
        paras = [p.format(org=org[1], m=time.strftime("%B", time.gmtime(t))) for p in paras]
        site = "www." + dom
        if v["links"] == "many":
            n = rng.randint(5, 12)
            paths = ["events", "register", "news/%d" % rng.randint(100, 999), "members", "about", "contact",
                     "program", "speakers", "sponsors", "archive", "subscribe", "calendar", "research"]
            links = [("https://%s/%s" % (site, p), p.split("/")[0].capitalize()) for p in rng.sample(paths, n - 1)]
            links.append(("https://%s/unsubscribe?e=%s" % (site, token(rng, 12)), "Unsubscribe"))
        else:
            links = [("https://%s/%s" % (site, rng.choice(["register", "events", "offer", "newsletter"])),
                      "Read more")]
        sig = "%s\n%s | %s" % (org[1], org[2], site)
        body = body_mime(v["format"], paras, links, sig, accent=v["format"] in ("alternative-qp", "html-base64"))
        to = {"absent": None, "self": sender, "list": listaddr}[v["to_shape"]]
        headers = [("From", fmt_addr(org[1], sender))]
        if to:
            headers.append(("To", to))
        headers += [("Subject", subject), ("List-Unsubscribe", "<%s>" % links[-1][0]) if v["links"] == "many"
                    else ("X-Mailer", "ListManager"), ("X-From", org[1]), ("X-To", to or ""), ("X-cc", ""),
                    ("X-bcc", "")]
        rec = dict(v, sender=sender, subject=subject, url=links[0][0], to=to or "",
                   link_hosts=sorted({h for u, _ in links for h in hosts_of(u)}), n_links=len(links))
        self.emit(mb, i, t, "ctl-bulletin", body, headers, rec)

    def internal(self, mb, v):
        rng, b = self.rng, self.boxes[mb]
        kind = v["control_kind"]
        if kind == "doc-share":
            def ok(i):
                return bool(doc_sharers(b, i))
            i, t = self.position(mb, ok)
            sender, usual = rng.choice(doc_sharers(b, i))
            pick = rng.sample(usual, min(len(usual), rng.randint(2, 5)))
            rcpts = pick + [b.owner]
            rng.shuffle(rcpts)
            name = b.names.get(sender) or M.display_name("", sender)
            did = token(rng, 33, string.ascii_letters + string.digits + "-_")
            what = rng.choice(["document", "spreadsheets"])
            url = "https://docs.google.com/%s/d/1%s/edit?usp=sharing" % (what, did)
            title = rng.choice(["Q%d volumes" % rng.randint(1, 4), "meeting notes", "deal tracker",
                                "contract summary draft", "org chart draft", "offsite agenda"])
            subject = rng.choice(["%s", "Shared: %s", "%s - comments please"]) % title
            paras = ["I put the %s in a Google doc so we can all edit the same copy." % title,
                     "Add your comments by Thursday if you can."]
            links = [(url, "Open \"%s\"" % title)]
            headers = [("From", sender), ("To", ", ".join(rcpts)), ("Subject", subject)]
            field = "To"
        else:
            def ok(i):
                return len(b.colleagues_before(i)) >= 45 and bool(announcers(b, i))
            i, t = self.position(mb, ok)
            sender = rng.choice(announcers(b, i))
            name = b.names.get(sender) or M.display_name("", sender)
            col = [a for a in b.colleagues_before(i) if a != sender and a not in b.owner_set]
            n = rng.randint(8, 40)
            rcpts = rng.sample(col, n) + [b.owner]
            rng.shuffle(rcpts)
            site, subject, paras, cta = rng.choice(ANNOUNCE[kind])
            site = site.format(t=token(rng, 4))
            url = "https://%s/%s" % (site, rng.choice(["enron", "enroll/enron", "s/%s" % token(rng, 8),
                                                       "2001/%s.html" % token(rng, 6)]))
            links = [(url, cta)]
            field = v["field"]
            if field == "Bcc":
                headers = [("From", sender), ("To", sender), ("Subject", subject)]
            else:
                headers = [("From", sender), ("To", ", ".join(rcpts)), ("Subject", subject)]
        sig = name or sender
        body = body_mime(v["format"], paras, links, sig, accent=v["format"] in ("alternative-qp", "html-base64"))
        headers += [("X-From", name), ("X-To", dict(headers).get("To", "")), ("X-cc", ""), ("X-bcc", "")]
        rec = dict(v, sender=sender, subject=subject, url=url, recipients=rcpts, n_colleagues=len(rcpts) - 1,
                   link_hosts=hosts_of(url))
        rec["field"] = field
        self.emit(mb, i, t, "ctl-internal", body, headers, rec)

    def domain_control(self, mb, v):
        rng, b = self.rng, self.boxes[mb]
        kind = v["control_kind"]

        def ok(i):
            return any(b.domain_senders(d, i) and sister_domain(d, kind, random.Random(0))
                       for d in b.correspondent_domains(i)[0])

        i, t = self.position(mb, ok)
        doms, basis = b.correspondent_domains(i)
        doms = [d for d in doms if b.domain_senders(d, i) and sister_domain(d, kind, random.Random(0))]
        for _ in range(200):
            d = rng.choice(doms)
            nd = sister_domain(d, kind, rng)
            if nd and not b.seen_domain(nd):
                break
        else:
            raise SystemExit("gen.py: no sister domain for %s" % mb)
        real = rng.choice(b.domain_senders(d, i))
        rname = b.names.get(real) or M.display_name("", real) or real.split("@")[0]
        company = d.split(".")[0].upper()
        links = []
        if kind == "sister-rename":
            sender, name = "%s@%s" % (real.split("@")[0], nd), rname
            subject = rng.choice(["New e-mail address", "Please update my address", "%s is now %s" % (
                company, nd.split(".")[0].upper())])
            paras = ["As of this week our company name has changed and our e-mail addresses moved to %s. My old "
                     "address will keep working for a few months, but please update your address book." % nd,
                     "Nothing else changes: same phone numbers, same people, same contracts."]
            if rng.random() < 0.5:
                links = [("http://www.%s/" % nd, "www.%s" % nd)]
        elif kind == "sister-country":
            fn, ln = person(rng)
            name = "%s %s" % (fn, ln)
            sender = "%s.%s@%s" % (fn.lower(), ln.lower(), nd)
            subject = rng.choice(["Introduction from our %s office" % nd.split(".", 1)[1],
                                  "Follow-up on the %s discussion" % company, "Meeting next week"])
            paras = ["%s passed me your name; I look after the same business for %s in our %s office." % (
                rname, company, nd.split(".", 1)[1]),
                "Would you have half an hour next week for a call? Any time Tuesday or Wednesday suits me."]
            if rng.random() < 0.5:
                links = [("http://www.%s/" % nd, "www.%s" % nd)]
        else:
            fn, ln = person(rng)
            name = "%s %s" % (fn, ln)
            sender = "%s@%s" % (rng.choice(["%s.%s" % (fn.lower(), ln.lower()), fn[0].lower() + ln.lower()]), nd)
            subject = rng.choice(["Conference panel invitation", "Question about your research note",
                                  "Speaker request", "Introduction"])
            paras = ["I am organising a panel on energy markets for our members in the spring and your name came "
                     "up as someone who could speak to it.",
                     "Let me know if you would consider it and I can send the details."]
            if rng.random() < 0.5:
                links = [("http://www.%s/events" % nd, "Event page")]
        sig = "Best regards,\n%s" % name
        body = body_mime(v["format"], paras, links, sig, accent=v["format"] in ("alternative-qp", "html-base64"))
        headers = [("From", fmt_addr(name, sender)), ("To", b.owner), ("Subject", subject),
                   ("X-From", name), ("X-To", b.owner), ("X-cc", ""), ("X-bcc", "")]
        url = links[0][0] if links else ""
        rec = dict(v, sender=sender, subject=subject, url=url, resembles=d, resembled_sender=real, established_by=basis,
                   new_domain=nd, link_hosts=hosts_of(url))
        self.emit(mb, i, t, "ctl-domain", body, headers, rec)

    # -------------------------------------------------------- output
    def write(self, out):
        os.makedirs(out, exist_ok=True)
        legit = []
        for mb in MAILBOXES:
            b = self.boxes[mb]
            after = {}
            for i, t, s, chunk in sorted(self.inject[mb]):
                after.setdefault(i, []).append(chunk)
            with open(os.path.join(out, mb + ".mbox"), "wb") as f:
                for k, c in enumerate(b.chunks):
                    f.write(c)
                    if not c.endswith(b"\n\n"):
                        f.write(b"\n" if c.endswith(b"\n") else b"\n\n")
                    for x in after.get(k, []):
                        f.write(x)
            for m in b.msgs:
                legit.append({"mailbox": mb, "message_id": m.mid, "from": m.sender, "subject": m.subject,
                              "date": time.strftime("%Y-%m-%d %H:%M", time.gmtime(m.t)) if m.t else ""})
        with open(os.path.join(out, "manifest.jsonl"), "w") as f:
            for r in self.manifest:
                f.write(json.dumps(r, sort_keys=True) + "\n")
        with open(os.path.join(out, "legit.jsonl"), "w") as f:
            for r in legit:
                f.write(json.dumps(r, sort_keys=True) + "\n")


BULLETIN_ORGS = [("gulfenergyforum.org", "Gulf Coast Energy Forum", "Houston, TX"),
                 ("powermarketsweekly.com", "Power Markets Weekly", "Washington, DC"),
                 ("riskdesk-events.com", "RiskDesk Events", "New York, NY"),
                 ("texastradeassn.org", "Texas Trade Association", "Austin, TX"),
                 ("pipelineconf.com", "Pipeline & Storage Conference", "Denver, CO"),
                 ("officesupplyplus.net", "OfficeSupply Plus", "Dallas, TX"),
                 ("execeducation-rice.org", "Executive Education Series", "Houston, TX"),
                 ("energyanalytix.com", "EnergyAnalytix", "Boston, MA"),
                 ("corporatetravelpro.com", "Corporate Travel Pro", "Chicago, IL"),
                 ("gasdailybrief.com", "Gas Daily Brief", "Houston, TX"),
                 ("womenenergy-network.org", "Women's Energy Network", "Houston, TX"),
                 ("softwarefortraders.com", "Software for Traders", "San Jose, CA")]
BULLETIN_TEXT = {
    "newsletter": [("{org}: {m} newsletter", ["This month in {org}: regulatory updates, market commentary and "
                                              "member news.", "Read the full issue on our website."]),
                   ("{m} market review from {org}", ["Our {m} review covers gas storage, power prices and the "
                                                     "outlook for the summer.", "Thank you for reading."])],
    "event": [("Register now: {org} annual conference", ["Join us for two days of panels and networking. Early "
                                                         "registration closes soon.", "See the program and "
                                                         "speakers online."]),
              ("Invitation: {org} breakfast briefing", ["You are invited to our breakfast briefing on market "
                                                        "design.", "Seating is limited; please register."])],
    "promotion": [("{org}: 20% off for new accounts this month", ["New business customers save 20% on their "
                                                                   "first order.", "Browse the catalogue online."]),
                  ("Introducing the new {org} service", ["We are pleased to introduce our new service for trading "
                                                         "desks.", "Request a demo on our website."])],
}
ANNOUNCE = {
    "benefits": [("benefits.{t}-enrollnow.com", "Benefits enrollment is open",
                  ["Open enrollment for next year's benefits runs through the end of the month. This year enrollment is "
                   "handled by our new benefits administrator.", "Please review your elections on their site."],
                  "Benefits enrollment site")],
    "event-signup": [("www.{t}events-reg.com", "Holiday party - please RSVP",
                      ["The holiday party is on the 15th. Please sign up so we can get a head count.",
                       "Spouses and guests welcome."], "RSVP here"),
                     ("www.{t}charityrun.org", "Join the Enron team for the charity run",
                      ["We are putting together a team for the charity 5K. Sign up on the event site.",
                       "T-shirts for everyone who registers by Friday."], "Sign up")],
    "survey": [("www.{t}-surveyhub.com", "Please take the employee survey",
                ["We would like your views on the new floor layout. The survey takes five minutes and is "
                 "anonymous.", "Thanks for helping."], "Take the survey")],
    "press": [("www.{t}energynews.com", "Press coverage of our group",
               ["Our group got a nice write-up in the trade press this week. Worth a read.",
                "Thanks to everyone who worked on the deal."], "Read the article")],
}


def base_subject(s):
    s = s.strip()
    while s[:3].upper() in ("RE:", "FW:") or s[:4].upper() == "FWD:":
        s = s.split(":", 1)[1].strip()
    return s


def quote_of(m, b):
    text = M.body_text(m.raw)
    lines = [l.rstrip() for l in text.split("\n") if l.strip()][:6]
    return "\n".join(l if not l.startswith("From ") else ">" + l for l in lines)


def hosts_of(url):
    if not url:
        return []
    h = url.split("//", 1)[-1].split("/", 1)[0].split("?", 1)[0].lower()
    return [h]


DIGIT = {"o": "0", "l": "1", "i": "1", "e": "3", "a": "4", "s": "5", "b": "8", "g": "9", "t": "7"}
HOMO = {"a": "\u0430", "c": "\u0441", "e": "\u0435", "o": "\u043e", "p": "\u0440", "x": "\u0445",
        "y": "\u0443", "i": "\u0456", "s": "\u0455", "j": "\u0458"}
TLDS = ["net", "co", "org", "us", "biz", "info", "com"]
WORDS = ["-billing", "-secure", "-hr", "-mail", "-payments", "-invoice"]


def lookalike_domain(d, tech, rng):
    label, _, tld = d.partition(".")
    if len(label) < 3 or not label.isalnum():
        return None
    pos = list(range(1, len(label) - 1)) or [0]
    if tech == "transposition":
        c = [k for k in range(len(label) - 1) if label[k] != label[k + 1]]
        if not c:
            return None
        k = rng.choice(c)
        nl = label[:k] + label[k + 1] + label[k] + label[k + 2:]
    elif tech == "omission":
        if len(label) < 4:
            return None
        k = rng.choice(pos)
        nl = label[:k] + label[k + 1:]
    elif tech == "doubled":
        k = rng.choice(range(len(label)))
        nl = label[:k] + label[k] + label[k:]
    elif tech == "digit":
        c = [k for k, ch in enumerate(label) if ch in DIGIT]
        if not c:
            return None
        k = rng.choice(c)
        nl = label[:k] + DIGIT[label[k]] + label[k + 1:]
    elif tech == "hyphen":
        if len(label) < 4:
            return None
        k = rng.choice(range(2, len(label) - 1))
        nl = label[:k] + "-" + label[k:]
    elif tech == "tld-swap":
        nt = rng.choice([x for x in TLDS if x != tld])
        return "%s.%s" % (label, nt)
    elif tech == "added-word":
        nl = label + rng.choice(WORDS)
    elif tech == "subdomain":
        return "%s.%s" % (label, rng.choice(["secure-docview.net", "account-portal.info", "mailsvc-login.com",
                                             "invoice-center.net", "remit-online.co"]))
    elif tech == "punycode":
        c = [k for k, ch in enumerate(label) if ch in HOMO]
        if not c:
            return None
        k = rng.choice(c)
        u = label[:k] + HOMO[label[k]] + label[k + 1:]
        try:
            nl = u.encode("idna").decode()
        except UnicodeError:
            return None
    else:
        raise ValueError(tech)
    if nl == label:
        return None
    return "%s.%s" % (nl, tld)


def sister_domain(d, kind, rng):
    label, _, tld = d.partition(".")
    if len(label) < 3 or not label.isalnum():
        return None
    if kind == "sister-country":
        return "%s.%s" % (label, rng.choice(["co.uk", "de", "ca", "com.au", "com.mx", "nl"]))
    if kind == "sister-rename":
        return "%s%s.com" % (label, rng.choice(["energy", "group", "holdings", "corp", "global"]))
    # chance resemblance: one letter changed to a letter that does not look like it
    letters = "bdfhkmnrtuw"
    k = rng.choice(range(len(label)))
    ch = rng.choice([x for x in letters if x != label[k]])
    return "%s%s%s.%s" % (label[:k], ch, label[k + 1:], tld)


def doc_sharers(b, i):
    """Colleagues who wrote to the owner and to 2+ other colleagues before index i, with those colleagues."""
    out = []
    for a, k0 in sorted(b.first_to_owner.items()):
        if k0 > i or not M.PERSON.match(a):
            continue
        usual = sorted({x for k in b.sent.get(a, []) if k <= i for x in b.msgs[k].to + b.msgs[k].cc
                        if M.PERSON.match(x)} - {a} - b.owner_set)
        if len(usual) >= 2:
            out.append((a, usual))
    return out


def announcers(b, i):
    return sorted(a for a, k0 in b.first_to_owner.items() if k0 <= i and M.PERSON.match(a))


def balanced(rng, values, n):
    out = [values[k % len(values)] for k in range(n)]
    rng.shuffle(out)
    return out


def plan(rng):
    """Every message to generate: (family, mailbox, variants), each variant value drawn evenly."""
    jobs = []
    spec = {
        "bcc1": {"sender_kind": ["fresh", "freemail", "compromised"],
                 "link": ["own", "hosting", "shortener", "form", "attach-html", "attach-pdf", "none"],
                 "theme": sorted(BCC_THEMES), "to_shape": ["absent", "undisclosed", "self", "sender-domain",
                                                          "made-up-enron"], "format": FORMATS},
        "lateral": {"history": ["with", "without"], "n_bucket": ["1", "2-5", "6-15", "16-40"],
                    "field": ["To", "Cc", "Bcc"], "link": ["new-hosting", "enron-lookalike", "mainstream-doc",
                                                           "shortener", "attach-html"],
                    "theme": sorted(LATERAL_THEMES), "format": FORMATS},
        "lookalike": {"technique": ["transposition", "omission", "doubled", "digit", "hyphen", "tld-swap",
                                    "added-word", "subdomain", "punycode"],
                      "reuse": ["local+display", "display", "local"], "link": ["none", "lookalike-site", "hosting"],
                      "format": FORMATS},
        "ctl-bulletin": {"control_kind": ["newsletter", "event", "promotion"], "to_shape": ["absent", "self", "list"],
                         "links": ["many", "many", "one"], "format": FORMATS},
        "ctl-internal": {"control_kind": ["benefits", "event-signup", "survey", "press", "doc-share"],
                         "field": ["To", "Bcc"], "format": FORMATS},
        "ctl-domain": {"control_kind": ["sister-country", "sister-rename", "chance"], "format": FORMATS},
    }
    for fam in ["bcc1", "lateral", "lookalike", "ctl-bulletin", "ctl-internal", "ctl-domain"]:
        n = PER_MAILBOX[fam] * len(MAILBOXES)
        mbs = balanced(rng, MAILBOXES, n)
        cols = {k: balanced(rng, vals, n) for k, vals in sorted(spec[fam].items())}
        for j in range(n):
            v = {k: cols[k][j] for k in sorted(cols)}
            jobs.append((fam, mbs[j], v))
        if fam == "lateral":
            with_ = [v for f, _, v in jobs if f == "lateral" and v["history"] == "with"]
            th = balanced(rng, ["yes", "no"], len(with_))
            for v, x in zip(with_, th):
                v["thread"] = x
            for f, _, v in jobs:
                if f == "lateral" and v["history"] == "without":
                    v["thread"] = "no"
    return jobs


def main():
    corpus, out, seed, owners = A.generator_arguments()
    g = Gen(corpus, owners, seed)
    for fam, mb, v in plan(g.rng):
        {"bcc1": g.bcc1, "lateral": g.lateral, "lookalike": g.lookalike, "ctl-bulletin": g.bulletin,
         "ctl-internal": g.internal, "ctl-domain": g.domain_control}[fam](mb, dict(v))
    g.write(out)
    print("# tune6: %d injected (%d attacks, %d controls)" % (
        len(g.manifest), sum(r["kind"] == "attack" for r in g.manifest),
        sum(r["kind"] == "control" for r in g.manifest)), file=sys.stderr)


if __name__ == "__main__":
    main()
