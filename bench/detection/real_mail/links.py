#!/usr/bin/env python3
"""Which links of real mail Rapport reads, against an independent reading.

usage: links.py --rapportctl PATH [--corpus DIR] [--examples N] [--set NAME]...

For each real corpus (phishing_pot, Nazario, a sample of Enron's inbound
mail, spamassassin easy_ham) this script lists, per message, every link a
reader could follow, read its own way: Python's email package (transfer
encodings and charsets undone, attached messages walked) and html.parser,
not Rapport's code. It then asks `rapportctl --json links` what Rapport
reads in the same messages and prints, per corpus, Markdown: messages, links
(reference), links Rapport sees, the links it misses by the form they are
written in (count, two examples each), and the links only Rapport reads
(possible false extractions), by why the reference has none.

A link Rapport reads with the same host but its path cut or run on (a URL
wrapped over two lines, a bracket) counts as read "with another extent".
A link is counted once per message by its key: the URL without its scheme,
with the host lower-cased, whitespace dropped (a browser drops the tabs and
newlines of a wrapped URL) and a trailing '/' removed; "www.x.com/a" in text
and "http://www.x.com/a" in an href are the same link. Where a link appears
in several forms, the first form of FORMS it appears in names it. Links that
Rapport adds because an open redirector leads there, and links it reads in
attached PDFs (which the reference does not open), are left out of the
comparison and counted apart.

The forms (what a reader could follow):
  a href, area href, form action, iframe src (a frame a client shows loads
  without a click), base-joined href (a relative href under <base href>),
  meta refresh and script location in an attached page (a browser follows
  them; a mail client does not in a body, so a body's are listed apart and
  not counted as missed), a URL in HTML text without an anchor (clients turn
  it into a link), and in text/plain: a URL with a scheme, www. without one,
  a bare domain with a path ("x.com/login"), hxxp:// written to defang,
  <http://…> in angle brackets, a URL wrapped over two lines, and URLs in
  an attached .txt file. Links inside attached messages (message/rfc822)
  keep their form and are also counted on a line of their own. mailto:,
  tel: and relative hrefs with nothing to resolve them against are no
  links to a page and are left out.
"""
import argparse
import collections
import email
import email.policy
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
from namesakes import split_mbox  # noqa: E402

# Top-level domains a bare "name.tld/path" in text may end in: the common
# generic ones and every two-letter country code (checked by shape).
GENERIC_TLDS = {"com", "net", "org", "info", "biz", "edu", "gov", "mil", "int", "io", "co",
                "app", "dev", "xyz", "top", "online", "site", "shop", "club", "live", "me",
                "page", "cloud", "link", "click", "store", "tech", "website", "space", "icu"}

URL_CHARS = r"[^\s<>\"'`{}|\\^\[\]]"
SCHEME_URL = re.compile(r"(?i)(?<![\w.-])((?:https?|ftp)://" + URL_CHARS + r"+)")
HXXP_URL = re.compile(r"(?i)(?<![\w.-])(h[xX]{2}ps?://" + URL_CHARS + r"+)")
WWW_URL = re.compile(r"(?i)(?<![\w./@:-])(www\d?\." + URL_CHARS + r"+)")
BARE_URL = re.compile(r"(?i)(?<![\w./@:-])((?:[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?\.)+"
                      r"([a-z]{2,12})(?::\d{2,5})?/" + URL_CHARS + r"*)")
ANGLE_URL = re.compile(r"(?is)<(?:URL:)?\s*((?:https?|ftp)://[^<>]+?)\s*>")
TRAILING = ".,;:!?'\"*)]}>"

FORMS = ["a href", "area href", "form action", "base-joined href", "iframe src",
         "attached page: meta refresh", "attached page: script location",
         "html text URL (no anchor)", "html text: bare domain with path", "text: scheme URL",
         "text: <URL> in angle brackets",
         "text: URL wrapped over lines", "text: www. without scheme",
         "text: bare domain with path", "text: hxxp (defanged)",
         "attached .txt file: URL",
         "body meta refresh (not followed by mail clients)",
         "body script location (not run by mail clients)"]
NOT_MISSED = {"body meta refresh (not followed by mail clients)",
              "body script location (not run by mail clients)"}


def link_key(url):
    """The comparison key of a URL: no scheme, host lower-case, no whitespace."""
    url = re.sub(r"\s+", "", url.strip())
    url = re.sub(r"(?i)^[a-z][a-z0-9+.-]*:(//)?", "", url) if re.match(
        r"(?i)^(https?|ftp|hxxps?|hxxp)://", url) else url
    url = url.lstrip("/")
    cut = len(url)
    for sep in "/?#":
        at = url.find(sep)
        if at >= 0:
            cut = min(cut, at)
    host, rest = url[:cut].lower(), url[cut:]
    if "@" in host:
        host = host.rsplit("@", 1)[1]
    key = host + rest
    while key.endswith("/"):
        key = key[:-1]
    return key


def is_web_url(url):
    return re.match(r"(?i)^\s*(https?|ftp)://", url) is not None


def trim(url):
    """A URL of running text without the punctuation that closes its sentence;
    a closing bracket stays when the URL opened one."""
    while url and url[-1] in TRAILING:
        c = url[-1]
        if c == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def plain_text_links(text, in_attachment):
    """[(form, url)] of text/plain content."""
    out = []
    taken = []  # spans already read, so that one URL is one link

    def add(form, url, span):
        for a, b in taken:
            if span[0] < b and a < span[1]:
                return
        taken.append(span)
        out.append(("attached .txt file: URL" if in_attachment else form, url))

    for m in ANGLE_URL.finditer(text):
        inner = m.group(1)
        form = "text: URL wrapped over lines" if re.search(r"\s", inner) else \
            "text: <URL> in angle brackets"
        add(form, re.sub(r"\s+", "", inner), m.span())
    for m in SCHEME_URL.finditer(text):
        url = trim(m.group(1))
        end = m.start(1) + len(url)
        # Wrapped: the URL stops at a line end, the line is long, and the
        # next line goes on without a space in URL characters that carry on
        # a path or query.
        line_start = text.rfind("\n", 0, m.start(1)) + 1
        if end < len(text) and text[end] == "\n" and end - line_start >= 60:
            nxt = re.match(URL_CHARS + r"+", text[end + 1:])
            if nxt and re.search(r"[/?=&%]", nxt.group(0)) and \
                    not re.match(r"(?i)(https?|ftp)://|www\.", nxt.group(0)):
                cont = trim(nxt.group(0))
                add("text: URL wrapped over lines", url + cont,
                    (m.start(1), end + 1 + len(cont)))
                continue
        add("text: scheme URL", url, (m.start(1), end))
    for m in HXXP_URL.finditer(text):
        url = trim(m.group(1))
        add("text: hxxp (defanged)", "http" + url[4:], (m.start(1), m.start(1) + len(url)))
    for m in WWW_URL.finditer(text):
        url = trim(m.group(1))
        if "." in url[4:]:
            add("text: www. without scheme", url, (m.start(1), m.start(1) + len(url)))
    for m in BARE_URL.finditer(text):
        tld = m.group(2).lower()
        if tld not in GENERIC_TLDS and len(tld) != 2:
            continue
        url = trim(m.group(1))
        add("text: bare domain with path", url, (m.start(1), m.start(1) + len(url)))
    return out


class HtmlLinks(html.parser.HTMLParser):
    """The links of one HTML document, with their forms."""

    def __init__(self, browser_page):
        super().__init__(convert_charrefs=True)
        self.browser_page = browser_page
        self.base = None
        self.links = []
        self.anchor_depth = 0
        self.in_script = False  # "script" or "style" while inside one
        self.text = []

    def _target(self, form, href):
        href = (href or "").strip()
        if not href or href.startswith("#"):
            return
        if re.match(r"(?i)^(javascript|data|cid|about):", href):
            return
        if not re.match(r"(?i)^[a-z][a-z0-9+.-]*:", href) and not href.startswith("//"):
            if self.base and is_web_url(self.base):
                self.links.append(("base-joined href", urllib.parse.urljoin(self.base, href)))
            return  # relative, with nothing to resolve it against: not followable
        self.links.append((form, href))

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): v for k, v in attrs if k}
        if tag == "base" and a.get("href"):
            self.base = a["href"].strip()
        elif tag == "a":
            href = a.get("href") or a.get("xlink:href")
            # <a name=…> wraps text without making it a link.
            self.anchor_depth = 1 if href else 0
            self._target("a href", href)
        elif tag == "area":
            self._target("area href", a.get("href"))
        elif tag == "form":
            self._target("form action", a.get("action"))
        elif tag in ("iframe", "frame"):
            self._target("iframe src", a.get("src"))
        elif tag == "meta" and (a.get("http-equiv") or "").strip().lower() == "refresh":
            m = re.search(r"(?i)url\s*=\s*['\"]?([^'\"]+)", a.get("content") or "")
            if m:
                form = "attached page: meta refresh" if self.browser_page else \
                    "body meta refresh (not followed by mail clients)"
                self._target(form, m.group(1))
        elif tag in ("script", "style"):
            self.in_script = tag

    def handle_endtag(self, tag):
        if tag == "a":
            self.anchor_depth = 0
        elif tag in ("script", "style"):
            self.in_script = False

    def handle_data(self, data):
        if self.in_script == "style":
            return  # a style sheet's url() is no link a reader sees
        if self.in_script:
            for m in re.finditer(r"location(?:\.href)?\s*=\s*['\"]([^'\"]+)['\"]|"
                                 r"location\.(?:replace|assign)\(\s*['\"]([^'\"]+)['\"]", data):
                form = "attached page: script location" if self.browser_page else \
                    "body script location (not run by mail clients)"
                self._target(form, m.group(1) or m.group(2))
            return
        if self.anchor_depth == 0:
            self.text.append(data)

    def text_links(self):
        """URLs written in the text outside any anchor, which clients linkify."""
        text = " ".join(self.text)
        return [("html text: bare domain with path" if form == "text: bare domain with path"
                 else "html text URL (no anchor)", url)
                for form, url in plain_text_links(text, False)
                if form in ("text: scheme URL", "text: www. without scheme",
                            "text: bare domain with path")]


def decoded_text(part):
    payload = part.get_payload(decode=True)
    if payload is None:
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:
        return payload.decode("latin-1", errors="replace")


PAGE_NAME = re.compile(r"(?i)\.(s?html?|xhtml|svg)$")


def reference_links(raw):
    """{key: (form, url, inside an attached message)} of every link a reader
    could follow in a raw message."""
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    except Exception:
        return {}
    found = []

    def walk(part, inside_message):
        ctype = part.get_content_type()
        if part.is_multipart():
            # An attached message/rfc822 is "multipart" to the email package.
            inside = inside_message or ctype == "message/rfc822"
            for sub in part.get_payload():
                if isinstance(sub, email.message.Message):
                    walk(sub, inside)
            return
        name = part.get_filename() or ""
        attached = (part.get("Content-Disposition") or "").lower().startswith("attachment") or \
            bool(name)
        if ctype == "text/html" or PAGE_NAME.search(name) or ctype == "image/svg+xml":
            browser_page = attached
            parser = HtmlLinks(browser_page)
            try:
                parser.feed(decoded_text(part))
                parser.close()
            except Exception:
                pass
            found.extend((f, u, inside_message) for f, u in parser.links + parser.text_links())
        elif ctype == "text/plain":
            found.extend((f, u, inside_message) for f, u in
                         plain_text_links(decoded_text(part), attached and not inside_message))

    walk(msg, False)
    out = {}
    order = {form: i for i, form in enumerate(FORMS)}
    for form, url, inside in found:
        if re.match(r"(?i)^(mailto|tel|sms|callto):", url.strip()):
            continue  # addresses and numbers, not links to a page
        key = link_key(url)
        if not key or "." not in key.split("/")[0]:
            continue
        if key not in out or order[form] < order[out[key][0]]:
            out[key] = (form, url, inside)
    return out


def enron_inbound(corpus, limit):
    """Every k-th Enron message from outside enron.com, about `limit` of them."""
    pool = []
    enron = os.path.join(corpus, "enron")
    for name in sorted(os.listdir(enron)):
        for from_line, raw in split_mbox(os.path.join(enron, name)):
            head = raw[:raw.find(b"\n\n")].decode("latin-1")
            m = re.search(r"(?im)^from:.*@([\w.-]+)", head)
            if m and not m.group(1).lower().endswith("enron.com"):
                pool.append((from_line, raw))
    step = max(1, len(pool) // limit)
    return pool[::step][:limit]


def rapport_links(ctl, mbox_path):
    """{offset: [link json]} of `rapportctl --json links` over an mbox."""
    with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as conf:
        conf.write("local_domains = example.com\nstate_dir = %s\n" % tempfile.gettempdir())
    try:
        out = subprocess.run([ctl, "--config", conf.name, "--json", "links", mbox_path],
                             check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(conf.name)
    by_offset = {}
    for line in out.splitlines():
        row = json.loads(line)
        by_offset[row["offset"]] = row.get("links", [])
    return by_offset


def compare(name, messages, ctl, examples):
    """Writes `messages` to an mbox, reads both ways, prints the table."""
    with tempfile.NamedTemporaryFile("wb", suffix=".mbox", delete=False) as f:
        offsets = []
        for from_line, raw in messages:
            f.write(from_line)
            offsets.append(f.tell())
            f.write(raw if raw.endswith(b"\n") else raw + b"\n")
        path = f.name
    try:
        seen = rapport_links(ctl, path)
    finally:
        os.unlink(path)
    ref_total = 0
    rapport_total = 0
    matched = 0
    missed = collections.Counter()
    attached_message = [0, 0]  # links inside attached messages, of them missed
    extent = collections.Counter()
    missed_messages = collections.defaultdict(set)
    missed_examples = collections.defaultdict(list)
    forms = collections.Counter()
    extra = collections.Counter()
    extra_examples = collections.defaultdict(list)
    apart = collections.Counter()
    for i, ((_, raw), offset) in enumerate(zip(messages, offsets)):
        # The reference reads the mbox quoting undone, as Rapport does.
        ref = reference_links(re.sub(rb"(?m)^>(>*From )", rb"\1", raw))
        ours = {}
        extent_keys = set()
        for link in seen.get(offset, []):
            if link.get("redirected_via"):
                apart["redirect targets Rapport adds"] += 1
                continue
            if link.get("source") == "pdf":
                apart["links in attached PDFs"] += 1
                continue
            ours.setdefault(link_key(link["url"]), link)
        rapport_total += len(ours)
        for key, (form, url, inside) in ref.items():
            forms[form] += 1
            if inside:
                attached_message[0] += 1
            if form in NOT_MISSED:
                continue
            ref_total += 1
            if key in ours:
                matched += 1
                continue
            host = key.split("/")[0]
            other = [k for k in ours if k.split("/")[0] == host and (
                k.startswith(key) or key.startswith(k))]
            if other:
                # Read, but cut or run on differently: the host is right.
                extent[form] += 1
                extent_keys.update(other)
                continue
            missed[form] += 1
            attached_message[1] += inside
            missed_messages[form].add(i)
            if len(missed_examples[form]) < examples:
                missed_examples[form].append(url)
        for key, link in ours.items():
            if key in ref or key in extent_keys:
                continue
            url = link["url"]
            if not link.get("host"):
                why = "no host (relative or not a URL)"
            elif re.match(r"(?i)^(mailto|tel|sms|callto):", url):
                why = "mailto/tel"
            elif link.get("attachment"):
                why = "in an attachment the reference reads otherwise"
            else:
                why = "other (%s)" % link.get("source")
            extra[why] += 1
            if len(extra_examples[why]) < examples:
                extra_examples[why].append(url[:120])
    print("## %s" % name)
    print()
    read = matched + sum(extent.values())
    print("messages %d; links (reference) %d; read by Rapport %d (%.1f%%), %d of them with "
          "another extent (the same host, the path cut or run on); Rapport's own count %d"
          % (len(messages), ref_total, read, 100.0 * read / max(1, ref_total), sum(extent.values()),
             rapport_total))
    print("; inside attached messages (message/rfc822) %d links, %d of them missed"
          % tuple(attached_message))
    for what, n in sorted(apart.items()):
        print("; %s %d (not compared)" % (what, n))
    print()
    print("| form | links | read, other extent | missed | messages with a miss | "
          "examples of misses |")
    print("|---|---:|---:|---:|---:|---|")
    for form in FORMS:
        if forms[form] == 0:
            continue
        shown = " ".join("`%s`" % u.replace("|", "%7C")[:100] for u in missed_examples[form])
        print("| %s | %d | %d | %d | %d | %s |" % (form, forms[form], extent[form], missed[form],
                                                   len(missed_messages[form]), shown))
    print()
    if extra:
        print("Rapport-only links (possible false extractions):")
        print()
        for why, n in extra.most_common():
            print("- %s: %d, e.g. %s" % (why, n, ", ".join("`%s`" % u for u in
                                                           extra_examples[why])))
        print()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rapportctl", required=True)
    parser.add_argument("--corpus", default=os.environ.get(
        "RAPPORT_CORPUS", os.path.join(here, "..", "..", "..", "..", "shared", "corpus")))
    parser.add_argument("--examples", type=int, default=2)
    parser.add_argument("--enron-sample", type=int, default=2000)
    parser.add_argument("--set", action="append",
                        choices=["phishing_pot", "nazario", "enron_inbound", "easy_ham"])
    args = parser.parse_args()
    corpus = args.corpus
    sets = args.set or ["phishing_pot", "nazario", "enron_inbound", "easy_ham"]
    print("# Link extraction against an independent reading (links.py)")
    print()
    for name in sets:
        if name == "phishing_pot":
            messages = split_mbox(os.path.join(corpus, "phishing", "phishing_pot-sample.mbox"))
        elif name == "nazario":
            messages = []
            for f in ("nazario-phishing0.mbox", "nazario-phishing1.mbox",
                      "nazario-20051114.mbox"):
                messages += split_mbox(os.path.join(corpus, "phishing", f))
        elif name == "enron_inbound":
            messages = enron_inbound(corpus, args.enron_sample)
        else:
            messages = split_mbox(os.path.join(corpus, "spamassassin", "easy_ham.mbox"))
        compare(name, messages, args.rapportctl, args.examples)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
