#!/usr/bin/env python3
"""Checks that each generated message is what its family claims to be.

usage: checks.py GEN_DIR   (the --out directory of crossval_gen.py)

Reads learn.mbox (what history holds), replay.mbox and manifest.jsonl, and
for every generated message checks that it is well formed (Message-ID,
Date, From, Subject, MIME that parses, a Received trace and Delivered-To
for inbound copies) and has its family's shape: a masked link shows one
registrable domain and points to another; a participant's hijack answers a
real message from that participant's own address; a BCC copy does not name
its recipient; a first-seen platform was never linked in history, a new
tenant sits on a platform that was; a look-alike reuses a known
correspondent's local part on a near registrable domain; lateral mail comes
from inside to many colleagues; and so on. Says nothing of verdicts: it
never reads a replay. Prints one line per failed check and a count; exits
1 if any failed.
"""
import collections
import email
import email.policy
import email.utils
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus import FROM_LINE, registrable  # noqa: E402

URL = re.compile(r"https?://([A-Za-z0-9.-]+\.[A-Za-z]{2,})(/[^\s\"<>]*)?", re.I)
ANCHOR = re.compile(r'<a href="([^"]+)">([^<]*)</a>')
CLOUD = {"googleapis.com", "amazonaws.com", "windows.net", "digitaloceanspaces.com",
         "backblazeb2.com", "oraclecloud.com"}
UNGLYPH = str.maketrans("01345", "oieas")
BRANDS = ["enron", "microsoft", "office365", "docusign", "adobe", "dropbox", "onedrive",
          "wellsfargo", "chase", "fedex", "paypal", "outlook"]


def split(path):
    with open(path, "rb") as f:
        data = f.read()
    starts = [m.start() for m in FROM_LINE.finditer(data)] + [len(data)]
    for begin, end in zip(starts, starts[1:]):
        chunk = data[begin:end]
        yield email.message_from_bytes(chunk[chunk.index(b"\n") + 1:], policy=email.policy.compat32)


def is_local(address):
    domain = address.rpartition("@")[2]
    return domain == "enron.com" or domain.endswith(".enron.com")


def address(value):
    return email.utils.parseaddr(value or "")[1].lower()


def addresses(msg, *names):
    return [a.lower() for _, a in email.utils.getaddresses(
        [v for n in names for v in msg.get_all(n, [])]) if "@" in a]


def body_text(msg):
    parts = msg.walk() if msg.is_multipart() else [msg]
    return "\n".join(p.get_payload(decode=True).decode("latin-1") for p in parts
                     if not p.is_multipart() and p.get_payload(decode=True) is not None)


def distance(a, b):
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def near(twin, original):
    """A registrable look-alike: the same name under another TLD, or a name
    within two edits, a glyph swap, or with a word added by a hyphen."""
    t_name, _, t_tld = twin.partition(".")
    o_name, _, o_tld = original.partition(".")
    if twin == original:
        return False
    if t_name == o_name:
        return t_tld != o_tld
    return (distance(t_name, o_name) <= 2 or t_name.translate(UNGLYPH) == o_name
            or t_name.startswith(o_name + "-") or t_name.replace("rn", "m") == o_name
            or t_name.replace("vv", "w") == o_name)


class History:
    def __init__(self, gen):
        self.sent = collections.Counter()
        self.hosts = set()
        self.ids = {}
        for msg in split(os.path.join(gen, "learn.mbox")):
            sender = address(msg["From"])
            self.sent[sender] += 1
            self.ids[(msg["Message-ID"] or "").strip().strip("<>")] = sender
            self.hosts.update(h.lower() for h, _ in URL.findall(body_text(msg)))
        self.registrables = {registrable(h) for h in self.hosts}
        self.known_regs = {registrable(a.partition("@")[2]) for a, n in self.sent.items() if n >= 2}


def check(gen):
    history = History(gen)
    manifest = {}
    with open(os.path.join(gen, "manifest.jsonl")) as f:
        for line in f:
            row = json.loads(line)
            manifest.setdefault(row["message_id"], row)
    failures = []
    checked = collections.Counter()
    vendor = collections.defaultdict(set)
    # replay.mbox is in Date order: corpus mail replayed before a generated
    # message is history for it, as the store learns it on the way.
    for msg in split(os.path.join(gen, "replay.mbox")):
        mid = (msg["Message-ID"] or "").strip().strip("<>")
        what = manifest.get(mid)
        if what is None or what["set"] in ("corpus", "seed"):
            sender = address(msg["From"])
            history.sent[sender] += 1
            history.ids.setdefault(mid, sender)
            hosts = {h.lower() for h, _ in URL.findall(body_text(msg))}
            history.hosts.update(hosts)
            history.registrables.update(registrable(h) for h in hosts)
            if history.sent[sender] == 2:
                history.known_regs.add(registrable(sender.partition("@")[2]))
            continue
        label = "%s %s" % (what["set"], what.get("family", ""))
        checked[label.strip()] += 1

        def fail(reason):
            failures.append("%s <%s>: %s" % (label, mid, reason))

        sender = address(msg["From"])
        sender_reg = registrable(sender.partition("@")[2])
        to = addresses(msg, "To", "Cc")
        delivered = address(msg["Delivered-To"])
        text = body_text(msg)
        hosts = [h.lower() for h, _ in URL.findall(text)]
        anchors = ANCHOR.findall(text)
        try:
            email.utils.parsedate_to_datetime(msg["Date"])
        except (TypeError, ValueError):
            fail("no parsable Date")
        if not sender or not msg["Subject"] or not mid:
            fail("missing From, Subject or Message-ID")
        internal = is_local(sender)
        if not internal and (not msg["Received"] or not is_local(delivered)):
            fail("inbound copy without Received trace or local Delivered-To")
        known = history.sent[sender] >= 2
        attack = what["set"] == "attack"
        family = what.get("family")
        if family == "masked_link":
            if not known:
                fail("sender is not a known correspondent")
            masked = [(h, s) for h, s in anchors
                      if URL.match(s) and registrable(URL.match(s).group(1)) != registrable(URL.match(h).group(1))]
            if attack != bool(masked):
                fail("masked anchor %s" % ("missing" if attack else "present"))
        elif family in ("hijack_participant", "hijack_outsider"):
            original = history.ids.get((msg["In-Reply-To"] or "").strip().strip("<>"))
            if original is None or not msg["Subject"].lower().startswith("re:"):
                fail("does not answer a real message")
            elif family == "hijack_participant" and sender != original:
                fail("not from the participant's own address")
            elif family == "hijack_outsider":
                same_org = registrable(original.partition("@")[2]) == sender_reg
                if sender == original or same_org == attack:
                    fail("outsider's organisation %s" % ("matches" if attack else "differs"))
            if attack and not hosts:
                fail("hijack without a link")
        elif family == "bcc_new_sender":
            if delivered in to or history.sent[sender]:
                fail("recipient named in To/Cc, or sender not new")
        elif family == "vendor_new_platform":
            if not known:
                fail("sender is not a known correspondent")
            first_seen = any(registrable(h) not in history.registrables for h in hosts)
            if attack != first_seen:
                fail("platform %s in history" % ("seen" if attack else "unseen"))
        elif family == "new_tenant":
            if not known or not hosts:
                fail("not a known correspondent's link")
            elif attack and (hosts[0] in history.hosts or
                             registrable(hosts[0]) not in history.registrables):
                fail("not a new tenant of a platform history has seen")
        elif family == "registrable_lookalike":
            if attack:
                local = sender.partition("@")[0]
                twins = [a for a in history.sent if a.partition("@")[0] == local and
                         near(sender_reg, registrable(a.partition("@")[2]))]
                if not twins or sender_reg in history.known_regs:
                    fail("%s is no registrable look-alike of a known correspondent" % sender)
            elif not known:
                fail("control sender is not known")
        elif family == "cloud_token":
            if not known or not hosts or registrable(hosts[0]) not in CLOUD:
                fail("not a known sender's cloud-storage link")
            elif attack:
                where = (hosts[0] + (URL.search(text).group(2) or "")).lower()
                labels = re.split(r"[./]", where)
                slug = sender_reg.split(".")[0].replace("-", "")
                alike = [t for t in labels for b in BRANDS + [slug] if t != b and (
                    t.startswith(b + "-") or distance(t.split("-")[0].translate(UNGLYPH), b) <= 2
                    or distance(t.split("-")[0], b) <= 2)]
                if not alike:
                    fail("no look-alike token in %s" % hosts[0])
        elif family == "lateral":
            local_rcpts = [a for a in to if is_local(a)]
            if not internal or delivered:
                fail("not internal mail kept whole")
            if attack and (len(local_rcpts) < 18 or not hosts):
                fail("lateral attack without fan-out or link")
            if not attack and len(local_rcpts) > 8:
                fail("control fans out")
        elif what["set"] == "adoption":
            if not known or not hosts or any(h != "www.filemail.com" for h in hosts):
                fail("adoption message not a known partner linking the platform")
        elif what["set"] == "vendor40":
            vendor["senders"].add(sender)
            vendor["links"].update(h for h in hosts)
            vendor["recipients"].add(delivered)
    if checked["vendor40"] and (len(vendor["senders"]) != 1 or len(vendor["links"]) != 1
                                or len(vendor["recipients"]) != checked["vendor40"]):
        failures.append("vendor40: not one sender, one link, distinct recipients")
    return checked, failures


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: checks.py GEN_DIR")
    checked, failures = check(sys.argv[1])
    for f in failures:
        print(f)
    print("checked %d generated messages (%s); %d failed" % (
        sum(checked.values()), ", ".join("%s %d" % kv for kv in sorted(checked.items())),
        len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
