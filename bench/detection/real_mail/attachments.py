#!/usr/bin/env python3
"""What the attachment signals do on every real attachment the corpus holds.

usage: attachments.py SIDE=NAME=MBOX=JSONL...
       attachments.py restore CORPUS_DIR OUT_MBOX

SIDE is legit or phish; MBOX a corpus file (or a re-addressed copy of it),
JSONL the `rapportctl --json replay` of it. For each set, the messages with
an attachment part (a part with a file name, or a Content-Disposition of
attachment, or a body part that is neither text nor multipart), by kind of
part (document: PDF, an office file, a page or SVG; archive; program; image;
other), and for each attachment signal how many messages it fired on
overall, on the messages with attachments, and their verdicts; for the
legitimate sets, every message with a document, archive or program part,
one line each with its parts and verdict.

The attachment signals: ATTACHED_PAGE_LEADS_AWAY, ATTACHED_DOCUMENT_LINK_FIRST_SEEN,
ATTACHED_DOCUMENT_LINK_HIDDEN (links read from an attached page, SVG or PDF:
message/parser.cc) and EXECUTABLE_ATTACHMENT (a program, or one named in an
attached ZIP). The Enron files keep no attachment bodies (the CMU archive
dropped them; their names remain as " - file.doc" lines in the text), so
their legitimate sample is the few parts that survived.
"""
import base64
import collections
import email
import email.policy
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
from namesakes import load_replay, split_mbox  # noqa: E402

SIGNALS = ("ATTACHED_PAGE_LEADS_AWAY", "ATTACHED_DOCUMENT_LINK_FIRST_SEEN",
           "ATTACHED_DOCUMENT_LINK_HIDDEN", "EXECUTABLE_ATTACHMENT")
DOCUMENT = re.compile(r"\.(pdf|html?|xhtml|shtml|svg|docx?|xlsx?|pptx?|rtf|odt|ods)$", re.I)
ARCHIVE = re.compile(r"\.(zip|rar|7z|gz|tgz|tar|bz2|iso|img|cab)$", re.I)
PROGRAM = re.compile(r"\.(exe|scr|com|pif|bat|cmd|vbs|vbe|js|jse|wsf|wsh|hta|msi|lnk|jar|ps1|reg|"
                     r"cpl|msc|dll|chm)$", re.I)


def kind_of(part):
    name = part.get_filename() or ""
    ctype = part.get_content_type()
    if PROGRAM.search(name) or ctype in ("application/x-msdownload", "application/x-msdos-program"):
        return "program"
    if ARCHIVE.search(name) or ctype in ("application/zip", "application/x-zip-compressed",
                                         "application/x-gzip", "application/x-tar"):
        return "archive"
    if DOCUMENT.search(name) or ctype in (
            "application/pdf", "application/msword", "application/vnd.ms-excel",
            "application/rtf", "image/svg+xml") or (
            ctype == "text/html" and name):
        return "document"
    if ctype.startswith("image/"):
        return "image"
    return "other"


def attachments(raw):
    """[(kind, content type, file name, bytes)] of a raw message's attachment parts."""
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    except Exception:
        return [], ""
    out = []
    parts = list(msg.walk())
    for i, part in enumerate(parts):
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        disposition = (part.get("Content-Disposition") or "").lower()
        name = part.get_filename() or ""
        body_text = ctype in ("text/plain", "text/html") and not name and \
            not disposition.startswith("attachment")
        if body_text or ctype in ("message/rfc822", "message/delivery-status",
                                  "application/pgp-signature", "text/rfc822-headers"):
            continue
        if ctype == "application/pgp-signature" or ctype.endswith("-signature"):
            continue
        payload = part.get_payload(decode=True) or b""
        out.append((kind_of(part), ctype, name, len(payload)))
    mid = (msg.get("Message-ID") or "").strip().strip("<>")
    return out, mid


NAMED = re.compile(r"^ - ([^\n/\\]{1,120}\.([A-Za-z0-9]{1,5}))[ \t]*$", re.M)
TYPES = {"pdf": "application/pdf", "doc": "application/msword", "xls": "application/vnd.ms-excel",
         "ppt": "application/vnd.ms-powerpoint", "htm": "text/html", "html": "text/html",
         "zip": "application/zip", "jpg": "image/jpeg", "gif": "image/gif"}


def restore(corpus, out_path):
    """Writes the Enron mail whose attachments the archive dropped (their
    names remain as ' - name.ext' lines) with a part of that name and type
    each, holding a placeholder line: the names are real, the contents are
    not (an archive's directory is empty, a document has no links)."""
    enron = os.path.join(corpus, "enron")
    restored = 0
    with open(out_path, "wb") as out:
        for name in sorted(os.listdir(enron)):
            if not name.endswith(".mbox"):
                continue
            for from_line, raw in split_mbox(os.path.join(enron, name)):
                cut = raw.find(b"\n\n")
                head, body = raw[:cut + 1], raw[cut + 2:]
                names = NAMED.findall(body.decode("latin-1"))
                if cut < 0 or not names:
                    out.write(from_line + raw)
                    continue
                restored += 1
                kept = []
                text_type = b"text/plain; charset=us-ascii"
                skipping = False
                for line in head.split(b"\n"):
                    if skipping and line[:1] in (b" ", b"\t"):
                        continue
                    skipping = False
                    low = line.lower()
                    if low.startswith(b"content-type:"):
                        text_type = line.split(b":", 1)[1].strip()
                        skipping = True
                        continue
                    if low.startswith(b"content-transfer-encoding:") or \
                            low.startswith(b"mime-version:"):
                        skipping = True
                        continue
                    kept.append(line)
                boundary = b"=_rapport_restored_%d" % restored
                parts = [b"--" + boundary + b"\nContent-Type: " + text_type +
                         b"\nContent-Transfer-Encoding: 7bit\n\n" + body]
                for filename, extension in names:
                    ctype = TYPES.get(extension.lower(), "application/octet-stream")
                    parts.append((b"--" + boundary + b"\nContent-Type: %s; name=\"%s\"\n"
                                  b"Content-Disposition: attachment; filename=\"%s\"\n"
                                  b"Content-Transfer-Encoding: base64\n\n%s\n") % (
                        ctype.encode(), filename.encode("latin-1"), filename.encode("latin-1"),
                        base64.b64encode(b"content not kept by the archive\n")))
                message = b"\n".join(kept).rstrip(b"\n") + (
                    b"\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"" + boundary +
                    b"\"\n\n" + b"\n".join(parts) + b"\n--" + boundary + b"--\n")
                out.write(from_line + message + b"\n")
    print("attachments.py: restored the attachment names of %d messages" % restored,
          file=sys.stderr)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "restore":
        restore(sys.argv[2], sys.argv[3])
        return
    sets = [spec.split("=", 3) for spec in sys.argv[1:]]
    if not sets or any(len(s) != 4 or s[0] not in ("legit", "phish") for s in sets):
        sys.exit(__doc__)
    print("| set | messages | with an attachment | document | archive | program | image | "
          "other | " + " | ".join(SIGNALS) + " |")
    print("|---|---|---|---|---|---|---|---|" + "---|" * len(SIGNALS))
    details = []
    for side, name, mbox, jsonl in sets:
        rows = load_replay(jsonl)
        with_parts = []
        kinds = collections.Counter()
        for _, raw in split_mbox(mbox):
            parts, mid = attachments(raw)
            if not parts:
                continue
            row = rows.get(mid)
            with_parts.append((mid, parts, row))
            for k in {p[0] for p in parts}:
                kinds[k] += 1
        fired = []
        for signal in SIGNALS:
            total = [r for r in rows.values() if signal in r.get("signals", [])]
            held = sum(1 for r in total if r.get("action") in ("hold", "reject"))
            fired.append("%d (held %d)" % (len(total), held))
        print("| %s %s | %d | %d | %d | %d | %d | %d | %d | %s |" % (
            side, name, len(rows), len(with_parts), kinds["document"], kinds["archive"],
            kinds["program"], kinds["image"], kinds["other"], " | ".join(fired)))
        if side == "legit":
            for mid, parts, row in with_parts:
                details.append((name, mid, parts, row))
    print()
    print("Every legitimate message with an attachment part (kind content-type name bytes; "
          "verdict, attachment signals):")
    print()
    for name, mid, parts, row in details:
        shown = "; ".join("%s %s %s %d" % (k, t, n or "-", b) for k, t, n, b in parts)
        if row is None:
            verdict = "not in the replay"
        else:
            hit = [s for s in row.get("signals", []) if s in SIGNALS]
            verdict = "%s %s%s" % (row.get("action"), row.get("score"),
                                   (" " + ",".join(hit)) if hit else "")
        print("- %s %s: %s: %s" % (name, mid[:60], shown, verdict))


if __name__ == "__main__":
    main()
