#!/usr/bin/env python3
"""Builds the cross-validation set: Enron learned, then replayed with attacks.

usage: crossval_gen.py --corpus DIR --out DIR [--seed N] [--per-mailbox K]
                       [--cutoff YYYY-MM-DD]

Writes to DIR:
  learn.mbox      every Enron message dated before the cutoff, and the few
                  vendor file-share messages seeded into that period (below)
  replay.mbox     every Enron message from the cutoff on, with the attacks,
                  their controls, the adoption scenario and the compromised
                  vendor inserted at their times
  manifest.jsonl  one line per replayed message: its Message-ID and what it
                  is (corpus mail, inbound / internal / outbound, from a known
                  correspondent or not; or attack / control of a family)

Each mailbox has an attack window: from the cutoff, or the last 30% of its
dates if later, to its last message. Its history is its own mail before the
window; each attack is built from that history and addressed to staff who
really received the mail it imitates, at a random working hour inside the
window. Per mailbox and family, K attacks and K controls (legitimate mail of
the same shape). Deterministic: the same corpus and seed give the same files.

Seeded history: for up to four established correspondents per mailbox, three
messages linking the correspondent's own tenant on a file-share platform are
added to the learning period, so that a "familiar platform" exists (Enron's
mail of 1999-2002 has none). They are manifest lines of set "seed".
"""
import argparse
import collections
import json
import os
import random
import re
import sys
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus as corpus_mod  # noqa: E402
import lures as L  # noqa: E402
from mailshape import compose, html_page, plain, random_token  # noqa: E402

LOCAL = "enron.com"
FAMILIES = [
    "masked_link", "hijack_participant", "hijack_outsider", "bcc_new_sender",
    "vendor_new_platform", "new_tenant", "registrable_lookalike", "cloud_token", "lateral",
]
ROBOTS = ("mailer-daemon", "postmaster", "no.address", "noreply", "no-reply", "listserv",
          "majordomo", "owner-", "bounce")


PERSONAL = re.compile(r"^[a-z]+\.[a-z]\.?[a-z]*$|^[a-z]+\.[a-z]+$")


def is_local(address):
    domain = address.rpartition("@")[2]
    return domain == LOCAL or domain.endswith("." + LOCAL)


def is_person(address):
    return bool(address) and "@" in address and not any(r in address for r in ROBOTS)


def first_name(address, name=""):
    if name and "," in name and "@" not in name:
        given = name.split(",", 1)[1].split()
        if given and given[0].isalpha():
            return given[0]
    if name and " " in name and "," not in name and "@" not in name:
        return name.split()[0]
    local = address.partition("@")[0]
    part = local.split(".")[0] if "." in local else local
    return part[:1].upper() + part[1:].lower() if part.isalpha() else "there"


def slug(domain):
    return corpus_mod.registrable(domain).split(".")[0].replace("-", "")


class Correspondent:
    def __init__(self, address):
        self.address = address
        self.name = ""
        self.count = 0
        self.recipients = collections.Counter()
        self.hosts = collections.Counter()
        self.replied = False
        self.first = None
        self.threads = []

    @property
    def domain(self):
        return self.address.rpartition("@")[2]

    @property
    def reg(self):
        return corpus_mod.registrable(self.domain)

    @property
    def organisation(self):
        return self.reg not in corpus_mod.FREEMAIL


class History:
    """What one mailbox (or all of them) showed before a moment."""

    def __init__(self, mails):
        self.outside = {}
        self.staff = {}
        self.recipients = collections.Counter()
        for m in mails:
            if not is_person(m.sender):
                continue
            local_rcpts = [a for a in m.to + m.cc if is_local(a) and is_person(a)]
            if is_local(m.sender):
                s = self.staff.setdefault(m.sender, Correspondent(m.sender))
                s.count += 1
                s.name = s.name or m.name
                s.recipients.update(local_rcpts)
                s.hosts.update(m.hosts)
                for a in m.to + m.cc:
                    if not is_local(a) and a in self.outside:
                        self.outside[a].replied = True
                continue
            c = self.outside.setdefault(m.sender, Correspondent(m.sender))
            c.count += 1
            c.name = c.name or m.name
            c.first = c.first or m.date
            c.recipients.update(local_rcpts)
            c.hosts.update(m.hosts)
            self.recipients.update(local_rcpts)
            if local_rcpts and m.subject.strip() and m.message_id:
                c.threads.append(m)

    def established(self, organisation=True, least=3):
        """Outside correspondents with `least` messages that reached staff,
        two-way ones first, in a stable order."""
        found = [c for c in self.outside.values()
                 if c.count >= least and c.recipients and (c.organisation or not organisation)]
        return sorted(found, key=lambda c: (not c.replied, -c.count, c.address))

    def senders(self, least=5):
        """Members of staff who wrote `least` messages to colleagues, under a
        personal (first.last) address."""
        return sorted((s for s in self.staff.values() if s.count >= least and s.recipients
                       and PERSONAL.match(s.address.partition("@")[0])),
                      key=lambda s: (-s.count, s.address))

    def threads(self, least=1):
        return [m for c in self.outside.values() if c.count >= least for m in c.threads]


def weighted(rng, counter, top=12):
    items = counter.most_common(top)
    total = sum(n for _, n in items)
    pick = rng.randrange(total)
    for item, n in items:
        pick -= n
        if pick < 0:
            return item
    return items[-1][0]


def working_time(rng, start, end):
    """A random moment between start and end, moved into 13:00-23:00 UTC
    (Houston's working day)."""
    span = max(1, int((end - start).total_seconds()))
    t = start + timedelta(seconds=rng.randrange(span))
    return t.replace(hour=rng.randrange(13, 23), minute=rng.randrange(60), second=rng.randrange(60))


def phishing_url(rng):
    if rng.random() < 0.55:
        host = "%s-%s.%s" % (rng.choice(L.PHISH_WORDS), rng.choice(L.PHISH_WORDS + ["online", "group"]),
                             rng.choice(L.PHISH_TLDS))
        if rng.random() < 0.4:
            host = "www." + host
        return "https://%s/%s/%s" % (host, random_token(rng, 5), rng.choice(
            ["index.php", "login.html", "doc/view", "auth", ""]))
    return L.fill(rng, rng.choice(L.PHISH_HOSTING), w=rng.choice(L.PHISH_WORDS))


def new_organisation(rng):
    word = rng.choice(L.NEW_ORG_WORDS).lower()
    return "%s%s%s.com" % (word, rng.choice(["", "-"]), rng.choice(L.NEW_ORG_SUFFIX))


def new_person(rng):
    return rng.choice(L.FIRST_NAMES), rng.choice(L.LAST_NAMES)


def texts(rng, lure, first, me, org, anchors):
    subject, paragraphs = lure
    values = {"first": first, "me": me, "org": org, "ref": str(rng.randrange(10000, 999999))}
    subject = subject.format(**values)
    paragraphs = [p.replace("{0}", "\0").format(**values).replace("\0", "{0}") for p in paragraphs]
    if not anchors:
        return subject, plain([p.replace("{0}", "the usual place") for p in paragraphs], []), None
    return subject, plain(paragraphs, anchors), html_page(paragraphs, anchors)


def quoted(thread):
    lines = ["", "-----Original Message-----", "From: %s" % (thread.name or thread.sender),
             "Sent: %s" % thread.date.strftime("%A, %B %d, %Y %I:%M %p"),
             "Subject: %s" % thread.subject, ""]
    return "\n".join(lines + ["> " + l for l in thread.snippet])


class Builder:
    """Writes one mailbox's attacks and controls into the replay."""

    def __init__(self, rng, out, manifest):
        self.rng = rng
        self.out = out
        self.manifest = manifest

    def emit(self, data, mid, when, **what):
        self.out.append((when, data))
        self.manifest.append(dict(message_id=mid, **what))

    def send(self, when, what, **kw):
        data, mid = compose(self.rng, when=when, **kw)
        self.emit(data, mid, when, **what)


def family_message(b, family, attack, hist, tenants, when, what):
    """One attack (attack=True) or control of `family` from mailbox history
    `hist`; returns False when the mailbox lacks what the family needs."""
    rng = b.rng
    corr = [c for c in hist.established() if c.address not in RESERVED]
    if family in ("masked_link", "vendor_new_platform", "registrable_lookalike", "cloud_token",
                  "new_tenant"):
        pool = corr
        if family == "vendor_new_platform" and not attack:
            pool = ([c for c in corr if c.address in tenants] or
                    [tenants[a][2] for a in sorted(tenants)])
        if family == "new_tenant" and not attack:
            pool = [c for c in corr + [c for c in hist.established(least=2) if c not in corr]
                    if c.address not in tenants and c.address not in RESERVED]
        if not pool:
            return False
        c = rng.choice(pool[:25])
        target = weighted(rng, c.recipients)
        first, me = first_name(target), first_name(c.address, c.name)
        org = slug(c.domain).capitalize()
        lure = rng.choice(L.ATTACK_LURES if attack else L.CONTROL_LURES)
        sender, sender_name = c.address, c.name
        if family == "masked_link":
            shown_host = c.domain if rng.random() < 0.5 else "www." + c.reg
            shown = "https://%s/%s" % (shown_host, random_token(rng, 6))
            href = phishing_url(rng) if attack else "https://links.%s/ct?u=%s" % (
                c.reg, random_token(rng, 10))
        elif family == "vendor_new_platform":
            href = (L.fill(rng, rng.choice(L.TRANSFER_PLATFORMS)) if attack else
                    L.fill(rng, tenants[c.address][0], tenant=tenants[c.address][1]))
            shown = href
        elif family == "new_tenant":
            platform = rng.choice(sorted({t[0] for t in tenants.values()}) or L.TENANT_PLATFORMS)
            tenant = ("%s-%s%d" % (rng.choice(L.ATTACKER_TENANT_WORDS), rng.choice(
                L.ATTACKER_TENANT_WORDS), rng.randrange(10, 99)) if attack else slug(c.domain))
            href = shown = L.fill(rng, platform, tenant=tenant)
        elif family == "cloud_token":
            if attack:
                base = rng.choice(L.BRANDS + [slug(c.domain)])
                token = L.bend(rng, base)
                if rng.random() < 0.6:
                    token += "-" + rng.choice(L.TOKEN_WORDS)
            else:
                token = "%s-%s" % (slug(c.domain), rng.choice(["reports", "public", "data", "files"]))
            href = shown = L.fill(rng, rng.choice(L.CLOUD_HOSTS), b=token.lower())
        else:  # registrable_lookalike
            if attack:
                twin = L.bend_domain(rng, c.reg)
                sender = c.address.partition("@")[0] + "@" + twin
            href = phishing_url(rng) if attack else "https://www.%s/%s" % (c.reg, random_token(rng, 6))
            shown = href
            if rng.random() < 0.4:  # asks for a reply, links nothing
                lure = L.LOOKALIKE_REPLY if attack else L.LOOKALIKE_REPLY_CONTROL
                href = None
        anchors = [(href, shown)] if href else []
        subject, text, html = texts(rng, lure, first, me, org, anchors)
        b.send(when, what, sender_name=sender_name, sender=sender, to=[target], delivered_to=target,
               subject=subject, text=text, html=html)
        return True

    if family in ("hijack_participant", "hijack_outsider"):
        threads = hist.threads(least=2 if family == "hijack_participant" else 1)
        if family == "hijack_outsider" and not attack:
            threads = [t for t in threads
                       if corpus_mod.registrable(t.sender.rpartition("@")[2]) not in corpus_mod.FREEMAIL]
        if not threads:
            return False
        t = rng.choice(threads)
        participant = hist.outside[t.sender]
        target = rng.choice([a for a in t.to + t.cc if is_local(a) and is_person(a)])
        sender, sender_name = participant.address, participant.name
        if family == "hijack_outsider":
            if attack:
                given, family_name = new_person(rng)
                if rng.random() < 0.5 and participant.name:
                    sender_name = participant.name
                    local = participant.address.partition("@")[0]
                else:
                    sender_name = "%s %s" % (given, family_name)
                    local = "%s.%s" % (given.lower(), family_name.lower())
                sender = "%s@%s" % (local, new_organisation(rng) if rng.random() < 0.6 else
                                    rng.choice(["consultant.com", "usa.com", "post.com", "mail.com"]))
            else:
                given, family_name = new_person(rng)
                sender_name = "%s %s" % (given, family_name)
                sender = "%s.%s@%s" % (given.lower(), family_name.lower(), participant.domain)
        if attack:
            href = phishing_url(rng) if rng.random() < 0.6 else L.fill(
                rng, rng.choice(L.TRANSFER_PLATFORMS))
            reply = rng.choice(L.HIJACK_REPLIES)
        elif participant.organisation:
            href = "https://www.%s/%s" % (participant.reg, random_token(rng, 6))
            reply = rng.choice(L.CONTROL_REPLIES[:3])
        else:
            href, reply = None, L.CONTROL_REPLIES[3]
        subject = t.subject if t.subject.lower().startswith("re:") else "RE: " + t.subject
        me = first_name(sender, sender_name)
        paragraphs = ["%s," % first_name(target), reply, me]
        anchors = [(href, href)] if href else []
        text = plain(paragraphs, anchors) + "\n" + quoted(t)
        html = html_page(paragraphs, anchors) if href else None
        b.send(when, what, sender_name=sender_name, sender=sender, to=[target], delivered_to=target,
               subject=subject, text=text, html=html, in_reply_to=t.message_id)
        return True

    if family == "bcc_new_sender":
        if not hist.recipients:
            return False
        target = weighted(rng, hist.recipients, top=20)
        given, family_name = new_person(rng)
        domain = new_organisation(rng)
        sender = "%s.%s@%s" % (given.lower(), family_name.lower(), domain)
        if attack:
            lure, href = rng.choice(L.BCC_LURES), phishing_url(rng)
        else:
            lure, href = rng.choice(L.BCC_CONTROLS), "https://www.%s/%s" % (domain, random_token(rng, 6))
        subject, text, html = texts(rng, lure, first_name(target), given, domain, [(href, href)])
        to = [] if rng.random() < 0.5 else [sender]
        b.send(when, what, sender_name="%s %s" % (given, family_name), sender=sender, to=to,
               delivered_to=target, subject=subject, text=text, html=html)
        return True

    if family == "lateral":
        senders = hist.senders()
        if not senders:
            return False
        x = rng.choice(senders[:20])
        me = first_name(x.address, x.name)
        if attack:
            pool = sorted(STAFF_POOL - {x.address})
            recipients = rng.sample(pool, min(len(pool), rng.randrange(18, 31)))
            usual = weighted(rng, x.recipients)
            if usual not in recipients:
                recipients[0] = usual
            href = L.fill(rng, rng.choice(L.TRANSFER_PLATFORMS)) if rng.random() < 0.5 else phishing_url(rng)
            lure = rng.choice(L.LATERAL_LURES)
        else:
            recipients = sorted({weighted(rng, x.recipients) for _ in range(rng.randrange(3, 9))})
            known = [h for h, _ in x.hosts.most_common(5)]
            href = "http://%s/%s" % (rng.choice(known), random_token(rng, 5)) if known else None
            lure = rng.choice(L.LATERAL_CONTROLS)
        anchors = [(href, href)] if href else []
        subject, text, html = texts(rng, lure, "", me, "Enron", anchors)
        b.send(when, what, sender_name=x.name, sender=x.address, to=recipients, subject=subject,
               text=text, html=html, internal=True, zone=-6, sender_host="enron.com")
        return True
    raise ValueError(family)


STAFF_POOL = set()


def seed_tenants(rng, name, hist, cutoff, learn_out, manifest, tenants):
    """Up to four established correspondents of mailbox `name` get a tenant
    on a file-share platform, linked in three messages in the learning
    period. Adds them to `tenants` (address -> (platform, tenant name,
    Correspondent))."""
    candidates = [c for c in hist.established() if c.address not in tenants]
    for c in candidates[:4]:
        platform = L.TENANT_PLATFORMS[len(tenants) % len(L.TENANT_PLATFORMS)]
        tenants[c.address] = (platform, slug(c.domain), c)
        TAKEN.add(c.address)
        for _ in range(3):
            when = working_time(rng, c.first, cutoff - timedelta(days=1))
            target = weighted(rng, c.recipients)
            href = L.fill(rng, platform, tenant=slug(c.domain))
            subject, text, html = texts(rng, rng.choice(L.CONTROL_LURES), first_name(target),
                                        first_name(c.address, c.name), slug(c.domain), [(href, href)])
            data, mid = compose(rng, sender_name=c.name, sender=c.address, to=[target],
                                delivered_to=target, subject=subject, when=when, text=text, html=html)
            learn_out.append((when, data))
            manifest.append(dict(message_id=mid, set="seed", mailbox=name))


def adoption(rng, everything, start, builder, wanted=15):
    """`wanted` (15) established correspondents of up to 10 organisations
    start linking one new transfer platform over two weeks, two messages
    each."""
    hist = History([m for m in everything if m.date < start])
    by_org = collections.defaultdict(list)
    for c in hist.established():
        if c.replied and c.address not in TAKEN:
            by_org[c.reg].append(c)
    orgs = sorted(by_org, key=lambda r: (-len(by_org[r]), r))[:10]
    adopters = []
    for i, org in enumerate(orgs):
        adopters += by_org[org][:2 if i < 5 else 1]
    adopters = adopters[:wanted]
    rng.shuffle(adopters)
    for i, c in enumerate(adopters):
        TAKEN.add(c.address)
        RESERVED.add(c.address)
        for k, day in enumerate((i * 13.0 / len(adopters), i * 13.0 / len(adopters) + 1.5)):
            when = start + timedelta(days=day, hours=rng.randrange(13, 22), minutes=rng.randrange(60))
            target = weighted(rng, c.recipients)
            href = L.fill(rng, L.ADOPTION_PLATFORM)
            subject, text, html = texts(rng, L.ADOPTION_NOTES[k], first_name(target),
                                        first_name(c.address, c.name), slug(c.domain), [(href, href)])
            builder.send(when, dict(set="adoption", adopter=i + 1, organisation=c.reg, message=k + 1),
                         sender_name=c.name, sender=c.address, to=[target], delivered_to=target,
                         subject=subject, text=text, html=html)
    return len(adopters), len({c.reg for c in adopters})


def compromised_vendor(rng, everything, start, builder):
    """One established vendor, taken over, sends the same link to 40 staff."""
    hist = History([m for m in everything if m.date < start])
    vendor = next((c for c in hist.established() if c.replied and c.address not in TAKEN), None)
    if vendor is None or len(STAFF_POOL) < 40:
        print("crossval: no compromised vendor (too little history)", file=sys.stderr)
        return
    TAKEN.add(vendor.address)
    RESERVED.add(vendor.address)
    href = L.fill(rng, L.COMPROMISED_VENDOR_LINK)
    lure = L.ATTACK_LURES[0]
    recipients = rng.sample(sorted(STAFF_POOL), 40)
    for i, target in enumerate(recipients):
        when = start + timedelta(hours=2 + i * 2.3, minutes=rng.randrange(60))
        subject, text, html = texts(rng, lure, first_name(target), first_name(vendor.address, vendor.name),
                                    slug(vendor.domain), [(href, href)])
        builder.send(when, dict(set="vendor40", n=i + 1), sender_name=vendor.name,
                     sender=vendor.address, to=[target], delivered_to=target, subject=subject,
                     text=text, html=html)


TAKEN = set()     # correspondents given a part already (seeded, adopter, vendor)
RESERVED = set()  # adopters and the compromised vendor: no family uses them


def corpus_manifest(everything, cutoff):
    """Manifest lines for the replayed corpus mail: inbound, internal or
    outbound, and whether an inbound sender was a known correspondent (two
    earlier messages from it, or staff had written to it)."""
    sent = collections.Counter()
    written_to = set()
    rows = []
    for m in everything:
        if m.date >= cutoff and m.message_id:
            rcpts = m.to + m.cc
            if not is_local(m.sender):
                kind = "inbound"
            elif any(is_local(a) for a in rcpts):
                kind = "internal"
            else:
                kind = "outbound"
            known = sent[m.sender] >= 2 or m.sender in written_to
            rows.append(dict(message_id=m.message_id, set="corpus", kind=kind, known=known,
                             mailbox=m.mailbox))
        sent[m.sender] += 1
        if is_local(m.sender):
            written_to.update(a for a in m.to + m.cc if not is_local(a))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=19991231)
    parser.add_argument("--per-mailbox", type=int, default=5)
    parser.add_argument("--cutoff", default="2001-03-01")
    parser.add_argument("--adoption-start", default="2001-04-02")
    parser.add_argument("--vendor-start", default="2001-05-07")
    parser.add_argument("--adopters", type=int, default=15)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    cutoff = datetime.strptime(args.cutoff, "%Y-%m-%d").replace(tzinfo=timezone.utc)
    TAKEN.clear()
    RESERVED.clear()
    STAFF_POOL.clear()

    boxes = corpus_mod.read_corpus(os.path.join(args.corpus, "enron"))
    everything = sorted((m for mails in boxes.values() for m in mails),
                        key=lambda m: (m.date, m.mailbox, m.message_id))
    received = collections.Counter(a for m in everything if m.date < cutoff
                                   for a in m.to + m.cc if is_local(a) and is_person(a))
    STAFF_POOL.update(a for a, n in received.items()
                      if n >= 3 and PERSONAL.match(a.partition("@")[0]))

    learn, replay, manifest = [], [], []
    builder = Builder(rng, replay, manifest)
    tenants = {}
    for name, mails in boxes.items():
        before = [m for m in mails if m.date < cutoff]
        if before:
            seed_tenants(rng, name, History(before), cutoff, learn, manifest, tenants)
    compromised_vendor(rng, everything, datetime.strptime(
        args.vendor_start, "%Y-%m-%d").replace(tzinfo=timezone.utc), builder)
    adopters, orgs = adoption(rng, everything, datetime.strptime(
        args.adoption_start, "%Y-%m-%d").replace(tzinfo=timezone.utc), builder, args.adopters)
    print("crossval: adoption: %d adopters in %d organisations" % (adopters, orgs), file=sys.stderr)

    for name, mails in boxes.items():
        dates = sorted(m.date for m in mails)
        end = dates[-1] - timedelta(days=1)
        start = max(cutoff, dates[int(0.7 * len(dates))])
        if start > end - timedelta(days=14):
            start = max(cutoff, end - timedelta(days=30))
        if start >= end:
            print("crossval: %s has no mail after the cutoff; skipped" % name, file=sys.stderr)
            continue
        hist = History([m for m in mails if m.date < start])
        made = collections.Counter()
        for family in FAMILIES:
            for attack in (True, False):
                kind = "attack" if attack else "control"
                for _ in range(args.per_mailbox):
                    when = working_time(rng, start, end)
                    what = dict(set=kind, family=family, mailbox=name)
                    if family_message(builder, family, attack, hist, tenants, when, what):
                        made[kind] += 1
        print("crossval: %s window %s..%s: %d attacks, %d controls" % (
            name, start.date(), end.date(), made["attack"], made["control"]), file=sys.stderr)

    manifest += corpus_manifest(everything, cutoff)
    os.makedirs(args.out, exist_ok=True)
    learn += [(m.date, m.raw) for m in everything if m.date < cutoff]
    replay += [(m.date, m.raw) for m in everything if m.date >= cutoff]
    for fname, items in (("learn.mbox", learn), ("replay.mbox", replay)):
        with open(os.path.join(args.out, fname), "wb") as f:
            for _, data in sorted(items, key=lambda x: x[0]):
                f.write(data if data.endswith(b"\n\n") else data.rstrip(b"\n") + b"\n\n")
    with open(os.path.join(args.out, "manifest.jsonl"), "w") as f:
        for row in manifest:
            f.write(json.dumps(row, sort_keys=True) + "\n")
    print("crossval: learn %d, replay %d messages" % (len(learn), len(replay)), file=sys.stderr)


if __name__ == "__main__":
    main()
