#!/usr/bin/env python3
"""Checks what gen.py wrote (tune6): each mailbox holds the archive's own
messages unchanged and in order, plus exactly the injected messages of the
manifest; every injected message parses without defects, has Date, Message-ID
and From (the manifest's sender), sits between 25% and 97% of its mailbox at a
Date between its neighbours, and has its family's shape, judged from what the
source mailbox shows before it (bcc1: the owner is not in To/Cc, the sender is
new and, unless freemail, so is its organisation; lateral: an enron.com
colleague with or without earlier mail to the owner, N colleagues seen here
before, the owner in the field the manifest names, a reply quotes a real
earlier message of the account; lookalike: a domain never seen here imitating
a both-way correspondent, reusing what the variant says; controls likewise).
Also counts: 360 attacks, 200 controls, every variant value drawn several
times. Prints each failure (no message text) and exits 1 on any.

usage: check.py GEN CORPUS --owner MAILBOX=ADDRESS...
"""
import collections
import email
import email.policy
import email.utils
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(1, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import mbox6 as M  # noqa: E402
import owned_arguments as A  # noqa: E402

MAILBOXES = ["beck-s", "farmer-d", "kaminski-v", "lokay-m", "williams-w3"]
VARIANTS = {"bcc1": ["sender_kind", "link", "theme", "to_shape", "format"],
            "lateral": ["history", "n_bucket", "field", "link", "theme", "format", "thread"],
            "lookalike": ["technique", "reuse", "link", "format"],
            "ctl-bulletin": ["control_kind", "to_shape", "links", "format"],
            "ctl-internal": ["control_kind", "field", "format"],
            "ctl-domain": ["control_kind", "format"]}
PLATFORM_LINKS = {"hosting", "shortener", "form", "mainstream-doc"}


def parts_text(msg):
    texts, attached = [], []
    for part in msg.walk():
        if part.is_multipart():
            continue
        if part.get_content_disposition() == "attachment":
            attached.append(part.get_payload(decode=True).decode("utf-8", "replace"))
        elif part.get_content_maintype() == "text":
            texts.append(part.get_content())
    return "\n".join(texts), "\n".join(attached)


def problems(r, msg, b, i):
    p = []
    if msg.defects or any(part.defects for part in msg.walk()):
        p.append("defects")
    for h in ("Date", "Message-ID", "From", "Subject"):
        if msg[h] is None:
            p.append("no " + h)
    s = r["sender"]
    if M.addrs([str(msg.get("From", ""))]) != [s]:
        p.append("From differs from manifest")
    text, attached = parts_text(msg)
    url = r["url"]
    fam = r["family"]
    link = r.get("link")
    if url:
        if link in ("attach-html", "attach-pdf"):
            if url not in attached:
                p.append("attachment lacks the link")
            if M.URL.search(text):
                p.append("link outside the attachment")
        elif url not in text.replace("&amp;", "&"):
            p.append("manifest URL not in the body")
    elif M.URL.search(text) or M.URL.search(attached):
        p.append("a link where the variant has none")
    if fam != "lateral" and link not in ("own",) and r.get("link_hosts") and link not in PLATFORM_LINKS \
            and fam not in ("ctl-bulletin", "ctl-internal", "ctl-domain"):
        for h in r["link_hosts"]:
            if b.seen_host(h):
                p.append("link host seen in the archive")
    to = M.addrs(msg.get_all("To", []))
    cc = M.addrs(msg.get_all("Cc", []))
    rc = set(to + cc)
    if msg.get_all("Bcc"):
        p.append("a Bcc header in a recipient's copy")
    dom = s.split("@")[1]
    if fam in ("bcc1", "ctl-bulletin"):
        if b.owner_set & rc:
            p.append("the owner is in To/Cc")
        if any(x.endswith("@enron.com") and x in b.all_addresses for x in rc):
            p.append("a real colleague is named in To/Cc")
        if s in b.all_addresses:
            p.append("sender not new")
        if r.get("sender_kind") != "freemail" and b.seen_domain(dom):
            p.append("sender's organisation not new")
        shape = r["to_shape"]
        want = {"absent": lambda: msg["To"] is None,
                "undisclosed": lambda: "undisclosed-recipients" in str(msg["To"]),
                "self": lambda: to == [s],
                "sender-domain": lambda: len(to) == 1 and to[0] != s and to[0].split("@")[1] == dom,
                "made-up-enron": lambda: len(to) == 1 and to[0].endswith("@enron.com")
                and to[0] not in b.all_addresses,
                "list": lambda: len(to) == 1 and to[0] != s and M.reg_domain(to[0].split("@")[1]) == M.reg_domain(dom)}
        if not want[shape]():
            p.append("To is not %s" % shape)
    if fam == "bcc1" and r["sender_kind"] == "compromised" and r["link"] == "own" and M.reg_domain(
            r["link_hosts"][0]) != M.reg_domain(dom):
        p.append("own link not on the sender's domain")
    if fam in ("lateral", "ctl-internal"):
        if not M.PERSON.match(s) or s in b.owner_set:
            p.append("sender not a colleague")
        rcpts = r["recipients"]
        if len(rcpts) != r["n_colleagues"] + 1 or not (b.owner_set & set(rcpts)):
            p.append("recipients are not N colleagues and the owner")
        if any(b.first_seen.get(x, 10 ** 9) > i for x in rcpts if x not in b.owner_set):
            p.append("a recipient not seen here before")
        field = r["field"]
        where = {"To": set(to), "Cc": set(cc), "Bcc": set()}[field]
        if field == "Bcc":
            if b.owner_set & rc:
                p.append("blind-copied owner in To/Cc")
        elif not (b.owner_set & where):
            p.append("owner not in %s" % field)
        elif set(rcpts) != rc:
            p.append("To/Cc differ from the recipients")
    if fam == "lateral":
        lo, hi = {"1": (1, 1), "2-5": (2, 5), "6-15": (6, 15), "16-40": (16, 40)}[r["n_bucket"]]
        if not lo <= r["n_colleagues"] <= hi:
            p.append("N outside its bucket")
        wrote = b.first_to_owner.get(s, 10 ** 9) <= i
        if wrote != (r["history"] == "with"):
            p.append("history differs from the archive")
        if b.first_seen.get(s, 10 ** 9) > i:
            p.append("account not seen here before")
        if r["thread"] == "yes":
            irt = str(msg.get("In-Reply-To", "")).strip().strip("<>")
            th = [m for m in b.msgs[:i + 1] if m.mid == irt]
            if not th or th[0].sender != s:
                p.append("reply to no earlier message of the account")
            elif not str(msg["Subject"]).startswith("RE: "):
                p.append("reply subject")
        elif msg.get("In-Reply-To"):
            p.append("In-Reply-To on a non-reply")
        if r["link"] in ("new-hosting", "enron-lookalike", "attach-html") and any(b.seen_host(h) for h in r["link_hosts"]):
            p.append("link host seen in the archive")
    if fam == "ctl-internal":
        if b.first_to_owner.get(s, 10 ** 9) > i:
            p.append("announcer never wrote to the owner before")
        if r["control_kind"] == "doc-share":
            usual = {x for k in b.sent.get(s, []) if k <= i for x in b.msgs[k].to + b.msgs[k].cc}
            if any(x not in usual for x in r["recipients"] if x not in b.owner_set):
                p.append("doc shared with someone the sender never wrote to")
            if not 2 <= r["n_colleagues"] <= 5:
                p.append("doc shared with not 2-5 colleagues")
    if fam in ("lookalike", "ctl-domain"):
        real = r["imitated_sender"] if fam == "lookalike" else r["resembled_sender"]
        d = r["imitates"] if fam == "lookalike" else r["resembles"]
        if b.seen_domain(dom):
            p.append("new domain seen in the archive")
        doms, _ = b.correspondent_domains(i)
        if d not in doms or real not in b.domain_senders(d, i):
            p.append("imitated correspondent not established both ways before")
        if M.reg_domain(dom) == d:
            p.append("same domain")
        if b.owner not in to:
            p.append("owner not in To")
    if fam == "lookalike":
        name = email.utils.parseaddr(str(msg["From"]))[0]
        reuse = r["reuse"]
        rname = b.names.get(real) or M.display_name("", real) or real.split("@")[0]
        if (s.split("@")[0] == real.split("@")[0]) != (reuse in ("local+display", "local")):
            p.append("local part reuse differs from the variant")
        if (name == rname) != (reuse in ("local+display", "display")):
            p.append("display name reuse differs from the variant")
        if r["technique"] == "punycode" and not dom.startswith("xn--"):
            p.append("punycode domain not xn--")
        if r["link"] == "lookalike-site" and r["link_hosts"][0] != dom:
            p.append("link not on the look-alike domain")
    return p


def main():
    gen, corpus, owners = A.check_arguments()
    man, by = A.read_manifest(gen)
    fails = 0

    def fail(text):
        nonlocal fails
        print(text)
        fails += 1

    for mb in MAILBOXES:
        b = M.Mailbox(os.path.join(corpus, "enron", mb + ".mbox"), owners[mb])
        recs = by.get(mb, {})
        orig = iter(enumerate(b.chunks))
        k_last = -1
        seen = 0
        pending = []
        for raw in M.read_chunks(os.path.join(gen, mb + ".mbox")):
            head = raw.split(b"\n\n", 1)[0]
            mid = ""
            for line in head.split(b"\n"):
                if line.lower().startswith(b"message-id:"):
                    mid = line.split(b":", 1)[1].decode().strip().strip("<>")
                    break
            if mid in recs:
                pending.append((mid, raw))
                continue
            k, c = next(orig, (None, None))
            if c is None or c.rstrip(b"\n") != raw.rstrip(b"\n"):
                fail("%s: archive message %s changed or out of order" % (mb, k))
                break
            for mid2, raw2 in pending:
                fails += check_one(mb, b, recs[mid2], raw2, k_last, k)
                seen += 1
            pending = []
            k_last = k
        for mid2, raw2 in pending:
            fails += check_one(mb, b, recs[mid2], raw2, k_last, None)
            seen += 1
        if next(orig, None) is not None:
            fail("%s: archive messages missing" % mb)
        if seen != len(recs):
            fail("%s: %d of %d injected found" % (mb, seen, len(recs)))
    att = [r for r in man if r["kind"] == "attack"]
    ctl = [r for r in man if r["kind"] == "control"]
    if len(att) != 360 or len(ctl) != 200:
        fail("%d attacks and %d controls, not 360 and 200" % (len(att), len(ctl)))
    for fam, keys in VARIANTS.items():
        rs = [r for r in man if r["family"] == fam]
        for key in keys:
            c = collections.Counter(str(r.get(key)) for r in rs)
            if min(c.values()) < 3:
                fail("%s: variant %s has a value drawn fewer than 3 times: %s" % (fam, key, dict(c)))
    print("check.py: %d injected messages, %d problems" % (len(man), fails))
    sys.exit(1 if fails else 0)


def check_one(mb, b, r, raw, k_prev, k_next):
    msg = email.message_from_bytes(M.unquote(raw), policy=email.policy.default)
    out = []
    i = r["after_index"]
    if k_prev != i:
        out.append("placed after archive message %s, manifest says %s" % (k_prev, i))
    if not 0.25 <= i / b.n <= 0.97:
        out.append("outside 25-97% of the mailbox")
    t = M.header_time(msg["Date"])
    if t is None or t != r["t"]:
        out.append("Date differs from manifest")
    else:
        if b.msgs[i].t is not None and b.msgs[i].t > t:
            out.append("Date before the previous message")
        if k_next is not None and b.msgs[k_next].t is not None and b.msgs[k_next].t < t:
            out.append("Date after the next message")
    out += problems(r, msg, b, i)
    for x in out:
        print("%s %s/%s #%d: %s" % (mb, r["kind"], r["family"], r["serial"], x))
    return len(out)


if __name__ == "__main__":
    main()
