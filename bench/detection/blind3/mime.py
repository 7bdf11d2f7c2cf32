"""Writes MIME by hand for the blind3 generator, so that every byte (the
boundaries too) follows from the seed: Python's email generator draws its
boundaries at random."""
import base64
import quopri
import time

ZONE = -8 * 3600  # the archive's Houston/Portland mail is written in Pacific time


def rfc2822(when):
    return time.strftime("%a, %d %b %Y %H:%M:%S -0800", time.gmtime(when + ZONE))


def from_line(sender, when):
    return "From %s %s\n" % (sender, time.strftime("%a %b %d %H:%M:%S %Y", time.gmtime(when)))


def encoded_word(text, charset="utf-8", encoding="B"):
    """An RFC 2047 encoded word (one; the texts here are short)."""
    data = text.encode(charset)
    if encoding == "B":
        return "=?%s?B?%s?=" % (charset, base64.b64encode(data).decode())
    q = "".join(c if (c.isalnum() and ord(c) < 128) else "_" if c == " " else
                "".join("=%02X" % b for b in c.encode(charset)) for c in text)
    return "=?%s?Q?%s?=" % (charset, q)


def header_text(text, how):
    """A header value: as written (ASCII), or as an encoded word."""
    if how == "plain":
        return text
    charset, encoding = how.split("/")
    return encoded_word(text, charset, encoding)


def mailbox(name, address, how="plain"):
    if not name:
        return address
    if how == "plain":
        quoted = '"%s"' % name if any(c in name for c in ',.;:()') else name
        return "%s <%s>" % (quoted, address)
    return "%s <%s>" % (header_text(name, how), address)


def encode_body(text, charset, cte):
    data = text.replace("\r\n", "\n").encode(charset)
    if cte == "base64":
        return base64.encodebytes(data).decode("ascii")
    if cte == "quoted-printable":
        return quopri.encodestring(data).decode("ascii")
    return data.decode(charset)


class Part:
    """A leaf or a multipart; str() is its MIME text (headers, blank line, body)."""

    def __init__(self, ctype, text=None, charset="us-ascii", cte="7bit", parts=None,
                 boundary=None, headers=(), data=None):
        self.ctype, self.text, self.charset, self.cte = ctype, text, charset, cte
        self.parts, self.boundary, self.headers, self.data = parts, boundary, list(headers), data

    def render(self):
        lines = []
        if self.parts is not None:
            lines.append('Content-Type: %s;\n\tboundary="%s"' % (self.ctype, self.boundary))
            head = "\n".join(lines + self.headers)
            body = "This is a multi-part message in MIME format.\n"
            for p in self.parts:
                body += "\n--%s\n%s" % (self.boundary, p.render())
            body += "\n--%s--\n" % self.boundary
            return head + "\n\n" + body
        if self.data is not None:
            lines.append("Content-Type: %s" % self.ctype)
            lines.append("Content-Transfer-Encoding: base64")
            payload = base64.encodebytes(self.data).decode("ascii")
        else:
            params = "; charset=%s" % self.charset if self.ctype.startswith("text/") else ""
            lines.append("Content-Type: %s%s" % (self.ctype, params))
            lines.append("Content-Transfer-Encoding: %s" % self.cte)
            payload = encode_body(self.text, self.charset, self.cte)
        if not payload.endswith("\n"):
            payload += "\n"
        return "\n".join(lines + self.headers) + "\n\n" + payload


def message(headers, body):
    """headers: [(name, value)] in order; body: a Part. Returns the text."""
    head = "".join("%s: %s\n" % (n, v) for n, v in headers)
    return head + "MIME-Version: 1.0\n" + body.render()
