#!/usr/bin/env python3
"""Self-test of platform_gaps.py on a corpus and catalogues it writes itself:
no shared corpus, no rapportctl.

usage: platform_gaps_selftest.py

Writes, in a scratch directory, a small Public Suffix List, two catalogues
(data/tenant_platforms.txt, data/fileshare_domains.txt) and a phishing_pot
mbox whose links name tenants of platforms each catalogue has or lacks, runs
platform_gaps.py on them as a reader would, and checks its report: a domain
with two subdomain owners in neither catalogue is listed, one a catalogue
has (as a host, under "*.", or only by a path) is listed or not as the
catalogue says, "www" is no owner, a known SaaS platform's row says which
catalogue has it. Also checks the registrable-domain reading on its own (the
PSL's wildcards and exceptions, a tenant platform's subdomain as its own
domain). Exits 1 naming each failed check.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
import platform_gaps  # noqa: E402

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL: " + what)


PSL = """// a few ICANN and private suffixes
com
net
uk
co.uk
*.ck
!www.ck
// ===BEGIN PRIVATE DOMAINS===
blogspot.com
"""

TENANT_PLATFORMS = """# tenant platforms
myshopify.com
*.example-cloud.net
"""

FILESHARES = """# file-share platforms, with what their pages are, as the shipped file
weebly.com site
docs.google.com/forms  form
"""

# (From_ line, links) of the test mbox: each link a host some phishing
# linked.
MESSAGES = [
    ["https://alpha.unlisted-host.com/a", "https://www.unlisted-host.com/"],
    ["https://beta.unlisted-host.com/b", "https://gamma.unlisted-host.com/c"],
    ["https://shop1.myshopify.com/", "https://shop2.myshopify.com/"],
    ["https://site1.weebly.com/", "https://site2.weebly.com/"],
    ["https://one.google.com/x", "https://two.google.com/y"],
    ["https://www.only-www.com/", "https://www.only-www.com/z"],
    ["https://x.eu.example-cloud.net/", "https://y.eu.example-cloud.net/"],
]


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def mbox():
    out = []
    for i, links in enumerate(MESSAGES):
        body = "".join('<p><a href="%s">link</a></p>\n' % url for url in links)
        out.append("From phisher@attacker.test Mon Jan  1 00:00:00 2024\n"
                   "From: phisher@attacker.test\nTo: victim@example.test\n"
                   "Subject: test %d\nMessage-ID: <t%d@attacker.test>\n"
                   "MIME-Version: 1.0\nContent-Type: text/html; charset=us-ascii\n\n%s\n"
                   % (i, i, body))
    return "".join(out)


def rows(report, section):
    """The table rows of `section` (a "## " heading's start) as lists of cells."""
    part = report.split("## " + section, 1)[1].split("\n## ", 1)[0]
    return [[c.strip() for c in line.strip("|").split("|")]
            for line in part.splitlines() if line.startswith("| ") and "---" not in line][1:]


def main():
    with tempfile.TemporaryDirectory(prefix="platform_gaps_selftest.") as work:
        psl = os.path.join(work, "psl.dat")
        write(psl, PSL)
        write(os.path.join(work, "repo", "data", "tenant_platforms.txt"), TENANT_PLATFORMS)
        write(os.path.join(work, "repo", "data", "fileshare_domains.txt"), FILESHARES)
        write(os.path.join(work, "corpus", "phishing", "phishing_pot-sample.mbox"), mbox())

        domains = platform_gaps.Domains(platform_gaps.read_psl(psl),
                                        platform_gaps.read_host_list(
                                            os.path.join(work, "repo", "data",
                                                         "tenant_platforms.txt")))
        for host, want in [("a.b.example.com", "example.com"), ("x.co.uk", "x.co.uk"),
                           ("a.b.c.ck", "b.c.ck"), ("www.ck", "www.ck"),
                           ("me.blogspot.com", "me.blogspot.com"),
                           ("shop1.myshopify.com", "shop1.myshopify.com"),
                           ("www.myshopify.com", "myshopify.com"),
                           ("x.eu.example-cloud.net", "x.eu.example-cloud.net")]:
            got = domains.registrable(host)
            check(got == want, "registrable(%s) is %s, not %s" % (host, got, want))
        fileshares = platform_gaps.read_host_list(
            os.path.join(work, "repo", "data", "fileshare_domains.txt"))
        check(platform_gaps.listed("site1.weebly.com", fileshares) == "yes",
              "a subdomain of a listed host is listed")
        check(platform_gaps.listed("google.com", fileshares) == "part: docs.google.com/forms",
              "a domain with only a path under it listed is listed in part")
        check(platform_gaps.listed("unlisted-host.com", fileshares) == "",
              "an unlisted domain is not listed")

        run = subprocess.run(
            [sys.executable, os.path.join(HERE, "platform_gaps.py"), "--corpus",
             os.path.join(work, "corpus"), "--set", "phishing_pot", "--repo",
             os.path.join(work, "repo"), "--psl", psl],
            capture_output=True, text=True)
        check(run.returncode == 0, "platform_gaps.py exits 0 (stderr: %s)" % run.stderr.strip())
        report = run.stdout
        if run.returncode != 0:
            print("%d check(s) failed" % len(failures))
            return 1
        gaps = {r[0]: r for r in rows(report, "Domains with")}
        check("unlisted-host.com" in gaps, "a domain with 3 owners in no catalogue is a gap")
        if "unlisted-host.com" in gaps:
            row = gaps["unlisted-host.com"]
            check(row[1] == "3", "its owners are alpha, beta, gamma (www is none): %s" % row[1])
            check(row[2] == "2", "it is linked by 2 messages: %s" % row[2])
        check("google.com" in gaps and gaps["google.com"][4] == "part: docs.google.com/forms",
              "a domain the file-share catalogue has only by a path is a gap, said in part")
        check("weebly.com" not in gaps, "a file-share platform the catalogue has is no gap")
        check("myshopify.com" not in gaps and "shop1.myshopify.com" not in gaps,
              "a tenant platform's tenants are their own domains, not its owners")
        check("example-cloud.net" not in gaps,
              "a \"*.\" tenant platform's tenants are their own domains")
        check("only-www.com" not in gaps, "www alone makes no owner")
        known = {r[0]: r for r in rows(report, "Known SaaS")}
        check(known.get("weebly.com", [""] * 5)[3:] == ["no", "yes"],
              "weebly.com: in fileshare_domains, not tenant_platforms: %s" % known.get("weebly.com"))
        check(known.get("myshopify.com", [""] * 5)[3:] == ["yes", "no"],
              "myshopify.com: in tenant_platforms: %s" % known.get("myshopify.com"))
        check(known.get("myshopify.com", [""] * 5)[2] == "2", "myshopify.com has 2 owners")
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("platform_gaps.py: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
