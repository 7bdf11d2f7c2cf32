#!/usr/bin/env python3
"""Base rate of lookalike9's short-name rule on the real correspondents.

Reads the six Enron mailboxes (RAPPORT_CORPUS/enron/*.mbox): the
external addresses that wrote to enron.com staff or
that they wrote to. For every correspondent domain whose first label has 3
to 5 letters (LookalikeIndex::FindMistyped()'s names; two given, from the
first to the second), counts the other
correspondent domains one typing error from it (a letter changed, added or
left out, two neighbours swapped; any suffix), and of those pairs how many
also share a person: a local part of one that is a local part of the
other, or spells one by both names (initial + surname, first name +
surname's initial). Prints the counts; no model, no threshold.
"""
import email.utils
import mailbox
import os
import sys

corpus = os.environ.get("RAPPORT_CORPUS",
                        os.path.join(os.path.dirname(__file__), "../../../shared/corpus"))
people = {}  # registrable-ish domain (last two labels, three for xx.us etc.) -> set of local parts


def registrable(host):
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in ("co", "com", "ac", "or", "org", "net", "gov", "edu", "state"):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


for name in sorted(os.listdir(os.path.join(corpus, "enron"))):
    if not name.endswith(".mbox"):
        continue
    for message in mailbox.mbox(os.path.join(corpus, "enron", name)):
        fields = []
        for header in ("From", "To", "Cc"):
            fields += message.get_all(header, [])
        for _, address in email.utils.getaddresses([str(f) for f in fields]):
            address = address.lower()
            if "@" not in address:
                continue
            local, host = address.rsplit("@", 1)
            if host.endswith("enron.com") or "." not in host:
                continue
            people.setdefault(registrable(host), set()).add(local)


def one_typo(a, b):
    if a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if abs(len(a) - len(b)) != 1:
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def whole_forms(local):
    for joiner in "._-":
        if local.count(joiner) == 1:
            first, last = local.split(joiner)
            if first.isalpha() and last.isalpha() and len(first) >= 2 and len(last) >= 2:
                return {first[0] + last, first + last[0]}
    return set()


def share_person(a, b):
    if a & b:
        return True
    return any(whole_forms(x) & b for x in a) or any(whole_forms(x) & a for x in b)


stems = {}
for domain in people:
    stems.setdefault(domain.split(".")[0], []).append(domain)
# The first-label lengths read, 3 to 5 unless given ("2 2": the two-letter
# names FindMistyped() reads since lookalike14).
shortest, longest = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) == 3 else (3, 5)
short = [d for d in people if shortest <= len(d.split(".")[0]) <= longest and d.split(".")[0].isalnum()]
near = 0
pairs = 0
shared = []
for domain in short:
    stem = domain.split(".")[0]
    others = [o for s, ds in stems.items() if one_typo(stem, s) for o in ds]
    if others:
        near += 1
    for other in others:
        if other in short and other < domain:
            continue  # each pair of short names once
        pairs += 1
        if share_person(people[domain], people[other]):
            shared.append((domain, other))
print(f"correspondent domains: {len(people)}; with a first label of {shortest}-{longest} letters: {len(short)}")
print(f"  one typing error from another correspondent's domain: {near} ({pairs} pairs)")
print(f"  of those pairs, sharing a person (local part, or both names spelled short): {len(shared)}")
for domain, other in shared:
    print(f"    {domain} {sorted(people[domain])[:8]} ~ {other} {sorted(people[other])[:8]}")
