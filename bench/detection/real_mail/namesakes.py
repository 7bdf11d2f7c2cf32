#!/usr/bin/env python3
"""Real namesakes of staff in real mail: outsiders whose name is a staff member's.

usage: namesakes.py prepare --corpus DIR --out DIR
       namesakes.py report --manifest FILE --replay FILE [--local DOMAINS]
       namesakes.py easyham --corpus DIR --replay FILE

DISPLAY_NAME_IMPERSONATION reads a display name as a member of staff's when
a staff address used it, or when it spells a staff mailbox whole
(first.last, firstlast, first_last, first-last, last.first: MailboxesNamedBy
with NameSpelling::kWholeNames, scoring/signal_support.cc), and
STAFF_NAME_NEW_LINK_DOMAIN judges the links of such mail against that
colleague's own. This script finds the real mail on which those readings
are false by construction: a real external sender, writing as itself, whose
name is a staff member's.

prepare: Enron's From headers carry no display names (the archive keeps the
sender's name in X-From, which a gateway never sees), so the Enron mail as
the corpus has it cannot show a namesake. It writes DIR/enron-named.mbox,
all six Enron mailboxes with each From header given the display name its
X-From shows (the name the sender's own mail client wrote, e.g. "Jacobs, Ted
K" <tjacobs@ou.edu>; Exchange's "Kean, Steven J </O=ENRON/...>" kept as
"Kean, Steven J"), every other byte untouched, each mailbox also apart as
DIR/named/NAME.mbox, and DIR/namesakes.tsv: every
inbound message (From outside enron.com) whose sender's name matches a staff
member's, one line each: message_id, from, name, match, staff address.
Staff are the enron.com addresses that send mail in the corpus. Matches:
  spelled      the name spells a staff mailbox whole (what the product reads)
  same-name    first and last name equal to a staff member's X-From name
  initial      same last name and first initial as a staff mailbox
               (first.last), but not the same first name: near namesakes
               the product never reads as staff (kWholeNames)
These are names, not persons: a staff member writing from a private
address (vkaminski@aol.com) is listed too, and told apart in the report by
the address's local part.

report: joins a `rapportctl --json replay` of enron-named.mbox (local_domains
= enron.com) with namesakes.tsv and prints Markdown: per match kind, the
messages, how many DISPLAY_NAME_IMPERSONATION / STAFF_NAME_NEW_LINK_DOMAIN
fire on, held and tagged; and every inbound message on which either signal
fired, namesake or not.

easyham: the same question for spamassassin/easy_ham replayed as another
organisation (local_domains example.com, netnoteinc.com; its From headers
carry real display names): outsiders whose name was used by an internal
address, or spells an internal mailbox whole.
"""
import argparse
import collections
import json
import os
import re
import sys
import zlib

FROM_LINE = re.compile(rb"(?m)^From [^\n]*\n")
ADDRESS = re.compile(r"<([^<>@\s]+@[^<>\s]+)>|([A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+)")
SERVICE_WORDS = {
    "accounts", "accounting", "admin", "billing", "support", "team", "service", "services",
    "desk", "office", "department", "payable", "receivable", "payroll", "sales", "info",
}


def split_mbox(path):
    """(From_ line, raw message) pairs of an mboxrd file, in order."""
    with open(path, "rb") as f:
        data = f.read()
    starts = [m.start() for m in FROM_LINE.finditer(data)]
    out = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(data)
        chunk = data[start:end]
        nl = chunk.index(b"\n") + 1
        out.append((chunk[:nl], chunk[nl:]))
    return out


def header_block(raw):
    cut = raw.find(b"\n\n")
    return raw if cut < 0 else raw[:cut + 1]


def headers(raw):
    """Unfolded headers: list of (lower-case name, value as str)."""
    out = []
    for line in header_block(raw).decode("latin-1").split("\n"):
        if line[:1] in (" ", "\t") and out:
            out[-1] = (out[-1][0], out[-1][1] + " " + line.strip())
        elif ":" in line:
            name, _, value = line.partition(":")
            out.append((name.strip().lower(), value.strip()))
    return out


def first(hs, name):
    for n, v in hs:
        if n == name:
            return v
    return ""


def parse_from(value):
    """(display name, lower-case address) of a From value."""
    m = ADDRESS.search(value)
    if not m:
        return "", ""
    address = (m.group(1) or m.group(2)).lower()
    name = value[:m.start()] if m.group(1) else ""
    return name.strip().strip('"').strip(), address


def xfrom_name(value):
    """The name part of an Enron X-From value: 'Davis, Pete </O=ENRON/...>'
    gives 'Davis, Pete'; a bare address gives ''."""
    name = re.sub(r"\s*<[^>]*>\s*$", "", value).strip().strip('"').strip()
    if "@" in name or not re.search(r"[A-Za-z]", name):
        return ""
    return name


def name_words(display):
    """(first, last) lower-case of a person's name as MailboxesNamedBy reads
    it ('Last, First' turned round; middle names and initials dropped),
    or None when the name is not plainly a person's."""
    text = display
    if "," in text:
        head, _, tail = text.partition(",")
        text = tail + " " + head
    words = []
    for w in re.split(r"[ \t\".]+", text.replace("'", "")):
        if not w:
            continue
        if not re.fullmatch(r"[A-Za-z]+", w):
            return None
        words.append(w.lower())
    if len(words) < 2 or len(words) > 4 or any(w in SERVICE_WORDS for w in words):
        return None
    return words[0], words[-1]


def whole_spellings(first_name, last):
    if len(first_name) < 2 or len(last) < 2:
        return []
    joined = [first_name + j + last for j in (".", "", "_", "-")]
    return joined + [last + "." + first_name]


def is_local(address, domains):
    domain = address.rpartition("@")[2]
    return any(domain == d or domain.endswith("." + d) for d in domains)


def enron_files(corpus):
    enron = os.path.join(corpus, "enron")
    return [os.path.join(enron, n) for n in sorted(os.listdir(enron)) if n.endswith(".mbox")]


def named_from(raw, name, address):
    """raw with its From header replaced by '"name" <address>'."""
    head = header_block(raw)
    lines = head.split(b"\n")
    out = []
    skipping = False
    for line in lines:
        if skipping and line[:1] in (b" ", b"\t"):
            continue
        skipping = False
        if line.lower().startswith(b"from:"):
            quoted = name.replace("\\", "").replace('"', "")
            out.append(('From: "%s" <%s>' % (quoted, address)).encode("latin-1", "replace"))
            skipping = True
            continue
        out.append(line)
    return b"\n".join(out) + raw[len(head):]


def prepare(args):
    os.makedirs(args.out, exist_ok=True)
    messages = []
    mailboxes = []  # (file name, number of its messages), in the corpus's order
    for path in enron_files(args.corpus):
        count = 0
        for from_line, raw in split_mbox(path):
            hs = headers(raw)
            name, address = parse_from(first(hs, "from"))
            if not name:
                name = xfrom_name(first(hs, "x-from"))
            messages.append((from_line, raw, name, address, first(hs, "message-id")))
            count += 1
        mailboxes.append((os.path.basename(path), count))

    staff = set()  # enron.com addresses that send mail
    staff_names = collections.defaultdict(set)  # (first, last) -> staff addresses
    for _, _, name, address, _ in messages:
        if not is_local(address, ["enron.com"]):
            continue
        staff.add(address)
        words = name_words(name) if name else None
        if words:
            staff_names[words].add(address)
    by_local = {}  # local part of a staff first.last mailbox -> address
    initials = collections.defaultdict(set)  # (first initial, last) -> staff addresses
    for address in staff:
        local = address.partition("@")[0]
        by_local.setdefault(local, address)
        parts = local.split(".")
        if len(parts) == 2 and all(re.fullmatch(r"[a-z]{2,}", p) for p in parts):
            initials[(parts[0][0], parts[1])].add(address)

    # All six in one file, and each mailbox apart (DIR/named/NAME.mbox) for
    # replays that keep one store per mailbox, as attack_eval does.
    os.makedirs(os.path.join(args.out, "named"), exist_ok=True)
    with open(os.path.join(args.out, "enron-named.mbox"), "wb") as out:
        start = 0
        for mailbox, count in mailboxes:
            with open(os.path.join(args.out, "named", mailbox), "wb") as apart:
                for from_line, raw, name, address, _ in messages[start:start + count]:
                    if name and address:
                        raw = named_from(raw, name, address)
                    for f in (out, apart):
                        f.write(from_line)
                        f.write(raw)
            start += count

    # The synthetic upper bound: every outside sender given the name of a
    # member of staff (one per sender address, by a fixed hash), as if each
    # were that person's namesake. Not a base rate: real namesakes are rare.
    pool = sorted((words, sorted(addresses)[0]) for words, addresses in staff_names.items()
                  if any(a.partition("@")[0] in whole_spellings(*words) for a in addresses))
    with open(os.path.join(args.out, "enron-renamed.mbox"), "wb") as out, \
            open(os.path.join(args.out, "renamed.tsv"), "w") as tsv:
        for from_line, raw, name, address, message_id in messages:
            if address and not is_local(address, ["enron.com"]) and pool:
                words, staff_address = pool[zlib.crc32(address.encode()) % len(pool)]
                staff_name = " ".join(w.capitalize() for w in words)
                raw = named_from(raw, staff_name, address)
                tsv.write("\t".join([message_id.strip("<>"), address, staff_name,
                                      staff_address]) + "\n")
            elif name and address:
                raw = named_from(raw, name, address)
            out.write(from_line)
            out.write(raw)

    with open(os.path.join(args.out, "names.tsv"), "w") as tsv:
        for _, _, name, address, message_id in messages:
            tsv.write("\t".join([message_id.strip("<>"), address, name]) + "\n")
    seen = set()
    with open(os.path.join(args.out, "namesakes.tsv"), "w") as tsv:
        tsv.write("message_id\tfrom\tname\tmatch\tstaff\n")
        for _, _, name, address, message_id in messages:
            if not name or not address or is_local(address, ["enron.com"]):
                continue
            if message_id in seen:
                continue
            words = name_words(name)
            if not words:
                continue
            match = ""
            spelled = [by_local[s] for s in whole_spellings(*words) if s in by_local]
            if spelled:
                match, who = "spelled", spelled[0]
            elif staff_names.get(words):
                match, who = "same-name", sorted(staff_names[words])[0]
            else:
                near = sorted(a for a in initials.get((words[0][0], words[1]), ())
                              if a.partition("@")[0].split(".")[0] != words[0])
                if near:
                    match, who = "initial", near[0]
            if match:
                seen.add(message_id)
                tsv.write("\t".join([message_id.strip("<>"), address, name, match, who]) + "\n")
    print("namesakes.py: wrote %s/enron-named.mbox (%d messages) and namesakes.tsv"
          % (args.out, len(messages)), file=sys.stderr)


def load_replay(path):
    rows = {}
    with open(path) as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                rows.setdefault(row.get("message_id", ""), row)
    return rows


SIGNALS = ("DISPLAY_NAME_IMPERSONATION", "STAFF_NAME_NEW_LINK_DOMAIN")


def verdict_line(row):
    fired = [s for s in row.get("signals", [])]
    return "%s score %s (%s)" % (row.get("action"), row.get("score"), ", ".join(fired))


def report(args):
    rows = load_replay(args.replay)
    local = [d.strip() for d in args.local.split(",")]
    by_kind = collections.defaultdict(list)
    with open(args.manifest) as f:
        next(f)
        for line in f:
            message_id, address, name, match, staff = line.rstrip("\n").split("\t")
            row = rows.get(message_id)
            if row is not None:
                by_kind[match].append((address, name, staff, row))
    print("| match | messages | senders | DISPLAY_NAME_IMPERSONATION | STAFF_NAME_NEW_LINK_DOMAIN"
          " | held | tagged |")
    print("|---|---|---|---|---|---|---|")
    for kind in ("spelled", "same-name", "initial"):
        items = by_kind.get(kind, [])
        fired = [sum(1 for *_, r in items if s in r.get("signals", [])) for s in SIGNALS]
        held = sum(1 for *_, r in items if r.get("action") in ("hold", "reject"))
        tagged = sum(1 for *_, r in items if r.get("action") == "tag")
        print("| %s | %d | %d | %d | %d | %d | %d |" % (
            kind, len(items), len({a for a, *_ in items}), fired[0], fired[1], held, tagged))
    print()
    print("Every namesake message, by sender (messages; actions):")
    print()
    senders = collections.OrderedDict()
    for kind in ("spelled", "same-name", "initial"):
        for address, name, staff, row in by_kind.get(kind, []):
            senders.setdefault((kind, address, name, staff), []).append(row)
    for (kind, address, name, staff), items in senders.items():
        actions = collections.Counter(r.get("action") for r in items)
        fired = collections.Counter(s for r in items for s in r.get("signals", []) if s in SIGNALS)
        print("- %s: \"%s\" <%s> ~ %s: %d messages, %s%s" % (
            kind, name, address, staff, len(items),
            ", ".join("%s %d" % kv for kv in sorted(actions.items())),
            ("; " + ", ".join("%s %d" % kv for kv in sorted(fired.items()))) if fired else ""))
    print()
    print("Every inbound message on which either signal fired:")
    print()
    names = {}
    with open(os.path.join(os.path.dirname(args.manifest), "names.tsv")) as f:
        for line in f:
            message_id, _, name = line.rstrip("\n").split("\t")
            names.setdefault(message_id, name)
    inbound = [r for r in rows.values() if not is_local(r.get("from", "").lower(), local)]
    print("Inbound messages replayed: %d (held %d, tagged %d)." % (
        len(inbound), sum(1 for r in inbound if r.get("action") in ("hold", "reject")),
        sum(1 for r in inbound if r.get("action") == "tag")))
    for signal in SIGNALS:
        fired = [r for r in inbound if signal in r.get("signals", [])]
        print("%s fired on %d of them: held %d, tagged %d." % (
            signal, len(fired), sum(1 for r in fired if r.get("action") in ("hold", "reject")),
            sum(1 for r in fired if r.get("action") == "tag")))
    print()
    for row in inbound:
        if any(s in row.get("signals", []) for s in SIGNALS):
            print("- \"%s\" <%s> %s: %s" % (names.get(row.get("message_id"), ""), row.get("from"),
                                           row.get("date", "")[:10], verdict_line(row)))
            for signal, text in sorted(row.get("evidence", {}).items()):
                if signal in SIGNALS:
                    print("  - %s: %s" % (signal, text))


def renamed(args):
    """The synthetic upper bound: the renamed replay against the named one."""
    named = load_replay(args.named)
    rows = load_replay(args.replay)
    total = fired_dni = fired_staff = held = tagged = held_before = tagged_before = 0
    newly_held = collections.Counter()
    with open(args.manifest) as f:
        for line in f:
            message_id, address, staff_name, staff = line.rstrip("\n").split("\t")
            row, before = rows.get(message_id), named.get(message_id)
            if row is None or before is None:
                continue
            total += 1
            signals = row.get("signals", [])
            fired_dni += SIGNALS[0] in signals
            fired_staff += SIGNALS[1] in signals
            stopped = row.get("action") in ("hold", "reject")
            held += stopped
            tagged += row.get("action") == "tag"
            was = before.get("action") in ("hold", "reject")
            held_before += was
            tagged_before += before.get("action") == "tag"
            if stopped and not was:
                newly_held[tuple(sorted(s for s in signals))] += 1
    print("| outside messages, each sender renamed to a staff member | %s | %s | held | tagged |"
          % SIGNALS)
    print("|---|---|---|---|---|")
    print("| %d (their own names: held %d, tagged %d) | %d | %d | %d | %d |" % (
        total, held_before, tagged_before, fired_dni, fired_staff, held, tagged))
    print()
    print("Newly held, by signal combination:")
    for combination, count in newly_held.most_common(12):
        print("- %d: %s" % (count, ", ".join(combination)))


def easyham(args):
    path = os.path.join(args.corpus, "spamassassin", "easy_ham.mbox")
    local = ["example.com", "netnoteinc.com"]
    internal_names = collections.defaultdict(set)
    internal = set()
    messages = []
    for _, raw in split_mbox(path):
        hs = headers(raw)
        name, address = parse_from(first(hs, "from"))
        messages.append((name, address, first(hs, "message-id").strip("<>")))
        if is_local(address, local):
            internal.add(address)
            words = name_words(name) if name else None
            if words:
                internal_names[words].add(address)
    by_local = {a.partition("@")[0]: a for a in internal}
    rows = load_replay(args.replay) if args.replay else {}
    print("easy_ham: %d internal senders, %d with a person's name" % (
        len(internal), sum(len(v) for v in internal_names.values())))
    for name, address, message_id in messages:
        if not name or is_local(address, local):
            continue
        words = name_words(name)
        if not words:
            continue
        spelled = [by_local[s] for s in whole_spellings(*words) if s in by_local]
        same = sorted(internal_names.get(words, ()))
        if spelled or same:
            row = rows.get(message_id, {})
            print("- \"%s\" <%s> ~ %s: %s" % (name, address, (spelled or same)[0],
                                              verdict_line(row) if row else "not replayed"))
    fired = [r for r in rows.values() if any(s in r.get("signals", []) for s in SIGNALS)
             and not is_local(r.get("from", "").lower(), local)]
    print("easy_ham messages on which %s fired: %d" % (" or ".join(SIGNALS), len(fired)))
    for row in fired:
        print("- %s <%s>: %s" % (row.get("message_id"), row.get("from"), verdict_line(row)))


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--corpus", required=True)
    p.add_argument("--out", required=True)
    r = sub.add_parser("report")
    r.add_argument("--manifest", required=True)
    r.add_argument("--replay", required=True)
    r.add_argument("--local", default="enron.com")
    n = sub.add_parser("renamed")
    n.add_argument("--manifest", required=True)
    n.add_argument("--replay", required=True)
    n.add_argument("--named", required=True)
    e = sub.add_parser("easyham")
    e.add_argument("--corpus", required=True)
    e.add_argument("--replay", default="")
    args = parser.parse_args()
    {"prepare": prepare, "report": report, "renamed": renamed, "easyham": easyham}[args.command](args)


if __name__ == "__main__":
    main()
