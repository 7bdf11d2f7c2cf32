#!/usr/bin/env python3
"""DETECTION.md's "known legitimate fires" column, measured.

usage: model_fires.py --attack-eval FILE --real-mail FILE [--other-seed FILE]
                      [--doc DETECTION.md] [--check | --write]

FILE are saved outputs of the two evaluations run at the same build:
  attack_eval (bench/detection/attack_eval/run.sh --seed 20011203): its table
    "known legitimate fires, every registered signal ...": per signal, the
    mailboxes' real inbound and real internal messages it fired on, and of
    them how many were tagged and held;
  real_mail (bench/detection/real_mail/run.sh BUILD): its tables
    "### easy_ham: signals fired ..." and "### easy_ham internal: ...".
--other-seed is attack_eval's output at another seed: the largest difference
of any figure between the two seeds is measured and reported.

Without --check or --write, prints each signal's column as the model table
of --doc (default: docs/DETECTION.md beside this script) should have it.
--check compares instead and exits 1 naming every row whose figures differ,
every registered signal without a row, every row attack_eval does not list,
a preamble (the section's text before the table) that does not name
attack_eval's seed or each part's number of messages ("2,838"), and, with
--other-seed, one whose "seed S differs by at most N" is not the measured N.
--write rewrites the figures and that N in place, keeping everything else,
and exits 1 if it found what it cannot mend (a missing row, a "not
measured" signal that fired, the preamble's seed and counts).

The column of a signal is its figures, then optionally ". " and a note the
tool keeps as written:
  Enron 688 (187 tagged, 54 held); easy_ham 416 (104 tagged, 9 held). Note.
*Enron* is attack_eval's real inbound mail, *internal* its real internal
mail, *easy_ham* and *easy_ham internal* real_mail's easy_ham from outside and
from inside its domains. A part is given for the mail the signal judges (the
table's scope: inbound parts unless it is "internal", internal parts unless it
is "inbound"), or wherever it fired. A column that begins "not measured" is a
signal the corpora cannot show (no trusted Authentication-Results, no
legitimate attachments, no admin's report): it is kept as written, and
--check fails if the signal fired after all.

Exit status: 0 (printed, written, or no difference), 1 (a difference
--check found or --write could not mend), 2 (an input is missing or
unreadable).
"""
import argparse
import os
import re
import sys

NOT_MEASURED = "not measured"
SECTION = "## The model"
# The labels of the column's parts, in the order they are written.
PARTS = ("Enron", "internal", "easy_ham", "easy_ham internal")
ATTACK_EVAL_TITLE = "known legitimate fires, every registered signal"
ATTACK_EVAL_COUNTS = re.compile(r"on the mailboxes' (\d+) real inbound and (\d+) real internal")
ATTACK_EVAL_ROW = re.compile(r"^  ([A-Z0-9_]+)" + r"\s+(\d+)" * 6 + r"\s*$")
SEED_LINE = re.compile(r"^six Enron mailboxes, seed (\d+),")
REAL_MAIL_TITLE = re.compile(r"^### (easy_ham|easy_ham internal): signals fired \(of (\d+) ")
REAL_MAIL_ROW = re.compile(r"^\| ([A-Z0-9_]+) \| (\d+) \| (\d+) \| (\d+) \|$")
SPREAD = re.compile(r"seed (\d+) differs by at most ([\d,]+)")
PART = re.compile(r"^(easy_ham internal|easy_ham|internal|Enron) ([\d,]+)"
                  r"(?: \((?:([\d,]+) tagged)?(?:, )?(?:([\d,]+) held)?\))?$")


class InputError(Exception):
    pass


def read_lines(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().splitlines()
    except OSError as e:
        raise InputError("%s: %s" % (path, e.strerror))


def read_attack_eval(path):
    """(seed, {signal: {"Enron": (fired, tagged, held), "internal": ...}},
    {"Enron": messages, "internal": messages}), signals in registry order."""
    lines = read_lines(path)
    seed = None
    figures = {}
    counts = {}
    inside = False
    for line in lines:
        match = SEED_LINE.match(line)
        if match:
            seed = int(match.group(1))
        if line.startswith(ATTACK_EVAL_TITLE):
            inside = True
            match = ATTACK_EVAL_COUNTS.search(line)
            if match:
                counts = {"Enron": int(match.group(1)), "internal": int(match.group(2))}
            continue
        if not inside:
            continue
        if not line.strip():
            break
        match = ATTACK_EVAL_ROW.match(line)
        if match:
            n = [int(x) for x in match.groups()[1:]]
            figures[match.group(1)] = {"Enron": tuple(n[0:3]), "internal": tuple(n[3:6])}
    if not inside or not figures:
        raise InputError("%s: no table '%s...' (rebuild attack_eval: an older one does "
                         "not print it)" % (path, ATTACK_EVAL_TITLE))
    if seed is None:
        raise InputError("%s: no line 'six Enron mailboxes, seed N, ...'" % path)
    if not counts:
        raise InputError("%s: the fires table's title gives no message counts" % path)
    return seed, figures, counts


def read_real_mail(path):
    """({"easy_ham": {signal: (fired, tagged, held)}, "easy_ham internal": ...},
    {"easy_ham": messages, "easy_ham internal": messages})"""
    tables = {}
    counts = {}
    current = None
    for line in read_lines(path):
        match = REAL_MAIL_TITLE.match(line)
        if match:
            current = tables.setdefault(match.group(1), {})
            counts[match.group(1)] = int(match.group(2))
            continue
        if line.startswith("#"):
            current = None
            continue
        match = REAL_MAIL_ROW.match(line)
        if current is not None and match:
            current[match.group(1)] = tuple(int(x) for x in match.groups()[1:])
    for name in ("easy_ham", "easy_ham internal"):
        if name not in tables:
            raise InputError("%s: no table '### %s: signals fired' (real_mail/run.sh with "
                             "a summarise.py that prints it)" % (path, name))
    return tables, counts


def cells(line):
    """A table row's cells, trimmed; [] for a line that is no row."""
    if not line.startswith("|"):
        return []
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def model_rows(doc_lines):
    """[(line index, signal, scope, fires cell)] of the model table, and the
    index range [first, end) of the section's lines."""
    rows = []
    start = None
    end = len(doc_lines)
    for i, line in enumerate(doc_lines):
        if line == SECTION:
            start = i + 1
            continue
        if start is not None and line.startswith("## "):
            end = i
            break
    if start is None:
        raise InputError("no section '%s'" % SECTION)
    for i in range(start, end):
        row = cells(doc_lines[i])
        if len(row) == 7 and len(row[0]) > 2 and row[0][0] == "`" and row[0][-1] == "`":
            scope = row[1].split("; ", 1)[-1]
            rows.append((i, row[0][1:-1], scope, row[6]))
    return rows, start, end


def number(n):
    return "{:,}".format(n)


def describe(label, figures):
    fired, tagged, held = figures
    text = "%s %s" % (label, number(fired))
    outcome = ", ".join(part for part in (
        "%s tagged" % number(tagged) if tagged else "",
        "%s held" % number(held) if held else "") if part)
    return text + (" (%s)" % outcome if outcome else "")


def measured(signal, scope, enron, easy_ham):
    """The figures part of `signal`'s column."""
    figures = {
        "Enron": enron["Enron"],
        "internal": enron["internal"],
        "easy_ham": easy_ham["easy_ham"].get(signal, (0, 0, 0)),
        "easy_ham internal": easy_ham["easy_ham internal"].get(signal, (0, 0, 0)),
    }
    judges_inbound = scope != "internal"
    judges_internal = scope != "inbound"
    parts = []
    for label in PARTS:
        judged = judges_internal if label.endswith("internal") else judges_inbound
        if judged or figures[label][0]:
            parts.append(describe(label, figures[label]))
    return "; ".join(parts), sum(f[0] for f in figures.values())


def split_column(cell):
    """(figures, note) of a column; figures is None when the column does not
    begin with them."""
    figures, dot, note = cell.partition(". ")
    if not figures or not all(PART.match(part) for part in figures.split("; ")):
        return None, cell
    return figures, note


def spread(first, second):
    """The largest difference of any figure between two attack_eval tables,
    and where: over the signals of either, a signal one table lacks counting
    as zeros there."""
    largest, where = 0, "no figure"
    for signal in sorted(set(first) | set(second)):
        for label in ("Enron", "internal"):
            a = first.get(signal, {}).get(label, (0, 0, 0))
            b = second.get(signal, {}).get(label, (0, 0, 0))
            for name, x, y in zip(("fired", "tagged", "held"), a, b):
                if abs(x - y) > largest:
                    largest, where = abs(x - y), "%s %s %s" % (signal, label, name)
    return largest, where


def replace_last_cell(line, text):
    body = line.rstrip()
    assert body.endswith("|")
    cut = body.rstrip("|").rstrip().rfind("|")
    return body[:cut + 1] + " " + text + " |"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--attack-eval", required=True)
    parser.add_argument("--real-mail", required=True)
    parser.add_argument("--other-seed")
    parser.add_argument("--doc", default=os.path.join(here, "..", "..", "docs", "DETECTION.md"))
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--write", action="store_true")
    args = parser.parse_args()
    try:
        seed, enron, messages = read_attack_eval(args.attack_eval)
        easy_ham, easy_ham_messages = read_real_mail(args.real_mail)
        messages.update(easy_ham_messages)
        other = read_attack_eval(args.other_seed) if args.other_seed else None
        doc = read_lines(args.doc)
        rows, start, end = model_rows(doc)
    except InputError as e:
        print("model_fires.py: %s" % e, file=sys.stderr)
        return 2

    # Each problem is (text, whether --write mends it).
    problems = []
    listed = set()
    for index, signal, scope, cell in rows:
        listed.add(signal)
        if signal not in enron:
            problems.append(("%s: a row of the table, but attack_eval does not list it "
                             "(not registered at this build?)" % signal, False))
            continue
        figures, total = measured(signal, scope, enron[signal], easy_ham)
        column = cell
        if cell.startswith(NOT_MEASURED):
            if total:
                problems.append(("%s: says \"%s...\" but fired on %d real messages (%s)" %
                                 (signal, NOT_MEASURED, total, figures), False))
        else:
            written, note = split_column(cell)
            column = figures + (". " + note if note else "")
            if written != figures:
                problems.append(("%s: the table says \"%s\", measured \"%s\"" %
                                 (signal, written if written is not None else cell, figures),
                                 True))
                doc[index] = replace_last_cell(doc[index], column)
        if not args.check and not args.write:
            print("%s | %s" % (signal, column))
    for signal in enron:
        if signal not in listed:
            problems.append(("%s: registered (attack_eval lists it) but no row in the table" %
                             signal, False))

    preamble = range(start, rows[0][0] if rows else end)
    if not any("seed %d" % seed in doc[i] for i in preamble):
        problems.append(("the preamble does not name seed %d, attack_eval's" % seed, False))
    for label in PARTS:
        count = re.compile(r"(?<![\d,])%s(?![\d,])" % re.escape(number(messages[label])))
        if not any(count.search(doc[i]) for i in preamble):
            problems.append(("the preamble does not give the %s messages counted, %s" %
                             (label, number(messages[label])), False))
    if other:
        other_seed, other_enron, _ = other
        largest, where = spread(enron, other_enron)
        said = "seed %d differs by at most %s" % (other_seed, number(largest))
        claims = [m.group(0) for i in preamble for m in SPREAD.finditer(doc[i])]
        if not args.check and not args.write:
            print("%s (%s)" % (said, where))
        if claims != [said]:
            problems.append(("the preamble should say \"%s\" (%s)%s" %
                             (said, where, ", it says \"%s\"" % "\", \"".join(claims)
                              if claims else ""), bool(claims)))
            for i in preamble:
                doc[i] = SPREAD.sub(said, doc[i])

    if args.write:
        with open(args.doc, "w", encoding="utf-8") as f:
            f.write("\n".join(doc) + "\n")
        for text, mended in problems:
            print("model_fires.py: %s%s" % ("mended: " if mended else "", text), file=sys.stderr)
        return 1 if any(not mended for _, mended in problems) else 0
    if args.check:
        for text, _ in problems:
            print("model_fires.py: %s" % text)
        return 1 if problems else 0
    return 0

if __name__ == "__main__":
    sys.exit(main())
