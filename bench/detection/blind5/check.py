#!/usr/bin/env python3
"""Checks the shape of every message gen.py injected (blind5): it parses
without defects, is in the manifest, was placed in Date order, and has its
family's shape, judged only from what the source mailbox shows before the
message's Date (an established sender was established then; a hijack replies
to an earlier real message its sender took part in, or an outsider the
archive never shows; a BCC names no colleague; a look-alike reuses a
correspondent's local part at a domain the archive never shows; a masked link
shows one host and goes to another; a platform is one the archive never
links; a lateral message goes from a colleague who wrote before to 15-40
colleagues with the owner, mostly ones it never wrote to; ...). Prints each
failure (no message text) and exits 1 on any.

usage: check.py GEN CORPUS --owner MAILBOX=ADDRESS...
"""
import email
import email.policy
import email.utils
import importlib.util
import os
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
BLIND4 = os.path.join(HERE, "..", "blind4")
sys.path.insert(0, BLIND4)
sys.path.insert(1, os.path.join(HERE, ".."))
import mbox4 as M  # noqa: E402
import owned_arguments as A  # noqa: E402


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# blind5's own generator (its history index and names), by path: blind4's
# directory, on sys.path for mbox4, holds a gen.py of its own.
G = _load("blind5_gen", os.path.join(HERE, "gen.py"))

# blind4's HTML anchor reader, by import (its check.py, under another name).
C4 = _load("blind4_check", os.path.join(BLIND4, "check.py"))

ESTABLISHED = {"masked", "hijack-part", "share-new", "tenant-new", "cloud-token", "adoption", "bucket"}


def host(u):
    return (urllib.parse.urlsplit(u).hostname or "").lower()


def platform_seen(hosts, plat):
    return any(x == plat or x.endswith("." + plat) for x in hosts)


def problems(r, msg, h, t, earlier_hosts):
    p = []
    if msg.defects or any(part.defects for part in msg.walk()):
        p.append("defects")
    fam, kind = r["family"], r["kind"]
    s = r["sender"]
    if M.addrs([msg.get("From", "")]) != [s]:
        p.append("From differs from manifest")
    texts = [(part.get_content_type(), part.get_content().replace("\r\n", "\n"))
             for part in msg.walk() if part.get_content_maintype() == "text"]
    links = M.URL.findall("\n".join(x for _, x in texts))
    if not links:
        p.append("no link")
    if r["url"] not in "\n".join(x for _, x in texts).replace("&amp;", "&"):
        p.append("manifest URL not in the body")
    rc = M.addrs(msg.get_all("To", []) + msg.get_all("Cc", []))
    if fam in ESTABLISHED and not h.established(s, t):
        p.append("sender not established before the Date")
    if fam == "masked":
        a = C4.Anchors()
        for ct, x in texts:
            if ct == "text/html":
                a.feed(x)
        if not [1 for href, txt in a.links if M.URL.match(txt) and host(txt) != host(href)]:
            p.append("no masked anchor")
    if fam.startswith("hijack"):
        irt = (msg.get("In-Reply-To") or "").strip()
        th = h.by_mid.get(irt)
        if th is None:
            p.append("In-Reply-To names no archived message")
        elif th.date >= t:
            p.append("replied-to message is not earlier")
        if str(msg["Subject"]) != "RE: " + G.base_subject(th.subject if th else ""):
            p.append("not a reply to the thread's subject")
        if irt not in str(msg.get("References", "")):
            p.append("References lacks the thread")
        parts = set([th.sender] + th.to + th.cc) if th else set()
        if fam == "hijack-part" and s not in parts:
            p.append("participant did not take part in the thread")
        if fam == "hijack-out" and (s in h.all_addresses or M.reg_domain(s.split("@")[1]) in h.all_domains):
            p.append("outsider is not new")
        if h.owner not in rc:
            p.append("owner not a recipient")
    if fam == "bcc-first":
        if any(M.local(x) for x in rc):
            p.append("a colleague is named in To/Cc")
        if M.reg_domain(s.split("@")[1]) in h.all_domains:
            p.append("sender's organisation is not new")
        if M.addrs(msg.get_all("Delivered-To", [])) != [h.owner]:
            p.append("Delivered-To is not the owner")
    if fam in ("share-new", "adoption"):
        if platform_seen(h.hosts, r["platform"]):
            p.append("platform seen in the archive")
        if kind == "attack" and platform_seen(earlier_hosts, r["platform"]):
            p.append("platform linked by earlier injected mail")
    if fam == "tenant-new":
        if not any(r["tenant"] in host(l) for l in links):
            p.append("tenant not linked")
        if kind == "attack":
            if not platform_seen(earlier_hosts, r["platform"]):
                p.append("platform not made familiar before the attack")
            if any(host(l) in earlier_hosts or host(l) in h.hosts for l in links):
                p.append("tenant not new")
    if fam == "lookalike":
        d = s.split("@")[1]
        if M.reg_domain(d) in h.all_domains:
            p.append("look-alike domain not new")
        if d == r["imitates"] or not h.established(r["imitated_sender"], t):
            p.append("imitates no established correspondent")
        if r["imitated_sender"].split("@")[0] != s.split("@")[0]:
            p.append("local part not reused")
    if fam == "cloud-token":
        if not any(r["token"].replace("-", "") in urllib.parse.unquote(l).replace("-", "") for l in links):
            p.append("token not in any link")
    if fam in ("masked", "hijack-part", "hijack-out", "bcc-first", "lateral", "cloud-token", "lookalike"):
        if host(r["url"]) in h.hosts:
            p.append("link host seen in the archive")
    if fam == "lateral":
        col = [x for x in rc if M.local(x)]
        if not M.local(s) or h.owner not in col or not 15 <= len(col) <= 40:
            p.append("not a colleague to 15-40 colleagues with the owner")
        if len(h.before(t, t - h.first + 1)) and s not in h.insiders(t, 3):
            p.append("sender had not written inside before")
        wrote = h.wrote_before(s, t)
        never = sum(1 for x in col if x not in wrote and x != h.owner)
        if never * 2 <= len(col):
            p.append("mostly colleagues it wrote to")
        if any(x not in h.seen or h.seen[x] >= t for x in col if x != h.owner):
            p.append("a recipient not seen before")
    if fam == "bucket" and len(rc) != 1:
        p.append("vendor message not to one colleague")
    return p


def main():
    gen, corpus, owners = A.check_arguments()
    man, by = A.read_manifest(gen)
    fails = 0
    hists = {}
    for name in G.MAILBOXES + sorted(G.SCENARIOS):
        recs = by.get(name, {})
        src = G.SCENARIOS.get(name, name)
        if src not in hists:
            hists[src] = G.Hist(M.parse_mailbox(os.path.join(corpus, "enron", src + ".mbox")), owners[src])
        h = hists[src]
        seen = 0
        last_date = None
        earlier_hosts = set()
        for fl, raw in M.read_chunks(os.path.join(gen, name + ".mbox")):
            if b"\nX-Blind5-Id: " not in b"\n" + raw.split(b"\n\n", 1)[0]:
                try:
                    hp = email.message_from_bytes(raw.split(b"\n\n", 1)[0], policy=email.policy.compat32)
                    last_date = int(email.utils.parsedate_to_datetime(hp["Date"]).timestamp())
                except Exception:
                    pass
                continue
            msg = email.message_from_bytes(M.unquote(raw), policy=email.policy.default)
            mid = str(msg["Message-ID"]).strip().strip("<>")
            r = recs.get(mid)
            if r is None:
                print("%s: injected message not in manifest (id header %s)" % (name, msg["X-Blind5-Id"]))
                fails += 1
                continue
            seen += 1
            t = int(email.utils.parsedate_to_datetime(str(msg["Date"])).timestamp())
            kind, fam, serial = str(msg["X-Blind5-Id"]).split("/")
            if (kind, fam, int(serial)) != (r["kind"], r["family"], r["serial"]):
                print("%s %s: id header differs from manifest" % (name, r["serial"]))
                fails += 1
            if last_date is not None and last_date > t and 915148800 <= last_date <= 1041379200:
                print("%s %s/%s #%d: placed after a later message" % (name, kind, fam, r["serial"]))
                fails += 1
            for x in problems(r, msg, h, t, earlier_hosts):
                print("%s %s/%s #%d: %s" % (name, kind, fam, r["serial"], x))
                fails += 1
            earlier_hosts.add(host(r["url"]))
        if seen != len(recs):
            print("%s: %d of %d injected found" % (name, seen, len(recs)))
            fails += 1
    # counts the brief asks for
    att = [r for r in man if r["kind"] == "attack"]
    for fam in G.FAMILIES:
        n = sum(r["family"] == fam for r in att)
        if n != 20:
            print("family %s: %d attacks, not 20" % (fam, n))
            fails += 1
    ad = [r for r in man if r["kind"] == "adoption"]
    if len(ad) != 15 or len({r["organisation"] for r in ad}) < 10 or len({r["sender"] for r in ad}) != 15:
        print("adoption: not 15 correspondents of 10+ organisations")
        fails += 1
    ds = sorted(r["date"] for r in ad)
    if ds and (G.time.mktime(G.time.strptime(ds[-1], "%Y-%m-%d %H:%M"))
               - G.time.mktime(G.time.strptime(ds[0], "%Y-%m-%d %H:%M"))) > 14 * G.DAY:
        print("adoption: spread over more than two weeks")
        fails += 1
    vd = [r for r in man if r["kind"] == "vendor"]
    if len(vd) != 40 or len({r["sender"] for r in vd}) != 1 or len({r["url"] for r in vd}) != 1:
        print("vendor: not one sender's one link to 40 recipients")
        fails += 1
    print("check.py: %d injected messages, %d problems" % (len(man), fails))
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
