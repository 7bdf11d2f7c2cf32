#!/usr/bin/env python3
"""Writes an mbox again the way Python's email library writes mail.

usage: pywrite.py FORM IN.mbox OUT.mbox

A metamorphic check's instrument (a test tool, not the product): the
messages of IN (mboxrd, as Rapport's archive reader splits and unquotes it)
are written to OUT in FORM, with the same content, so that replaying OUT must
give the verdicts IN gives. FORM is one of

  roundtrip  parsed with email.policy.default and written back with
             BytesGenerator: what a generator that loads and edits mail
             writes (long headers refolded, non-ASCII in a refolded header
             as encoded words, bodies as they were).
  compat32   the same with the legacy policy (email.message_from_bytes,
             as_bytes): headers kept as written.
  rebuild    a new EmailMessage per message, as a generator writing fresh
             mail from templates does: every header the original had (names
             and subjects decoded and written again by the header
             registry, so folded and encoded Python's way, except a
             header the registry finds defective or holding raw 8-bit
             bytes, kept as written: rewritten, it would say something
             else); each text part
             decoded and set again with set_content(charset="utf-8"), so
             Python picks 7bit, quoted-printable or base64 per part; each
             other part (attachments, images) set again from its bytes with
             its file name and disposition; multiparts get new boundaries.
  smtp       roundtrip with email.policy.SMTP: CRLF line ends throughout,
             the From_ line and the mbox's blank lines too.
  string     roundtrip written as text (policy.default, as_string) and saved
             as UTF-8: the text generator re-encodes every 8bit body to
             base64 or quoted-printable in its declared charset.
  mailbox    the original bytes added to a mailbox.mbox: Python's own From_
             line ("From MAILER-DAEMON ...") and its mboxo quoting of
             "From " lines.

Each output message is mboxrd-quoted (every ^>*From line gets one more
'>') except in the mailbox form, which is what mailbox.mbox writes.
Messages Python cannot parse or write in FORM are written unchanged and
counted on stderr. Deterministic apart from rebuild's and string's
boundaries, which Python draws at random.
"""
import email
import email.generator
import email.message
import email.policy
import io
import mailbox
import os
import re
import sys
import tempfile

FORMS = ("roundtrip", "compat32", "rebuild", "smtp", "string", "mailbox")
FROM_LINE = re.compile(rb"^From [^\n]*\n", re.M)
QUOTED = re.compile(rb"^(>*From )", re.M)
UNQUOTE = re.compile(rb"^>(>*From )", re.M)
ANGLED = re.compile(r"<([^<>\s]*)>")
RAW_BYTES = re.compile("[\udc80-\udcff]")  # undecodable bytes, surrogate-escaped
# Set by set_content itself; every other header of a part is kept.
CONTENT_HEADERS = {"content-type", "content-transfer-encoding", "mime-version",
                   "content-disposition"}


def messages(path):
    """(From_ line, raw message) of an mboxrd file, split and unquoted as
    message/mail_archive.cc does."""
    with open(path, "rb") as f:
        data = f.read()
    starts = [m.start() for m in FROM_LINE.finditer(data)]
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(data)
        line_end = data.index(b"\n", start) + 1
        raw = data[line_end:end]
        if raw.endswith(b"\n\n"):
            raw = raw[:-1]
        elif raw.endswith(b"\n\r\n"):
            raw = raw[:-2]
        if raw:
            yield data[start:line_end], UNQUOTE.sub(rb"\1", raw)


def generate(msg, policy):
    out = io.BytesIO()
    email.generator.BytesGenerator(out, policy=policy).flatten(msg)
    return out.getvalue()


def copy_headers(source, target, skip):
    """Every header of source not in skip, in order, onto target: set as
    decoded text where the header registry takes it back, else raw."""
    for name, raw in source._headers:
        if name.lower() in skip:
            continue
        try:
            header = source.policy.header_fetch_parse(name, raw)
            # Python's registry rewrites what it cannot parse (an address
            # with an empty or doubled local part, a comment holding the
            # address) into other content: such a header is kept raw.
            if header.defects or RAW_BYTES.search(raw):
                raise ValueError("kept raw")
            target[name] = str(header)
            if hasattr(header, "addresses") and \
                    ANGLED.findall(raw) != ANGLED.findall(str(target._headers[-1][1])):
                raise ValueError("an <address> changed")
            # A value Python cannot write again (a defect it would turn
            # into a different header) is kept as it was.
            target.policy.fold_binary(name, target._headers[-1][1])
        except Exception:
            if target._headers and target._headers[-1][0] == name:
                target._headers.pop()
            target.set_raw(name, raw)


def text_of(part):
    data = part.get_payload(decode=True) or b""
    charset = part.get_content_charset() or "us-ascii"
    try:
        return data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return data.decode("latin-1")


def rebuild_part(part):
    """A new EmailMessage holding part's content, written by set_content."""
    new = email.message.EmailMessage(policy=email.policy.default)
    maintype = part.get_content_maintype()
    subtype = part.get_content_subtype()
    disposition = part.get_content_disposition()
    filename = part.get_filename()
    if part.is_multipart() and maintype == "multipart":
        new["Content-Type"] = "multipart/" + subtype
        new.set_payload([rebuild_part(child) for child in part.get_payload()])
    elif maintype == "message" and subtype == "rfc822" and part.is_multipart():
        new.set_content(rebuild_message(part.get_payload(0)))
    elif maintype == "text":
        new.set_content(text_of(part), subtype=subtype, charset="utf-8",
                        disposition=disposition, filename=filename)
    else:
        data = part.get_payload(decode=True) or b""
        new.set_content(data, maintype=maintype, subtype=subtype,
                        disposition=disposition, filename=filename)
    skip = CONTENT_HEADERS if maintype != "multipart" else CONTENT_HEADERS - {"content-disposition"}
    copy_headers(part, new, skip)
    return new


def rebuild_message(msg):
    new = rebuild_part(msg)
    if "MIME-Version" not in new:
        new["MIME-Version"] = "1.0"
    # The message's own headers first, as the original had them.
    content = [h for h in new._headers if h[0].lower() in CONTENT_HEADERS]
    rest = [h for h in new._headers if h[0].lower() not in CONTENT_HEADERS]
    new._headers = rest + content
    return new


def rewrite(form, raw):
    if form == "compat32":
        return email.message_from_bytes(raw).as_bytes()
    if form == "roundtrip":
        policy = email.policy.default
    elif form == "smtp":
        policy = email.policy.SMTP
    elif form == "string":
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        return msg.as_string().encode("utf-8", "surrogateescape")
    else:
        policy = email.policy.default
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    if form == "rebuild":
        msg = rebuild_message(msg)
    return generate(msg, policy)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in FORMS:
        sys.exit("usage: pywrite.py {%s} IN.mbox OUT.mbox" % ",".join(FORMS))
    form, source, target = sys.argv[1:]
    kept = 0
    total = 0
    if form == "mailbox":
        if os.path.exists(target):
            os.remove(target)
        box = mailbox.mbox(target, create=True)
        box.lock()
        for _, raw in messages(source):
            total += 1
            box.add(raw)
        box.flush()
        box.unlock()
        box.close()
    else:
        crlf = form == "smtp"
        with tempfile.NamedTemporaryFile("wb", dir=os.path.dirname(os.path.abspath(target)),
                                         delete=False) as out:
            for from_line, raw in messages(source):
                total += 1
                try:
                    written = rewrite(form, raw)
                except Exception as e:  # a message Python cannot take
                    print("pywrite.py: %s: kept as written: %s: %s" %
                          (source, type(e).__name__, e), file=sys.stderr)
                    written = raw
                    kept += 1
                    if crlf:
                        written = written.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
                eol = b"\r\n" if crlf else b"\n"
                out.write(from_line.rstrip(b"\r\n") + eol)
                out.write(QUOTED.sub(rb">\1", written))
                if not written.endswith(eol):
                    out.write(eol)
                out.write(eol)
        os.replace(out.name, target)
    print("pywrite.py: %s %s: %d messages, %d kept as written" % (form, source, total, kept),
          file=sys.stderr)


if __name__ == "__main__":
    main()
