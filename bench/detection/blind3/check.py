#!/usr/bin/env python3
"""Checks that each message gen.py injected is well formed and is what its
family claims: a reply's In-Reply-To names a real message of the archive, a
BCC names no colleague and was delivered to the owner, a look-alike's
domain is new and imitates a correspondent whose local part it reuses, and
so on. Used by selftest.py; prints each failure and exits 1 on any.

usage: check.py GEN CORPUS
"""
import email
import email.policy
import email.utils
import html.parser
import json
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402

URL = re.compile(r"(?i)\bhttps?://[^\s\"'<>]+")


class Anchors(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self._href, self._text = [], None, ""

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), ""

    def handle_data(self, data):
        if self._href is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, self._text.strip()))
            self._href = None


def host(url):
    return urllib.parse.unquote(urllib.parse.urlsplit(url).hostname or "").lower()


def texts(msg):
    """(content type, decoded text) of every text part and HTML attachment."""
    out = []
    for part in msg.walk():
        if part.get_content_maintype() == "text" or part.get_content_type() == "application/ics":
            data = part.get_payload(decode=True) or b""
            out.append((part.get_content_type(),
                        data.decode(part.get_content_charset() or "utf-8", "replace")))
    return out


def addresses(msg, *names):
    values = [str(v) for n in names for v in msg.get_all(n, [])]
    return [a.lower() for _, a in email.utils.getaddresses(values) if "@" in a]


def problems(record, msg, archive):
    """What is wrong with one injected message; [] when it is what it claims."""
    p = []
    family, owner = record["family"], archive["owner"]
    if msg.defects:
        p.append("parse defects: %s" % msg.defects)
    sender = addresses(msg, "From")
    if sender != [record["sender"]]:
        p.append("From %s is not the manifest's %s" % (sender, record["sender"]))
    sender = record["sender"]
    parts = texts(msg)
    body = "\n".join(t for _, t in parts)
    links = URL.findall(body)
    to = addresses(msg, "To", "Cc")
    in_reply = (msg.get("In-Reply-To") or "").strip().strip("<>")
    known = archive["senders"]
    if record["kind"] in ("attack", "setup", "adoption", "vendor") and not links:
        if family not in ("registrable-lookalike",):
            p.append("no link")
    if family in ("masked-link",):
        anchors = Anchors()
        for ctype, t in parts:
            if ctype == "text/html":
                anchors.feed(t)
        masked = [(h, s) for h, s in anchors.links
                  if URL.match(s) and host(s) != host(h)]
        if not masked:
            p.append("no anchor whose shown URL differs from its target")
    if family.startswith("hijack"):
        if in_reply not in archive["ids"]:
            p.append("In-Reply-To names no message of the archive")
        if not str(msg["Subject"]).lower().startswith("re:"):
            p.append("not a reply")
        if (family == "hijack-participant") != (sender in known):
            p.append("participant must be a known sender, outsider a new one")
    if family in ("masked-link", "hijack-participant", "vendor-new-platform", "new-tenant",
                  "cloud-token", "adoption", "compromised vendor", "new-tenant setup"):
        if sender not in known or corpus.is_local(sender):
            p.append("sender is not a known outside correspondent")
    if family == "bcc-new-sender":
        if any(corpus.is_local(a) for a in to):
            p.append("a BCC names a colleague in To/Cc")
        if addresses(msg, "Delivered-To") != [owner]:
            p.append("Delivered-To is not the owner alone")
        if sender in known or sender.split("@")[1] in archive["domains"]:
            p.append("BCC sender is not new")
    if family == "registrable-lookalike":
        domain = sender.split("@")[1]
        imitated = [a for a in known if a.split("@")[0] == sender.split("@")[0]
                    and corpus.registrable(a.split("@")[1]) == record["imitates"]]
        if not imitated:
            p.append("reuses no known correspondent's local part")
        if corpus.registrable(domain) in archive["registrable"]:
            p.append("look-alike domain is not new")
    if family == "cloud-token":
        token = record["token"].lower()
        if not any(token in urllib.parse.unquote(l).lower() for l in links):
            p.append("no link carries the token")
    if family == "lateral":
        colleagues = [a for a in to if corpus.is_local(a)]
        if not corpus.is_local(sender) or owner not in colleagues \
                or not 20 <= len(set(colleagues)) <= 40:
            p.append("not an internal sender to 20-40 colleagues with the owner")
    if record["kind"] == "vendor" and len(to) != 1:
        p.append("a vendor message goes to one colleague")
    return p


def read_archive(path, owner):
    mails = corpus.read_mailbox(path)
    return {"owner": owner,
            "ids": {m.message_id.strip("<>") for m in mails},
            "senders": {m.sender for m in mails},
            "domains": {a.split("@")[1] for m in mails for a in [m.sender] + m.to + m.cc},
            "registrable": {corpus.registrable(a.split("@")[1])
                            for m in mails for a in [m.sender] + m.to + m.cc}}


def check(gen, corpus_dir, owners):
    manifest = [json.loads(l) for l in open(os.path.join(gen, "manifest.jsonl"))]
    failures = []
    by_box = {}
    for r in manifest:
        by_box.setdefault(r["mailbox"], {})[r["message_id"]] = r
    for mailbox, records in sorted(by_box.items()):
        archive = read_archive(os.path.join(corpus_dir, "enron", mailbox + ".mbox"),
                               owners[mailbox])
        seen = 0
        for m in corpus.read_mailbox(os.path.join(gen, mailbox + ".mbox")):
            r = records.get(m.message_id.strip("<>"))
            if r is None:
                continue
            seen += 1
            msg = email.message_from_bytes(m.raw, policy=email.policy.default)
            failures += ["%s %s %s: %s" % (mailbox, r["family"], r["shape"], x)
                         for x in problems(r, msg, archive)]
        if seen != len(records):
            failures.append("%s: %d of %d injected messages found" % (mailbox, seen, len(records)))
    return failures


def main():
    gen, corpus_dir = sys.argv[1:3]
    owners = dict(o.split("=", 1) for o in sys.argv[3:])
    failures = check(gen, corpus_dir, owners)
    for f in failures:
        print(f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
