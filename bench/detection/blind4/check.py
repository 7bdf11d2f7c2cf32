#!/usr/bin/env python3
"""Checks every message gen.py injected: it parses without defects and has
its family's shape (a hijack replies to a real message of the archive; a
participant took part in it and an outsider never appears in the archive;
a BCC names no colleague; a look-alike reuses a correspondent's local part
at a domain the archive never shows; a masked link shows one host and goes
to another; a lateral message goes from a colleague to 20-40 colleagues
with the owner; ...). Prints each failure (no message text) and exits 1 on any.

usage: check.py GEN CORPUS --owner MAILBOX=ADDRESS...
"""
import email
import email.policy
import html.parser
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(1, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import mbox4 as M  # noqa: E402
import owned_arguments as A  # noqa: E402

SOURCE = {"scen-adoption": "kaminski-v", "scen-vendor": "farmer-d"}


class Anchors(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.href, self.text = [], None, ""

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.href, self.text = dict(attrs).get("href"), ""

    def handle_data(self, data):
        if self.href is not None:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "a" and self.href is not None:
            self.links.append((self.href, self.text.strip()))
            self.href = None


def host(u):
    return (urllib.parse.urlsplit(u).hostname or "").lower()


def problems(r, msg, arc, owner):
    p = []
    if msg.defects:
        p.append("defects")
    for part in msg.walk():
        if part.defects:
            p.append("part defects")
    fam, kind = r["family"], r["kind"]
    sender = M.addrs([msg.get("From", "")])
    if sender != [r["sender"]]:
        p.append("From differs from manifest")
    s = r["sender"]
    texts = []
    for part in msg.walk():
        if part.get_content_maintype() == "text":
            texts.append((part.get_content_type(), part.get_content().replace("\r\n", "\n")))
    body = "\n".join(t for _, t in texts)
    links = M.URL.findall(body)
    if not links:
        p.append("no link")
    rc = M.addrs(msg.get_all("To", []) + msg.get_all("Cc", []))
    irt = (msg.get("In-Reply-To") or "").strip()
    if kind in ("attack", "setup", "adoption", "vendor") and fam not in ("bcc-new", "hijack-out", "lookalike", "lateral"):
        if s not in arc["senders"] or M.local(s):
            p.append("sender is not a known outside correspondent")
    if fam == "masked":
        a = Anchors()
        for ct, t in texts:
            if ct == "text/html":
                a.feed(t)
        if not [1 for h, t in a.links if M.URL.match(t) and host(t) != host(h)]:
            p.append("no masked anchor")
    if fam.startswith("hijack"):
        if irt not in arc["ids"]:
            p.append("In-Reply-To names no archived message")
        if not str(msg["Subject"]).lower().startswith("re:"):
            p.append("not a reply")
        th = arc["by_id"].get(irt)
        parts = set([th.sender] + th.to + th.cc) if th else set()
        if fam == "hijack-in" and s not in parts:
            p.append("participant did not take part in the thread")
        if fam == "hijack-out" and (s in arc["addresses"] or M.reg_domain(s.split("@")[1]) in arc["domains"]):
            p.append("outsider is not new")
    if fam == "bcc-new":
        if any(M.local(x) for x in rc):
            p.append("a colleague is named in To/Cc")
        if M.reg_domain(s.split("@")[1]) in arc["domains"]:
            p.append("BCC organisation is not new")
        if M.addrs(msg.get_all("Delivered-To", [])) != [owner]:
            p.append("Delivered-To is not the owner")
    if fam == "vendor-platform":
        if any(h.endswith(r["platform"]) for h in arc["hosts"]):
            p.append("platform was seen before")
    if fam == "new-tenant" and kind == "attack":
        if not any(r["tenant"] in l for l in links):
            p.append("tenant not linked")
    if fam == "lookalike":
        d = s.split("@")[1]
        if M.reg_domain(d) in arc["domains"]:
            p.append("look-alike domain not new")
        if not any(a.split("@")[0] == s.split("@")[0] and M.reg_domain(a.split("@")[1]) == r["imitates"]
                   for a in arc["senders"]):
            p.append("reuses no correspondent's local part")
    if fam == "cloud-token":
        if not any(r["token"].replace("-", "") in urllib.parse.unquote(l).replace("-", "") for l in links):
            p.append("token not in any link")
    if fam == "lateral":
        col = set(x for x in rc if M.local(x))
        if not M.local(s) or owner not in col or not 20 <= len(col) <= 40:
            p.append("not colleague to 20-40 colleagues with the owner")
        if r["never_written"] * 2 <= r["recipients"]:
            p.append("mostly colleagues it wrote to")
    if kind == "vendor" and len(rc) != 1:
        p.append("vendor message not to one colleague")
    return p


def main():
    gen, corpus, owners = A.check_arguments()
    man, by = A.read_manifest(gen)
    fails = 0
    arcs = {}
    for name, recs in sorted(by.items()):
        src = SOURCE.get(name, name)
        if src not in arcs:
            ms = M.parse_mailbox(os.path.join(corpus, "enron", src + ".mbox"))
            arcs[src] = {"ids": {m.mid for m in ms}, "by_id": {m.mid: m for m in ms},
                         "senders": {m.sender for m in ms},
                         "addresses": {a for m in ms for a in [m.sender] + m.to + m.cc},
                         "domains": {M.reg_domain(a.split("@")[1]) for m in ms for a in [m.sender] + m.to + m.cc},
                         "hosts": M.link_hosts(ms)}
        seen = 0
        for fl, raw in M.read_chunks(os.path.join(gen, name + ".mbox")):
            if b"\nX-Blind4-Id: " not in raw:
                continue
            msg = email.message_from_bytes(M.unquote(raw), policy=email.policy.default)
            mid = str(msg["Message-ID"]).strip().strip("<>")
            r = recs.get(mid)
            if r is None:
                print("%s: injected message not in manifest (serial header %s)" % (name, msg["X-Blind4-Id"]))
                fails += 1
                continue
            seen += 1
            if msg["X-Blind4-Id"].split("/")[1] != r["family"]:
                print("%s %s: header family differs" % (name, r["serial"]))
                fails += 1
            for x in problems(r, msg, arcs[src], owners[src]):
                print("%s %s/%s #%d: %s" % (name, r["kind"], r["family"], r["serial"], x))
                fails += 1
        if seen != len(recs):
            print("%s: %d of %d injected found" % (name, seen, len(recs)))
            fails += 1
    print("check.py: %d injected messages, %d problems" % (len(man), fails))
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
