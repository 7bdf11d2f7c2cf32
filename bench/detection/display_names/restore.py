"""Writes a copy of an Enron mailbox with each sender's display name back
in From.

The Enron export (the CMU release of the FERC archive) left From a bare
address ("From: jhanley@riskwaters.com") and moved the name the sender's
mail program showed into X-From ("X-From: Joel Hanley <jhanley@...>",
Lotus Notes' "Crystal Hyde <Crystal Hyde/PDX/ECT@ECT>"). Rapport reads
display names from From only, as a gateway sees them, so on the archive
as exported every display-name reading is silent. This copy puts the name
back where the sender's mail had it, for bench/detection/display_names.

usage: restore.py IN.mbox OUT.mbox   (prints what it restored on stderr)

Only From is rewritten, and only where it holds a bare address and X-From
holds a name: the part before its first "<", without quotes; nothing when
that part is empty, holds an "@" (an address, "kpeterso@epelectric.com
<...>"), or is not ASCII (the export's few such names would need RFC 2047
encoding, and are left as they were); nor where From is folded over
lines. Lines may end in CRLF. Every other byte is copied. A file that
cannot be read or written stops it with one line naming it.
"""
import re
import sys

FROM_LINE = re.compile(rb"^From:[ \t]*(.*)$", re.I)
X_FROM_LINE = re.compile(rb"^X-From:[ \t]*(.*)$", re.I)


def header_value(lines, i):
    """The unfolded value of the header field starting at lines[i], and
    how many lines it spans."""
    value = lines[i].split(b":", 1)[1]
    j = i + 1
    while j < len(lines) and lines[j][:1] in (b" ", b"\t"):
        value += b" " + lines[j].strip()
        j += 1
    return value.strip(), j - i


def display_name(x_from):
    """The name X-From gives, or None."""
    name = x_from.split(b"<", 1)[0].strip().strip(b'"').strip()
    if not name or b"@" in name:
        return None
    try:
        return name.decode("ascii")
    except UnicodeDecodeError:
        return None


def restore(message_lines, counts):
    """message_lines: one message's lines (the mbox "From " line first),
    without their "\n" (a "\r" before it is kept); rewrites its From line
    in place when it can."""
    end = next((k for k, l in enumerate(message_lines) if l.rstrip(b"\r") == b""),
               len(message_lines))
    from_at = x_from_at = None
    for k in range(1, end):
        if from_at is None and FROM_LINE.match(message_lines[k]):
            from_at = k
        elif x_from_at is None and X_FROM_LINE.match(message_lines[k]):
            x_from_at = k
    if from_at is None or x_from_at is None:
        counts["no From or X-From"] += 1
        return
    address, spans = header_value(message_lines, from_at)
    if spans > 1 or b"<" in address or b"@" not in address or b"," in address:
        counts["From already named, or not one address"] += 1
        return
    name = display_name(header_value(message_lines, x_from_at)[0])
    if name is None:
        counts["X-From names no one"] += 1
        return
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    line_end = b"\r" if message_lines[from_at].endswith(b"\r") else b""
    message_lines[from_at] = b'From: "' + quoted.encode("ascii") + b'" <' + address + b">" + line_end
    counts["restored"] += 1


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: restore.py IN.mbox OUT.mbox")
    counts = {"restored": 0, "X-From names no one": 0, "From already named, or not one address": 0,
              "no From or X-From": 0}
    try:
        with open(sys.argv[1], "rb") as f:
            lines = f.read().split(b"\n")
    except OSError as e:
        sys.exit("restore.py: cannot read %s: %s; give an mbox file" % (sys.argv[1], e.strerror))
    out, message = [], []
    for line in lines:
        if line.startswith(b"From ") and (not message or message[-1].rstrip(b"\r") == b""):
            if message:
                restore(message, counts)
                out.extend(message)
            message = [line]
        else:
            message.append(line)
    if message:
        if message[0].startswith(b"From "):
            restore(message, counts)
        out.extend(message)
    try:
        with open(sys.argv[2], "wb") as f:
            f.write(b"\n".join(out))
    except OSError as e:
        sys.exit("restore.py: cannot write %s: %s; give a writable path" % (sys.argv[2], e.strerror))
    print("%s: %s" % (sys.argv[1].rsplit("/", 1)[-1],
                      ", ".join("%s %d" % (k, v) for k, v in counts.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
