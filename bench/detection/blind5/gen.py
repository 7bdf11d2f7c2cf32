#!/usr/bin/env python3
"""blind5's generator (docs/EVALUATION-BLIND5.md): injects attacks of nine
families into the five owned Enron mailboxes, in Date order, each built only
from what the mailbox shows before the attack's Date, and writes two scenario
copies. Deterministic for a given --seed (Python's standard library only).

usage: gen.py --corpus CORPUS --out DIR --seed N --owner MAILBOX=ADDRESS...

Writes DIR/MAILBOX.mbox for the five mailboxes, DIR/scen-adopt.mbox (a copy
of kaminski-v) and DIR/scen-bucket.mbox (a copy of lokay-m), DIR/manifest.jsonl
(one line per injected message) and DIR/legit.jsonl (the archive's own
messages: mailbox, message_id, subject). Reuses blind4's mbox reader and MIME
writer by import (../blind4/mbox4.py)."""
import base64
import bisect
import email.header
import json
import os
import random
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "blind4"))
sys.path.insert(1, os.path.join(HERE, ".."))
import mbox4 as M  # noqa: E402
import owned_arguments as A  # noqa: E402

DAY = M.DAY
MAILBOXES = ["beck-s", "farmer-d", "kaminski-v", "lokay-m", "williams-w3"]
SCENARIOS = {"scen-adopt": "kaminski-v", "scen-bucket": "lokay-m"}
FAMILIES = ["masked", "hijack-part", "hijack-out", "bcc-first", "share-new", "tenant-new",
            "lookalike", "cloud-token", "lateral"]
# Four attacks per family and mailbox, one in each of these parts of the
# mailbox's span (fractions of first..last Date). When the mailbox shows
# nothing the family needs at the drawn moment, the moment moves later in
# 5-day steps (the manifest records the fraction used).
WINDOWS = [(0.04, 0.33), (0.33, 0.58), (0.58, 0.82), (0.82, 0.98)]


# ---------------------------------------------------------------- history

class Hist(M.Index):
    """blind4's Index plus blind5's own notion of an established
    correspondent and of who wrote to whom before a moment."""

    def __init__(self, mails, owner):
        super().__init__(mails)
        self.owner = owner
        on = owner.split("@")[0].split(".")
        self.owner_first, self.owner_last = on[0], on[-1]
        self.all_addresses = set()
        self.all_domains = set()
        for m in mails:
            for a in [m.sender] + m.to + m.cc:
                if a:
                    self.all_addresses.add(a)
                    self.all_domains.add(M.reg_domain(a.rpartition("@")[2]))
        self.hosts = M.link_hosts(mails)
        self.by_mid = {}
        for m in self.mails:
            if m.mid and m.mid not in self.by_mid:
                self.by_mid[m.mid] = m

    def is_owner(self, a):
        parts = a.split("@")[0].split(".")
        return M.local(a) and parts[0] == self.owner_first and parts[-1] == self.owner_last

    def established(self, a, t):
        """Outside (not enron, not freemail) address with >= 3 inbound
        messages before t, the first >= 14 days before t, and either a reply
        from the mailbox (an outbound message to it before t) or >= 5
        inbound messages."""
        dom = a.rpartition("@")[2]
        if M.local(a) or dom in M.FREEMAIL or M.reg_domain(dom).startswith("enron"):
            return False
        d = self.inb.get(a, [])
        n = bisect.bisect_left(d, t)
        if n < 3 or t - d[0] < 14 * DAY:
            return False
        return n >= 5 or bisect.bisect_left(self.out_to.get(a, []), t) > 0

    def est_list(self, t):
        return sorted(a for a in self.inb if self.established(a, t))

    def threads_with(self, a, t, span=240 * DAY):
        """Real messages before t (within span) a took part in, that have a
        subject and an id and name someone inside."""
        out = []
        for m in self.before(t, span):
            parts = [m.sender] + m.to + m.cc
            if a in parts and m.mid and len(m.subject) > 3 and any(M.local(x) for x in parts):
                out.append(m)
        return out

    def wrote_before(self, s, t):
        w = set()
        for m in self.before(t, t - self.first + 1):
            if m.sender == s:
                w.update(x for x in m.to + m.cc if M.local(x))
        return w


# ---------------------------------------------------------------- vocabulary

ATTACK_DOMAINS = {
    # family 1: where the masked href goes
    "masked": ["statement-viewer.net", "acctportal-secure.com", "docuvault-online.com",
               "remitcentral.net", "ledgerview-app.com"],
    # family 3: the outsider's own domains (some senders use freemail-like hosts)
    "hijack-out": ["harrowgate-consulting.com", "meridianclaims.net", "fernhill-advisors.com",
                   "quayside-settlements.com", "bellmont-audit.com"],
    # family 4: first-contact senders' professional-looking domains
    "bcc-first": ["corvellgroup.com", "tidemark-partners.com", "halvorsen-advisory.com",
                  "brightwater-capital.net", "oakridge-procurement.com", "stellant-energy.co",
                  "vantagetender.com", "kestrel-bidding.com", "norland-associates.com",
                  "silverbirch-consult.com"],
}
OUTSIDER_FREEMAIL = ["proton.me", "outlook.com", "gmx.com", "zohomail.com", "tutanota.com"]
# family 2 (and part of 3): a page on a site new here
HOSTED_PAGES = ["{s}.webflow.io", "{s}.framer.website", "sites.google.com/view/{s}",
                "{s}.wixsite.com/{s2}", "{s}.netlify.app", "{s}.vercel.app", "{s}.glitch.me",
                "{s}.carrd.co", "{s}.onrender.com", "{s}.mystrikingly.com", "{s}.square.site",
                "{s}.weebly.com"]
# family 5: file-share/transfer platforms (URL patterns)
SHARE_PLATFORMS = [
    ("fromsmash.com", "https://fromsmash.com/{w}-{x6}"),
    ("filemail.com", "https://www.filemail.com/d/{x16}"),
    ("transfernow.net", "https://www.transfernow.net/dl/{d8}{x8}"),
    ("swisstransfer.com", "https://www.swisstransfer.com/d/{uuid}"),
    ("pcloud.link", "https://u.pcloud.link/publink/show?code=XZ{x24}"),
    ("mega.nz", "https://mega.nz/file/{x8}#{x32}"),
    ("gofile.io", "https://gofile.io/d/{x6}"),
    ("tresorit.com", "https://send.tresorit.com/a#{x24}"),
    ("docsend.com", "https://docsend.com/view/{x16}"),
    ("files.fm", "https://files.fm/u/{x10}"),
]
# family 6: tenant platforms: (name, registrable host, URL pattern with {t})
TENANT_PLATFORMS = [
    ("SharePoint", "sharepoint.com", "https://{t}-my.sharepoint.com/:b:/g/personal/{u}/E{x24}?e={x6}"),
    ("Egnyte", "egnyte.com", "https://{t}.egnyte.com/fl/{x10}"),
    ("ShareFile", "sharefile.com", "https://{t}.sharefile.com/d-s{x16}"),
    ("Box", "box.com", "https://{t}.app.box.com/s/{x32}"),
]
ATTACK_TENANTS = ["northquaygroup", "docs-settlement", "hallisonfinance", "remitdesk",
                  "apinvoicecenter", "corvantpartners", "secure-filedrop", "ledgerhub01",
                  "trentwoodllc", "accountsreview"]
# family 7: how a look-alike is made
LOOK_METHODS = ["swap", "digit", "label", "tld", "drop", "double"]
LOOK_LABELS = ["-billing", "-payments", "-ap", "-invoice", "-remit"]
LOOK_TLDS = ["co", "net", "us", "biz", "org", "info"]
# family 8: look-alike tokens and cloud storage URL patterns
TOKENS = ["paypa1-billing", "rnicros0ft-docs", "d0cusign-secure", "ad0be-cloud", "0ffice365-verify",
          "wellsfarg0-online", "linkedln-invite", "arnex-statement", "dr0pbox-share", "1ntuit-invoice",
          "chase-0nline", "citi-secur3"]
CLOUDS = [
    ("s3", "https://{tok}.s3.amazonaws.com/{p}.html"),
    ("s3-path", "https://s3.us-east-2.amazonaws.com/{tok}-{x4}/{p}.html"),
    ("gcs", "https://storage.googleapis.com/{tok}/{p}.html"),
    ("azure-blob", "https://{tokc}{x4}.blob.core.windows.net/$web/{p}.html"),
    ("azure-web", "https://{tokc}.z13.web.core.windows.net/{p}.html"),
    ("r2", "https://pub-{x32}.r2.dev/{tok}/{p}.html"),
    ("firebase", "https://firebasestorage.googleapis.com/v0/b/{tok}.appspot.com/o/{p}.html?alt=media&token={uuid}"),
    ("do-spaces", "https://{tok}.nyc3.digitaloceanspaces.com/{p}.html"),
    ("b2", "https://f005.backblazeb2.com/file/{tok}/{p}.html"),
]
# family 9: pages and file-shares for the lateral message
LATERAL_PAGES = ["https://{s}.pages.dev/{p}", "https://{s}.{s2}.workers.dev/{p}",
                 "https://{s}.web.app/{p}", "https://forms.office.com/r/{x10}",
                 "https://ipfs.io/ipfs/bafybei{x32}/{p}.html", "https://{s}.weeblysite.com/{p}",
                 "https://form.jotform.com/{d8}{x4}", "https://{s}.firebaseapp.com/{p}"]
# scenario (a): one legitimate file-transfer platform adopted by many
ADOPT_PLATFORM = ("wetransfer.com", "https://wetransfer.com/downloads/{x32}/{x6}")
SLUGS = ["docreview", "portal-access", "securedocs", "fileviewer", "contract-center", "remit-view",
         "hr-update", "staff-portal", "esign-now", "benefits-confirm", "payroll-check", "it-helpdesk",
         "shared-files", "view-pdf", "doc-share", "verify-account"]
PAGES = ["index", "view", "login", "document", "review", "sign", "auth", "secure", "download", "open"]
DOCS = ["Q3 reconciliation", "signed agreement", "revised schedule", "remittance advice",
        "contract amendment", "capacity report", "settlement statement", "rate sheet",
        "confirmation letter", "credit application"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

# Lures: (style, subject, text). {link} is where the link goes; the rest are
# filled from the mailbox and the attack. Subjects of replies are "RE: <real>".
LURES = {
    "masked": [
        ("terse", "Statement {ref}", "{first},\n\nStatement is online now: {link}\n\nThx\n{sig}"),
        ("formal", "Revised account summary for {month}",
         "Dear {first},\n\nPlease find our revised account summary for {month} at the address below. "
         "Kindly review it before the end of the week so that we can close the period.\n\n{link}\n\n"
         "Best regards,\n{sig}"),
        ("non-native", "Kindly check the updated documents",
         "Hello {first},\n\nHope you are doing good. As discussed we have upload the updated documents "
         "to our portal, kindly check and revert back at the earliest.\n\n{link}\n\nThanks and regards\n{sig}"),
        ("german", "Aktualisierte Unterlagen {ref}",
         "Hallo {first},\n\nanbei der Link zu den aktualisierten Unterlagen. Bitte bis Freitag "
         "pr\u00fcfen.\n\n{link}\n\nViele Gr\u00fc\u00dfe\n{sig}"),
        ("casual", "the numbers you asked about",
         "Hi {first} - here are the numbers you asked about, it's all on our site now:\n\n{link}\n\n"
         "let me know if anything looks off.\n{sig}"),
    ],
    "hijack-part": [
        ("terse", None, "updated file: {link}\n\n{sig}"),
        ("formal", None, "{first},\n\nFurther to the below, the signed copy is now available for your "
         "review. You can access it here:\n\n{link}\n\nPlease confirm receipt.\n\nRegards,\n{sig}"),
        ("non-native", None, "Hi {first}, sorry for late reply. The file of this matter is too big for "
         "mail, please kindly download from here {link} and confirm me once done.\n\nBest\n{sig}"),
        ("spanish", None, "Hola {first},\n\nTe comparto la versi\u00f3n final del documento en este "
         "enlace:\n{link}\n\nQuedo atento a tus comentarios.\n\nSaludos,\n{sig}"),
        ("casual", None, "{first} - see the latest version here before we go further: {link}\n"
         "thanks!\n{sig}"),
    ],
    "hijack-out": [
        ("formal", None, "Dear {first},\n\nI am taking over this file from {prev}, who is out of the "
         "office until further notice. The document referred to below is available here:\n\n{link}\n\n"
         "Kind regards,\n{sig}"),
        ("terse", None, "see below - please action today\n{link}\n\n{sig}"),
        ("non-native", None, "Hello {first},\n\nFollowing this mail on behalf of {prev}. Kindly find the "
         "outstanding invoice copy in the link and do the needful.\n\n{link}\n\nThanks\n{sig}"),
        ("french", None, "Bonjour {first},\n\nSuite \u00e0 l'\u00e9change ci-dessous, vous trouverez le "
         "document mis \u00e0 jour ici :\n{link}\n\nCordialement,\n{sig}"),
        ("casual", None, "Hi {first}, jumping in for {prev} on this one. Here's the file everyone's "
         "been waiting for: {link}\n\n{sig}"),
    ],
    "bcc-first": [
        ("formal", "Proposal for Enron - {ref}",
         "Good afternoon,\n\nOn behalf of {attorg}, I am pleased to share our proposal for your review. "
         "The document can be accessed securely here:\n\n{link}\n\nWe would welcome the opportunity to "
         "discuss it at your convenience.\n\nKind regards,\n{sig}"),
        ("terse", "Invoice {ref} due", "Hello,\n\nInvoice {ref} for payment: {link}\n\nRegards,\n{sig}"),
        ("non-native", "RFQ documents - kindly review",
         "Dear Sir/Madam,\n\nWe are interest to cooperate with your esteemed company. Please find our "
         "company profile and RFQ documents in below link and kindly give us your best quote.\n\n"
         "{link}\n\nBest Regards\n{sig}"),
        ("portuguese", "Proposta comercial {ref}",
         "Prezados,\n\nSegue o link para a nossa proposta comercial:\n\n{link}\n\nAtenciosamente,\n{sig}"),
        ("formal", "Shared document: {month} pricing schedule",
         "Hello,\n\n{attorg} has shared the {month} pricing schedule with you. Open the document:\n\n"
         "{link}\n\nThis link will expire in 5 days.\n\n{sig}"),
    ],
    "share-new": [
        ("casual", "{doc}", "Hi {first},\n\nthe files are too large to email so I've put them here:\n\n"
         "{link}\n\n(link expires in 7 days)\n\n{sig}"),
        ("formal", "{doc} - secure transfer",
         "Dear {first},\n\nPlease find the {doc} via the secure transfer link below.\n\n{link}\n\n"
         "Should you have any questions, do not hesitate to contact me.\n\nBest regards,\n{sig}"),
        ("non-native", "Documents for your kind review",
         "Dear {first},\n\nGood day. Please kindly download the {doc} from below link, the size is "
         "big so we use transfer service.\n\n{link}\n\nThanks & Regards\n{sig}"),
        ("german", "Dateien: {doc}",
         "Hallo {first},\n\ndie Dateien sind zu gro\u00df f\u00fcr E-Mail, hier der Download-Link:\n\n"
         "{link}\n\nGru\u00df\n{sig}"),
        ("terse", "{doc}", "{doc}: {link}\n\n{sig}"),
    ],
    "tenant-new": [
        ("casual", "{doc}", "Hi {first},\n\nI've put the {doc} on our document site: {link}\n\n"
         "Shout if you can't open it.\n{sig}"),
        ("formal", "Document shared with you: {doc}",
         "Dear {first},\n\nWe have moved our document exchange to a new portal. The {doc} is "
         "available for your review here:\n\n{link}\n\nPlease sign in with your usual e-mail address.\n\n"
         "Regards,\n{sig}"),
        ("non-native", "Please review {doc}",
         "Hi {first},\n\nkindly review the {doc} in our new shared folder and revert with your "
         "comments.\n\n{link}\n\nRegards\n{sig}"),
        ("spanish", "Documento compartido: {doc}",
         "Hola {first},\n\nte dejo el {doc} en nuestra carpeta compartida:\n{link}\n\nUn saludo,\n{sig}"),
        ("terse", "{doc}", "{link}\n\n{sig}"),
    ],
    "lookalike": [
        ("formal", "Change of remittance details",
         "Dear {first},\n\nPlease note that our banking details have changed with effect from this "
         "month. The updated remittance form is available here:\n\n{link}\n\nKindly update your records "
         "before the next payment run.\n\nRegards,\n{sig}"),
        ("terse", "Overdue invoice {ref}", "{first},\n\nInvoice {ref} is overdue. View and settle: {link}\n\n{sig}"),
        ("non-native", "Urgent: payment confirmation required",
         "Dear {first},\n\nWe did not received the payment for last invoices. Kindly confirm the "
         "payment status in the below link as soon as possible.\n\n{link}\n\nBest regards\n{sig}"),
        ("spanish", "Actualizaci\u00f3n de datos bancarios",
         "Estimado {first}:\n\nLe informamos que hemos actualizado nuestros datos bancarios. Puede "
         "consultar el nuevo formulario aqu\u00ed:\n\n{link}\n\nAtentamente,\n{sig}"),
        ("casual", "quick one - new invoice portal",
         "Hi {first}, we've switched invoicing systems, your copy of {ref} is here: {link}\n\ncheers\n{sig}"),
    ],
    "cloud-token": [
        ("formal", "Document ready for signature: {doc}",
         "Dear {first},\n\nThe {doc} is ready for your electronic signature. Please review and sign "
         "at your earliest convenience:\n\n{link}\n\nThank you,\n{sig}"),
        ("terse", "{doc}.pdf", "Shared: {doc}.pdf\n{link}\n\n{sig}"),
        ("non-native", "Secured file shared to you",
         "Hello {first},\n\nI have shared to you a secured file regarding {doc}. Kindly login with "
         "your email to view it.\n\n{link}\n\nRegards\n{sig}"),
        ("german", "Dokument zur Unterschrift",
         "Hallo {first},\n\nbitte das Dokument ({doc}) pr\u00fcfen und unterschreiben:\n\n{link}\n\n"
         "Danke und Gru\u00df\n{sig}"),
        ("casual", "can you look at this", "Hi {first} - can you look at this before our call? {link}\n\n{sig}"),
    ],
    "lateral": [
        ("formal", "Action required: policy acknowledgement",
         "All,\n\nPlease review and e-sign the updated policy acknowledgement by Friday. It takes two "
         "minutes:\n\n{link}\n\nThank you,\n{sig}"),
        ("terse", "pls review & sign", "pls review and sign asap\n{link}\n\n{sig}"),
        ("credential", "Mailbox re-validation before {nextmonth} 15",
         "Team,\n\nOur mail accounts are being migrated. To keep access, re-confirm your network "
         "password on the page below before {nextmonth} 15:\n\n{link}\n\n{sig}"),
        ("casual", "shared with you: {doc}",
         "Hi all - I've shared the {doc} with everyone, take a look when you get a chance:\n{link}\n\n{sig}"),
        ("formal", "Updated bonus schedule - confidential",
         "Colleagues,\n\nThe updated bonus schedule is attached in the secure folder below. Please sign in "
         "to review your line before it is finalised.\n\n{link}\n\nRegards,\n{sig}"),
    ],
}
SETUP_LURES = [
    "Hi {first},\n\nI've put the {doc} on our {plat} site: {link}\n\nThanks,\n{sig}",
    "{first},\n\nThe {doc} is in our {plat} folder here:\n{link}\n\nRegards,\n{sig}",
    "Dear {first},\n\nPlease find the {doc} on our {plat} workspace.\n\n{link}\n\nBest regards,\n{sig}",
]
ADOPT_LURES = [
    "Hi {first},\n\nThe files are too big for e-mail so I sent them through WeTransfer:\n{link}\n\n"
    "They stay up for a week.\n\n{sig}",
    "{first},\n\nData files for our discussion are here (WeTransfer): {link}\n\nRegards,\n{sig}",
    "Dear {first},\n\nAs promised, please download the presentation and model from the link below.\n\n"
    "{link}\n\nBest regards,\n{sig}",
    "Vince - the full data set is on WeTransfer, {link} . Let me know if the download gives trouble.\n\n{sig}",
]
BUCKET_LURE = ("Updated remittance statement - {org}",
               "Hello {first},\n\nPlease find your updated remittance statement from {org} at the secure "
               "link below.\n\n{link}\n\nThank you for your business.\n\n{sig}")
FORMATS = ["plain", "html", "alt", "mixed-pdf"]


# ---------------------------------------------------------------- helpers

def hexs(rng, n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def alnum(rng, n):
    return "".join(rng.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(n))


def fill_url(pat, rng, **kw):
    v = {"x4": hexs(rng, 4), "x6": alnum(rng, 6), "x8": hexs(rng, 8), "x10": alnum(rng, 10),
         "x16": hexs(rng, 16), "x24": alnum(rng, 24), "x32": hexs(rng, 32),
         "d8": "%08d" % rng.randrange(10 ** 8), "w": rng.choice(["Proud", "Quiet", "Brave", "Lucky"]),
         "uuid": "%s-%s-%s-%s-%s" % (hexs(rng, 8), hexs(rng, 4), hexs(rng, 4), hexs(rng, 4), hexs(rng, 12)),
         "s": rng.choice(SLUGS) + "-" + hexs(rng, 4), "s2": rng.choice(SLUGS).replace("-", ""),
         "p": rng.choice(PAGES)}
    v.update(kw)
    return pat.format(**v)


def url_host(u):
    return u.split("/")[2].split(":")[0].lower()


def first_name(name, addr):
    n = (name or "").replace('"', "").strip()
    if "," in n:
        n = n.split(",", 1)[1].strip()
    tok = n.split()
    if tok and tok[0].isalpha():
        return tok[0].capitalize()
    return addr.split("@")[0].split(".")[0].split("_")[0].capitalize()


def display(name, addr):
    if name:
        return name.replace('"', "").strip()
    parts = [p for p in addr.split("@")[0].replace("_", ".").split(".") if p.isalpha()]
    return " ".join(p.capitalize() for p in parts) or addr.split("@")[0]


def org_label(addr):
    d = M.reg_domain(addr.rpartition("@")[2])
    return d.split(".")[0]


def org_name(addr):
    lab = org_label(addr)
    return lab.upper() if len(lab) <= 4 else lab.replace("-", " ").title()


def base_subject(s):
    s = s.strip()
    while True:
        low = s.lower()
        for p in ("re:", "fw:", "fwd:", "re :"):
            if low.startswith(p):
                s = s[len(p):].strip()
                break
        else:
            return s


def enc_subject(s):
    if all(ord(c) < 128 for c in s):
        return s
    return email.header.Header(s, "utf-8").encode()


def html_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_html(text, url, anchor):
    """text's paragraphs as HTML; the line holding {link} becomes an anchor
    to url showing anchor."""
    out = []
    for para in text.split("\n\n"):
        lines = []
        for line in para.split("\n"):
            if "{link}" in line:
                a, _, b = line.partition("{link}")
                lines.append('%s<a href="%s">%s</a>%s' % (html_escape(a), html_escape(url),
                                                          html_escape(anchor), html_escape(b)))
            else:
                lines.append(html_escape(line))
        out.append("<p>" + "<br>\n".join(lines) + "</p>")
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>\n'
            '<body style="font-family:Calibri,Arial,sans-serif;font-size:11pt">\n%s\n</body></html>\n'
            % "\n".join(out))


def pdf_with_link(url, caption):
    """A one-page PDF whose page carries a link annotation to url."""
    esc = url.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = "BT /F1 16 Tf 72 700 Td (%s) Tj ET" % caption.replace("(", "").replace(")", "")
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [4 0 R] /Contents 5 0 R "
        "/Resources << /Font << /F1 6 0 R >> >> >>",
        "<< /Type /Annot /Subtype /Link /Rect [72 680 540 720] /Border [0 0 0] "
        "/A << /S /URI /URI (%s) >> >>" % esc,
        "<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = "%PDF-1.4\n"
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(out))
        out += "%d 0 obj\n%s\nendobj\n" % (i + 1, o)
    x = len(out)
    out += "xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += "".join("%010d 00000 n \n" % o for o in offs)
    out += "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    return out.encode("latin-1")


def text_leaf(ctype, text, b64=False):
    if b64:
        return M.leaf(ctype, text, "base64")
    if all(ord(c) < 128 for c in text):
        return M.leaf(ctype, text)
    return M.leaf(ctype, text, "quoted-printable")


def build_body(fmt, text, url, anchor, bnd, shown_text_url=None, pdf_name=None, quoted=""):
    """The MIME body for a format: plain (text/plain), html (text/html only,
    base64), alt (multipart/alternative), mixed-pdf (alternative plus a PDF
    whose page links url). quoted is appended to the text (a reply's quote)."""
    plain = text.replace("{link}", shown_text_url or url) + quoted
    html = to_html(text + quoted.replace("{", "(").replace("}", ")"), url, anchor)
    if fmt == "plain":
        return text_leaf("text/plain", plain)
    if fmt == "html":
        return text_leaf("text/html", html, b64=True)
    alt = M.multipart("alternative", bnd + "_alt", [text_leaf("text/plain", plain), text_leaf("text/html", html)])
    if fmt == "alt":
        return alt
    pdf = base64.encodebytes(pdf_with_link(url, "Open the document online")).decode("ascii")
    att = ('Content-Type: application/pdf; name="%s"\nContent-Transfer-Encoding: base64\n'
           'Content-Disposition: attachment; filename="%s"\n\n%s' % (pdf_name, pdf_name, pdf))
    return M.multipart("mixed", bnd + "_mix", [alt, att])


def quote_block(orig):
    """An Outlook-style quote of a real message (its first lines)."""
    body = orig.body()
    lines = [ln.rstrip() for ln in body.replace("\r\n", "\n").split("\n")]
    lines = [ln for ln in lines if ln.strip()][:14]
    head = "\n\n-----Original Message-----\nFrom: %s\nSent: %s\nTo: %s\nSubject: %s\n\n" % (
        orig.name or orig.sender, time.strftime("%A, %B %d, %Y %I:%M %p", time.gmtime(orig.date)),
        "; ".join(orig.to[:4]), orig.subject)
    return head + "\n".join(lines) + "\n"


# ---------------------------------------------------------------- generator

class Gen:
    def __init__(self, seed, corpus, owners):
        self.seed = seed
        self.corpus = corpus
        self.owners = owners
        self.mails = {}
        self.hist = {}
        self.out = {}       # copy name -> [(t, text, record)]
        self.manifest = []
        self.serial = 0
        self.used_hosts = {}  # copy name -> hosts already linked by injected mail
        self.used_senders = {}

    def load(self, mb):
        if mb not in self.hist:
            ms = M.parse_mailbox(os.path.join(self.corpus, "enron", mb + ".mbox"))
            self.mails[mb] = ms
            self.hist[mb] = Hist(ms, self.owners[mb])
        return self.hist[mb]

    def rng(self, *parts):
        return random.Random("blind5/%d/%s" % (self.seed, "/".join(str(p) for p in parts)))

    def new_host_ok(self, copy, h, host):
        reg = M.reg_domain(host)
        if host in h.hosts or any(x == reg or x.endswith("." + reg) for x in h.hosts if reg not in PLATFORM_REGS):
            return False
        return host not in self.used_hosts.get(copy, set())

    def emit(self, copy, t, headers, body, rec):
        self.serial += 1
        rec["serial"] = self.serial
        rec["mailbox"] = copy
        rec["date"] = time.strftime("%Y-%m-%d %H:%M", time.gmtime(t))
        headers = list(headers) + [("X-Blind5-Id", "%s/%s/%d" % (rec["kind"], rec["family"], self.serial))]
        text = M.message(headers, body)
        self.out.setdefault(copy, []).append((t, self.serial, text))
        self.manifest.append(rec)
        if rec.get("url"):
            self.used_hosts.setdefault(copy, set()).add(url_host(rec["url"]))

    def mid(self, rng, sender):
        dom = sender.rpartition("@")[2]
        if M.local(sender):
            return "%d.%d.JavaMail.evans@thyme" % (rng.randrange(10 ** 7, 10 ** 8), 1075800000000 + rng.randrange(10 ** 8))
        return "%s.%s@%s" % (hexs(rng, 12).upper(), hexs(rng, 6).upper(), "mail." + dom if dom.count(".") == 1 else dom)

    def base_headers(self, rng, t, sender, name, to, cc=(), subject=""):
        hs = [("Message-ID", "<%s>" % self.mid(rng, sender)), ("Date", M.rfc_date(t)),
              ("From", M.addr_field(name, sender))]
        if isinstance(to, str):
            hs.append(("To", to))
        else:
            hs.append(("To", ", ".join(to)))
        if cc:
            hs.append(("Cc", ", ".join(cc)))
        hs.append(("Subject", enc_subject(subject)))
        return hs

    # -- moments

    def moment(self, h, rng, w, need):
        """A moment in window w at which need(t) finds candidates, moving
        later in 5-day steps; (t, candidates) or (None, None)."""
        lo, hi = WINDOWS[w % len(WINDOWS)]
        span = h.last - h.first
        t = h.first + int(span * rng.uniform(lo, hi))
        t -= t % 60
        while t < h.last - DAY:
            c = need(t)
            if c:
                return t, c
            t += 5 * DAY
        return None, None

    # -- the nine families

    def fill(self, rng, lure, h, t, sender, sname, extra):
        v = {"first": first_name(h.name.get(h.owner, ""), h.owner), "sig": sname,
             "ref": "%s-%d" % (rng.choice(["INV", "ST", "PO", "REF", "AC"]), rng.randrange(10000, 99999)),
             "month": MONTHS[time.gmtime(t).tm_mon - 1], "nextmonth": MONTHS[time.gmtime(t).tm_mon % 12],
             "doc": rng.choice(DOCS)}
        v.update(extra)
        subj = lure[1].format(**v) if lure[1] else None
        body = lure[2].replace("{link}", "\x00").format(**v).replace("\x00", "{link}")
        return subj, body

    def pick(self, rng, mb, fam, cands, key=lambda c: c):
        """A random candidate whose sender this family has not yet used in
        this mailbox, when there is one."""
        used = self.used_senders.setdefault((mb, fam), set())
        fresh = [c for c in cands if key(c) not in used]
        c = rng.choice(fresh or cands)
        used.add(key(c))
        return c

    def run_family(self, mb, fam, k):
        h = self.load(mb)
        rng = self.rng(mb, fam, k)
        fn = getattr(self, "f_" + fam.replace("-", "_"))
        return fn(mb, h, rng, k)

    def lure_and_format(self, fam, mb, k, masked=False):
        j = MAILBOXES.index(mb)
        lures = LURES[fam]
        lure = lures[(k + 2 * j) % len(lures)]
        fmts = ["html", "alt", "mixed-pdf"] if masked else FORMATS
        fmt = fmts[(k + j) % len(fmts)]
        return lure, fmt

    def send(self, copy, h, rng, t, fam, kind, sender, sname, to, cc, lure, fmt, url, anchor, extra,
             rec, shown=None, reply_to=None, more_headers=(), subject=None):
        subj, body = self.fill(rng, lure, h, t, sender, sname, extra)
        if subject is not None:
            subj = subject
        quoted = ""
        hs = self.base_headers(rng, t, sender, sname, to, cc, subj)
        if reply_to is not None:
            quoted = quote_block(reply_to)
            refs = reply_to.mid
            hs.append(("In-Reply-To", reply_to.mid))
            hs.append(("References", refs))
            rec["in_reply_to"] = reply_to.mid.strip("<>")
        hs += list(more_headers)
        bnd = "----=_NextPart_%s" % hexs(rng, 16)
        pdfname = "%s.pdf" % rng.choice(["Document", "Statement", "Invoice_%d" % rng.randrange(1000, 9999),
                                         "Agreement", "Scan_%s" % hexs(rng, 6)])
        b = build_body(fmt, body, url, anchor, bnd, shown_text_url=shown, pdf_name=pdfname, quoted=quoted)
        rec.update({"kind": kind, "family": fam, "sender": sender, "format": fmt, "style": lure[0],
                    "url": url, "recipients": len(to if not isinstance(to, str) else []) + len(cc)})
        hs_mid = hs[0][1].strip("<>")
        rec["message_id"] = hs_mid
        rec["fraction"] = round((t - h.first) / (h.last - h.first), 3)
        self.emit(copy, t, hs, b, rec)

    def anchor_for(self, rng, url, style):
        if style in ("german",):
            return rng.choice(["Dokument \u00f6ffnen", url])
        if style in ("spanish", "portuguese"):
            return rng.choice(["Ver documento", url])
        if style == "french":
            return "Ouvrir le document"
        return rng.choice(["View document", "Open", "Review here", url, "Download files", "Click here"])

    def recipients_inside(self, h, m):
        return [x for x in dict.fromkeys(m.to + m.cc + [m.sender])
                if M.local(x) and not h.is_owner(x) and PLAIN.match(x)][:4]

    def f_masked(self, mb, h, rng, k):
        t, cands = self.moment(h, rng, k, h.est_list)
        if t is None:
            return False
        c = self.pick(rng, mb, "masked", cands)
        lure, fmt = self.lure_and_format("masked", mb, k, masked=True)
        dom = ATTACK_DOMAINS["masked"][(MAILBOXES.index(mb) + k) % 5]
        url = fill_url("https://{h}/{s2}/{p}.php?id={x16}", rng, h=rng.choice(["www.", "secure.", ""]) + dom)
        shown = "https://www.%s/%s/%s" % (M.reg_domain(c.split("@")[1]), rng.choice(["statements", "docs", "accounts"]),
                                          hexs(rng, 6))
        if not self.new_host_ok(mb, h, url_host(url)):
            raise SystemExit("masked host seen: " + url)
        sname = display(h.name.get(c), c)
        self.send(mb, h, rng, t, "masked", "attack", c, sname, [h.owner], [], lure, fmt, url, shown, {},
                  {"shown_host": url_host(shown)}, shown=shown)
        return True

    def f_hijack_part(self, mb, h, rng, k):
        def need(t):
            return [(c, m) for c in h.est_list(t) for m in h.threads_with(c, t)]
        t, cands = self.moment(h, rng, k, need)
        if t is None:
            return False
        cands.sort(key=lambda cm: (cm[1].date, cm[0]))
        cands = [cm for cm in cands if cm[0] not in self.used_senders.get((mb, "hijack-part"), set())] or cands
        c, m = self.pick(rng, mb, "hijack-part", cands[-8:], key=lambda cm: cm[0])
        lure, fmt = self.lure_and_format("hijack-part", mb, k)
        pat = HOSTED_PAGES[(MAILBOXES.index(mb) * 4 + k) % len(HOSTED_PAGES)]
        url = "https://" + fill_url(pat, rng) + "/" + rng.choice(PAGES)
        if not self.new_host_ok(mb, h, url_host(url)):
            raise SystemExit("hijack host seen: " + url)
        sname = display(h.name.get(c), c)
        self.send(mb, h, rng, t, "hijack-part", "attack", c, sname, [h.owner], self.recipients_inside(h, m),
                  lure, fmt, url, self.anchor_for(rng, url, lure[0]), {}, {"site": url_host(url)},
                  reply_to=m, subject="RE: " + base_subject(m.subject))
        return True

    def f_hijack_out(self, mb, h, rng, k):
        def need(t):
            ms = [m for m in h.before(t, 200 * DAY) if m.mid and len(m.subject) > 3
                  and any(M.local(x) for x in [m.sender] + m.to + m.cc)]
            outside = [m for m in ms if any(not M.local(x) for x in [m.sender] + m.to + m.cc)]
            return outside or ms
        t, cands = self.moment(h, rng, k, need)
        if t is None:
            return False
        m = rng.choice(cands[-30:])
        lure, fmt = self.lure_and_format("hijack-out", mb, k)
        prev_addr = next((x for x in [m.sender] + m.to + m.cc if not M.local(x)), m.sender)
        prev = display(h.name.get(prev_addr), prev_addr)
        i = MAILBOXES.index(mb) * 4 + k
        first = rng.choice(["Daniel", "Laura", "Mark", "Sophie", "Ahmed", "Elena", "Peter", "Grace"])
        last = rng.choice(["Whitfield", "Okafor", "Brennan", "Lindqvist", "Moreau", "Castillo", "Hale"])
        if i % 2 == 0:
            dom = OUTSIDER_FREEMAIL[(i // 2) % len(OUTSIDER_FREEMAIL)]
            sender = "%s.%s%d@%s" % (first.lower(), last.lower(), rng.randrange(10, 99), dom)
            sname = prev if i % 4 == 0 else "%s %s" % (first, last)
        else:
            dom = ATTACK_DOMAINS["hijack-out"][(i // 2) % 5]
            sender = "%s.%s@%s" % (first[0].lower(), last.lower(), dom)
            sname = "%s %s" % (first, last)
        if sender in h.all_addresses or M.reg_domain(dom) in h.all_domains:
            raise SystemExit("outsider not new: " + sender)
        if i % 3 == 0:
            url = "https://" + fill_url(HOSTED_PAGES[(i + 5) % len(HOSTED_PAGES)], rng) + "/" + rng.choice(PAGES)
        else:
            url = fill_url("https://docs.{d}/{s2}/{p}?ref={x10}", rng, d=ATTACK_DOMAINS["hijack-out"][i % 5])
        if not self.new_host_ok(mb, h, url_host(url)):
            raise SystemExit("hijack-out host seen: " + url)
        self.send(mb, h, rng, t, "hijack-out", "attack", sender, sname, [h.owner],
                  self.recipients_inside(h, m), lure, fmt, url, self.anchor_for(rng, url, lure[0]),
                  {"prev": prev.split()[0] if prev else "my colleague"},
                  {"display_name_reused": sname == prev},
                  reply_to=m, subject="RE: " + base_subject(m.subject))
        return True

    def f_bcc_first(self, mb, h, rng, k):
        t, _ = self.moment(h, rng, k, lambda t: [1])
        i = MAILBOXES.index(mb) * 4 + k
        dom = ATTACK_DOMAINS["bcc-first"][i % 10]
        if M.reg_domain(dom) in h.all_domains:
            raise SystemExit("bcc domain seen")
        first = rng.choice(["Jonathan", "Alicia", "Ravi", "Martina", "Stephen", "Chloe", "Victor", "Nadia"])
        last = rng.choice(["Ashby", "Delacroix", "Mehta", "Sorensen", "Pryce", "Galloway", "Ivers"])
        sender = rng.choice(["%s.%s@%s" % (first.lower(), last.lower(), dom), "%s%s@%s" % (first[0].lower(), last.lower(), dom)])
        sname = "%s %s" % (first, last)
        attorg = dom.split(".")[0].replace("-", " ").title()
        lure, fmt = self.lure_and_format("bcc-first", mb, k)
        if i % 2 == 0:
            url = fill_url("https://{sub}.{d}/{s2}/{x16}", rng, sub=rng.choice(["docs", "share", "portal", "files"]), d=dom)
        else:
            url = fill_url("https://www.{d}/documents/{p}.html?doc={x10}", rng, d=dom)
        to = "undisclosed-recipients:;" if i % 3 != 2 else M.addr_field(sname, sender)
        self.send(mb, h, rng, t, "bcc-first", "attack", sender, sname, to, [], lure, fmt, url,
                  self.anchor_for(rng, url, lure[0]), {"attorg": attorg},
                  {"to_field": "undisclosed" if i % 3 != 2 else "self"},
                  more_headers=[("Delivered-To", h.owner)], subject=None)
        return True

    def f_share_new(self, mb, h, rng, k):
        t, cands = self.moment(h, rng, k, h.est_list)
        if t is None:
            return False
        c = self.pick(rng, mb, "share-new", cands)
        i = MAILBOXES.index(mb) * 4 + k
        plat, pat = SHARE_PLATFORMS[(i * 7) % len(SHARE_PLATFORMS)]
        url = fill_url(pat, rng)
        if any(x == plat or x.endswith("." + plat) for x in h.hosts) or plat in self.used_hosts.get(mb, set()):
            raise SystemExit("platform seen: " + plat)
        lure, fmt = self.lure_and_format("share-new", mb, k)
        sname = display(h.name.get(c), c)
        self.send(mb, h, rng, t, "share-new", "attack", c, sname, [h.owner], [], lure, fmt, url,
                  self.anchor_for(rng, url, lure[0]), {}, {"platform": plat})
        self.used_hosts[mb].add(plat)
        return True

    def f_tenant_new(self, mb, h, rng, k):
        def need(t):
            e = h.est_list(t - 30 * DAY)
            return e if len({M.reg_domain(a.split("@")[1]) for a in e}) >= 3 else None
        t, cands = self.moment(h, rng, k, need)
        if t is None:
            return False
        i = MAILBOXES.index(mb) * 4 + k
        pname, preg, pat = TENANT_PLATFORMS[k % len(TENANT_PLATFORMS)]
        rng.shuffle(cands)
        used = self.used_senders.setdefault((mb, "tenant-new"), set())
        cands.sort(key=lambda a: a in used)
        attacker = cands[0]
        used.add(attacker)
        setups = []
        for a in cands[1:]:
            if M.reg_domain(a.split("@")[1]) not in [M.reg_domain(x.split("@")[1]) for x in [attacker] + setups]:
                setups.append(a)
            if len(setups) == 2:
                break
        for j, s in enumerate(setups):
            ts = t - (30 - 14 * j) * DAY - rng.randrange(0, 3 * 3600)
            ts -= ts % 60
            tenant = org_label(s)
            u = fill_url(pat, rng, t=tenant, u=(s.split("@")[0] + "_" + M.reg_domain(s.split("@")[1])).replace(".", "_"))
            sname = display(h.name.get(s), s)
            lure = ("setup", "{doc}", SETUP_LURES[(i + j) % 3])
            fmt = FORMATS[(i + j) % 3]
            self.send(mb, h, rng, ts, "tenant-new", "setup", s, sname, [h.owner], [], lure, fmt, u,
                      self.anchor_for(rng, u, "setup"), {"plat": pname}, {"platform": preg, "tenant": tenant})
        tenant = ATTACK_TENANTS[i % len(ATTACK_TENANTS)]
        url = fill_url(pat, rng, t=tenant, u=(attacker.split("@")[0] + "_" + tenant + "_com").replace(".", "_"))
        lure, fmt = self.lure_and_format("tenant-new", mb, k)
        sname = display(h.name.get(attacker), attacker)
        self.send(mb, h, rng, t, "tenant-new", "attack", attacker, sname, [h.owner], [], lure, fmt, url,
                  self.anchor_for(rng, url, lure[0]), {}, {"platform": preg, "tenant": tenant,
                                                           "setup_senders": len(setups)})
        return True

    def lookalike_domain(self, rng, dom, method, h):
        labels = dom.split(".")
        lab, suf = labels[0], ".".join(labels[1:])
        cands = []
        if method == "swap":
            cands = [lab[:j] + lab[j + 1] + lab[j] + lab[j + 2:] + "." + suf for j in range(1, len(lab) - 1)
                     if lab[j] != lab[j + 1] and lab[j].isalpha() and lab[j + 1].isalpha()]
        elif method == "digit":
            sub = {"o": "0", "l": "1", "i": "1", "e": "3", "m": "rn", "w": "vv", "a": "4", "s": "5"}
            cands = [lab[:j] + sub[ch] + lab[j + 1:] + "." + suf for j, ch in enumerate(lab) if ch in sub]
        elif method == "label":
            cands = [lab + x + "." + suf for x in LOOK_LABELS]
        elif method == "tld":
            cands = [lab + "." + x for x in LOOK_TLDS if x != suf]
        elif method == "drop":
            cands = [lab[:j] + lab[j + 1:] + "." + suf for j in range(1, len(lab)) if len(lab) > 3]
        elif method == "double":
            cands = [lab[:j] + lab[j] + lab[j:] + "." + suf for j in range(1, len(lab)) if lab[j].isalpha()]
        cands = sorted(set(c for c in cands if M.reg_domain(c) not in h.all_domains and c != dom
                           and not c.startswith("-") and "--" not in c))
        return rng.choice(cands) if cands else None

    def f_lookalike(self, mb, h, rng, k):
        t, cands = self.moment(h, rng, k, h.est_list)
        if t is None:
            return False
        i = MAILBOXES.index(mb) * 4 + k
        method = LOOK_METHODS[i % len(LOOK_METHODS)]
        rng.shuffle(cands)
        used = self.used_senders.setdefault((mb, "lookalike"), set())
        cands.sort(key=lambda a: a in used)
        for c in cands:
            real = M.reg_domain(c.split("@")[1])
            if method in ("swap", "drop", "double") and len(real.split(".")[0]) < 6:
                continue  # a short name's swap or drop is often another real name
            if real.split(".")[-1] in ("edu", "gov", "mil", "us"):
                continue  # not a suffix an attacker can register under
            d = self.lookalike_domain(rng, real, method, h)
            if d:
                used.add(c)
                break
        else:
            return False
        sender = c.split("@")[0] + "@" + d
        sname = display(h.name.get(c), c)
        lure, fmt = self.lure_and_format("lookalike", mb, k)
        if i % 2:
            url = fill_url("https://portal.{d}/{s2}/{p}?inv={x10}", rng, d=d)
        else:
            url = fill_url("https://{d}/remit/{x16}", rng, d=d)
        self.send(mb, h, rng, t, "lookalike", "attack", sender, sname, [h.owner], [], lure, fmt, url,
                  self.anchor_for(rng, url, lure[0]), {}, {"method": method, "imitates": real,
                                                           "imitated_sender": c})
        return True

    def f_cloud_token(self, mb, h, rng, k):
        t, cands = self.moment(h, rng, k, h.est_list)
        if t is None:
            return False
        c = self.pick(rng, mb, "cloud-token", cands)
        i = MAILBOXES.index(mb) * 4 + k
        tok = TOKENS[i % len(TOKENS)]
        cname, pat = CLOUDS[i % len(CLOUDS)]
        url = fill_url(pat, rng, tok=tok, tokc=tok.replace("-", ""))
        lure, fmt = self.lure_and_format("cloud-token", mb, k)
        sname = display(h.name.get(c), c)
        self.send(mb, h, rng, t, "cloud-token", "attack", c, sname, [h.owner], [], lure, fmt, url,
                  self.anchor_for(rng, url, lure[0]), {}, {"token": tok, "cloud": cname})
        return True

    def f_lateral(self, mb, h, rng, k):
        def need(t):
            ins = [a for a in h.insiders(t, 3) if not h.is_owner(a)]
            return ins if len(h.colleagues(t)) >= 60 else None
        t, cands = self.moment(h, rng, k, need)
        if t is None:
            return False
        s = self.pick(rng, mb, "lateral", cands)
        wrote = h.wrote_before(s, t)
        col = [a for a in h.colleagues(t) if a != s and not h.is_owner(a)]
        n = rng.randint(15, 40)
        w = sorted(a for a in wrote if a in col)
        nw = sorted(a for a in col if a not in wrote)
        k_w = min(len(w), rng.randint(0, (n - 1) // 3))
        rc = rng.sample(w, k_w) + rng.sample(nw, n - 1 - k_w)
        rc.append(h.owner)
        rng.shuffle(rc)
        i = MAILBOXES.index(mb) * 4 + k
        url = fill_url(LATERAL_PAGES[i % len(LATERAL_PAGES)], rng)
        if not self.new_host_ok(mb, h, url_host(url)):
            raise SystemExit("lateral host seen: " + url)
        lure, fmt = self.lure_and_format("lateral", mb, k)
        sname = display(h.name.get(s), s)
        split = rng.randint(0, 2)
        to, cc = (rc, []) if split == 0 else (rc[: n // 2], rc[n // 2:])
        self.send(mb, h, rng, t, "lateral", "attack", s, sname, to, cc, lure, fmt, url,
                  self.anchor_for(rng, url, lure[0]), {},
                  {"never_written": n - k_w, "colleagues": n, "shape": fmt})
        return True

    # -- scenarios

    def scen_adopt(self):
        mb = SCENARIOS["scen-adopt"]
        copy = "scen-adopt"
        h = self.load(mb)
        rng = self.rng(copy)
        span = h.last - h.first
        t0 = h.first + int(span * 0.62)
        t0 -= t0 % 60
        while True:
            e = h.est_list(t0)
            if len({M.reg_domain(a.split("@")[1]) for a in e}) >= 12 and len(e) >= 15:
                break
            t0 += 5 * DAY
        plat, pat = ADOPT_PLATFORM
        if any(x == plat or x.endswith("." + plat) for x in h.hosts):
            raise SystemExit("adoption platform seen")
        rng.shuffle(e)
        byorg = {}
        for a in e:
            byorg.setdefault(M.reg_domain(a.split("@")[1]), []).append(a)
        orgs = sorted(byorg)
        rng.shuffle(orgs)
        pick = [byorg[o][0] for o in orgs[:11]]
        rest = sorted(a for a in e if a not in pick)
        rng.shuffle(rest)
        pick += rest[:15 - len(pick)]
        rng.shuffle(pick)
        offs = sorted(rng.randrange(0, 13 * DAY) for _ in pick)
        for rank, (a, off) in enumerate(zip(pick, offs), 1):
            t = t0 + off
            t -= t % 60
            url = fill_url(pat, rng)
            th = h.threads_with(a, t, 400 * DAY)
            subj = "RE: " + base_subject(th[-1].subject) if th and rank % 2 else rng.choice(
                ["Files", "data for our discussion", "presentation", "model and data"])
            sname = display(h.name.get(a), a)
            lure = ("adopt", None, ADOPT_LURES[rank % len(ADOPT_LURES)])
            self.send(copy, h, rng, t, "adoption", "adoption", a, sname, [h.owner], [], lure,
                      FORMATS[rank % 3], url, self.anchor_for(rng, url, "adopt"), {},
                      {"position": rank, "organisation": M.reg_domain(a.split("@")[1]), "source": mb,
                       "platform": plat}, subject=subj)

    def scen_bucket(self):
        mb = SCENARIOS["scen-bucket"]
        copy = "scen-bucket"
        h = self.load(mb)
        rng = self.rng(copy)
        span = h.last - h.first
        t0 = h.first + int(span * 0.7)
        t0 -= t0 % 60
        e = h.est_list(t0)
        e.sort(key=lambda a: (-bisect.bisect_left(h.inb[a], t0), a))
        c = e[0]
        col = [a for a in h.colleagues(t0) if not h.is_owner(a)]
        rc = rng.sample(col, 39) + [h.owner]
        rng.shuffle(rc)
        url = "https://pub-%s.r2.dev/statement.html" % hexs(rng, 32)
        offs = sorted(rng.randrange(0, 3 * DAY) for _ in rc)
        sname = display(h.name.get(c), c)
        org = org_name(c)
        fmt = "alt"
        for rank, (r, off) in enumerate(zip(rc, offs), 1):
            t = t0 + off
            t -= t % 60
            lure = ("bucket", BUCKET_LURE[0], BUCKET_LURE[1])
            rec = {"recipient_rank": rank, "source": mb, "owner_copy": r == h.owner}
            # the greeting names this recipient
            self.send(copy, h, rng, t, "bucket", "vendor", c, sname, [r], [], lure, fmt, url, url,
                      {"org": org, "first": first_name(h.name.get(r, ""), r)}, rec)

    # -- writing

    def write(self, outdir):
        for copy in MAILBOXES + sorted(SCENARIOS):
            src = SCENARIOS.get(copy, copy)
            inj = sorted(self.out.get(copy, []))
            chunks = M.read_chunks(os.path.join(self.corpus, "enron", src + ".mbox"))
            mails = self.mails[src]
            with open(os.path.join(outdir, copy + ".mbox"), "wb") as f:
                j = 0
                for (fl, raw), m in zip(chunks, mails):
                    while j < len(inj) and m.date is not None and inj[j][0] < m.date:
                        self.write_one(f, inj[j])
                        j += 1
                    f.write(fl)
                    f.write(raw)
                while j < len(inj):
                    self.write_one(f, inj[j])
                    j += 1

    def write_one(self, f, item):
        t, serial, text = item
        rec = next(r for r in self.manifest if r["serial"] == serial)
        f.write(M.from_line(rec["sender"], t).encode("latin-1"))
        data = M.quote(text)
        if not data.endswith("\n"):
            data += "\n"
        f.write(data.encode("utf-8") + b"\n")


PLAIN = re.compile(r"^[a-z0-9]+([._-][a-z0-9]+)*@[a-z0-9]+([.-][a-z0-9]+)*\.[a-z]+$")
PLATFORM_REGS = {"amazonaws.com", "googleapis.com", "windows.net", "r2.dev", "google.com", "office.com",
                 "ipfs.io", "jotform.com", "digitaloceanspaces.com", "backblazeb2.com"}


def main():
    corpus, out, seed, owners = A.generator_arguments()
    g = Gen(seed, corpus, owners)
    short = []
    for mb in MAILBOXES:
        g.load(mb)
        g.used_hosts.setdefault(mb, set())
    for fam in FAMILIES:
        for mb in MAILBOXES:
            for k in range(4):
                if not g.run_family(mb, fam, k):
                    short.append((fam, mb, k))
    # A mailbox that lacks what a family needs: the attack is drawn from the
    # next mailbox (in MAILBOXES order) that has it, with its own serial.
    for fam, mb, k in short:
        for alt in MAILBOXES[MAILBOXES.index(mb) + 1:] + MAILBOXES[:MAILBOXES.index(mb)]:
            if g.run_family(alt, fam, k + 4):
                g.manifest[-1]["drawn_for"] = mb
                break
        else:
            raise SystemExit("no mailbox has what %s needs" % fam)
    g.scen_adopt()
    g.scen_bucket()
    os.makedirs(out, exist_ok=True)
    g.write(out)
    with open(os.path.join(out, "manifest.jsonl"), "w") as f:
        for r in sorted(g.manifest, key=lambda r: r["serial"]):
            f.write(json.dumps(r, sort_keys=True) + "\n")
    with open(os.path.join(out, "legit.jsonl"), "w") as f:
        for mb in MAILBOXES:
            for m in g.mails[mb]:
                f.write(json.dumps({"mailbox": mb, "message_id": m.mid.strip("<>"), "subject": m.subject},
                                   sort_keys=True) + "\n")
    for fam, mb, k in short:
        print("gen.py: %s attack %d for %s drawn from another mailbox" % (fam, k, mb), file=sys.stderr)


if __name__ == "__main__":
    main()
