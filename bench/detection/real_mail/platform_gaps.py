#!/usr/bin/env python3
"""Multi-tenant and file-share platforms that real mail links and Rapport's
catalogues miss.

usage: platform_gaps.py [--corpus DIR] [--set NAME]... [--min-owners N]
                        [--repo DIR] [--psl FILE]

Reads every link of the chosen real corpora (phishing_pot and Nazario by
default; enron_inbound and easy_ham to see what legitimate mail links) the
way links.py does (reference_links: Python's email package and html.parser,
not Rapport's code) and reads each link host's registrable domain the way
Rapport does: the Public Suffix List, private section included
(/usr/share/publicsuffix/public_suffix_list.dat), then
data/tenant_platforms.txt (a subdomain directly under a listed platform, or
under "*.HOST"'s platforms, is its own domain; "www" never is). Prints, as
Markdown:

1. registrable domains seen with N or more distinct subdomain owners (the
   label directly under the domain, "www" aside) that are in neither
   data/tenant_platforms.txt nor data/fileshare_domains.txt: a multi-tenant
   platform the catalogues may lack, or a company with several service hosts
   (judge each: see the header of data/tenant_platforms.txt);
2. the domains of KNOWN_PLATFORMS (SaaS that gives customers a subdomain, or
   lets anyone share a document, form or page) that the corpora link, and
   whether each catalogue has them.

The same run after a catalogue edit shows what is left. Standard library
only; reads no Rapport binary.
"""
import argparse
import collections
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
from links import enron_inbound, reference_links  # noqa: E402
from namesakes import split_mbox  # noqa: E402

# SaaS of 2024-2026 whose customers get their own subdomain or whose pages,
# forms and files anyone can share: file transfer, e-signature, forms and
# surveys, low-code and site builders, CRM/ITSM portals, SSO portals, object
# storage, meeting platforms with vanity subdomains. Checked against the
# catalogues whether or not the corpora link them.
KNOWN_PLATFORMS = [
    "zoom.us", "zoomgov.com", "qualtrics.com", "dynamics.com", "awsapps.com",
    "sharepoint.us", "sharepoint-mil.us", "docusign.net", "docusign.com", "smartsheet.com",
    "citrixdata.com", "myworkday.com", "square.site", "zohoexternal.com", "adobesign.com",
    "echosign.com", "pandadoc.com", "hellosign.com", "dropboxsign.com", "signnow.com",
    "alchemer.com", "surveygizmo.com", "jotform.com", "formstack.com", "cognitoforms.com",
    "airtable.com", "zoho.com", "zohopublic.com", "freshworks.com", "hubspot.com",
    "kintone.com", "cybozu.com", "ninoxdb.de", "quickbase.com", "outsystemscloud.com",
    "mendixcloud.com", "appiancloud.com", "bamboohr.com", "greenhouse.io", "lever.co",
    "okta.com", "onelogin.com", "duosecurity.com", "auth0.com", "pingone.com",
    "thinkific.com", "teachable.com", "kajabi.com", "podia.com", "gumroad.com",
    "myshopify.com", "bigcartel.com", "ecwid.com", "wixsite.com", "weebly.com",
    "ghost.io", "substack.com", "beehiiv.com", "medium.com", "tumblr.com",
    "livejournal.com", "blogspot.com", "webex.com", "whereby.com", "gotomeeting.com",
    "my.canva.site", "carrd.co", "brightspace.com", "instructure.com", "desk.com",
    "kayako.com", "happyfox.com", "teamwork.com", "basecamp.com", "wrike.com",
    "clickup.com", "bitrix24.com", "bitrix24.net", "ladesk.com", "uservoice.com",
    "statuspage.io", "readme.io", "document360.io", "helpjuice.com", "intercom.help",
    "sendowl.com", "typeform.com", "paperform.co", "123formbuilder.com", "wufoo.com",
    "box.com", "egnyte.com", "sharefile.com", "files.com", "hightail.com", "onehub.com",
    "brightcove.net", "vimeo.com", "wistia.com", "loom.com", "vidyard.com",
    "showpad.com", "highspot.com", "seismic.com", "docsend.com", "papermark.io",
    "bill.com", "tipalti.com", "coupahost.com", "ariba.com", "jaggaer.com",
]


def read_psl(path):
    """(rules, wildcards, exceptions) of the Public Suffix List, both sections."""
    rules, wildcards, exceptions = set(), set(), set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("//")[0].strip().lower()
            if not line:
                continue
            if line.startswith("!"):
                exceptions.add(line[1:])
            elif line.startswith("*."):
                wildcards.add(line[2:])
            else:
                rules.add(line)
    return rules, wildcards, exceptions


def read_host_list(path):
    """The first word of each non-comment line of a catalogue (a fileshare
    entry's second word, "form" or "site", says what its pages are)."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            words = line.split("#")[0].lower().split()
            if words:
                out.append(words[0])
    return out


class Domains:
    """Rapport's reading of a host's registrable domain: the Public Suffix
    List, then the tenant platforms as further suffixes."""

    def __init__(self, psl, platforms):
        self.rules, self.wildcards, self.exceptions = psl
        self.platforms = {p for p in platforms if not p.startswith("*.")}
        self.platform_wildcards = {p[2:] for p in platforms if p.startswith("*.")}

    def is_suffix(self, name):
        if name in self.exceptions:
            return False
        parent = name.split(".", 1)[1] if "." in name else ""
        return (name in self.rules or name in self.platforms or parent in self.wildcards or
                parent in self.platform_wildcards or "." not in name)

    def registrable(self, host):
        """The shortest name under the longest suffix; the host itself when it
        is a suffix; a platform's "www" is the platform's."""
        labels = host.split(".")
        for i in range(1, len(labels)):
            if self.is_suffix(".".join(labels[i:])):
                if labels[i - 1] == "www" and ".".join(labels[i:]) in self.platforms:
                    return ".".join(labels[i:])
                return ".".join(labels[i - 1:])
        return host


def listed(domain, catalogue):
    """"yes" when `domain` or a parent of it is a catalogue's entry (a fileshare
    entry's path prefix aside), "part: ENTRY" when only a host or path under
    it is, else empty."""
    part = ""
    for entry in catalogue:
        host = entry.split("/")[0]
        host = host[2:] if host.startswith("*.") else host
        if (domain == host or domain.endswith("." + host)) and "/" not in entry:
            return "yes"
        if domain == host or domain.endswith("." + host) or host.endswith("." + domain):
            part = part or "part: " + entry
    return part


def corpus_messages(corpus, name, enron_sample):
    if name == "phishing_pot":
        return split_mbox(os.path.join(corpus, "phishing", "phishing_pot-sample.mbox"))
    if name == "nazario":
        out = []
        for f in ("nazario-phishing0.mbox", "nazario-phishing1.mbox", "nazario-20051114.mbox"):
            out += split_mbox(os.path.join(corpus, "phishing", f))
        return out
    if name == "enron_inbound":
        return enron_inbound(corpus, enron_sample)
    return split_mbox(os.path.join(corpus, "spamassassin", "easy_ham.mbox"))


def link_hosts(raw):
    """The lower-cased hosts a message links, once each."""
    hosts = set()
    for key in reference_links(raw):
        host = key.split("/")[0].split("?")[0].split("#")[0].split(":")[0].strip(".")
        if host and "." in host and not host.replace(".", "").isdigit():
            hosts.add(host)
    return hosts


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.join(here, "..", "..", "..")
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=os.environ.get(
        "RAPPORT_CORPUS", os.path.join(repo, "..", "shared", "corpus")))
    parser.add_argument("--set", action="append",
                        choices=["phishing_pot", "nazario", "enron_inbound", "easy_ham"])
    parser.add_argument("--min-owners", type=int, default=2)
    parser.add_argument("--enron-sample", type=int, default=2000)
    parser.add_argument("--repo", default=repo)
    parser.add_argument("--psl", default="/usr/share/publicsuffix/public_suffix_list.dat")
    args = parser.parse_args()
    platforms = read_host_list(os.path.join(args.repo, "data", "tenant_platforms.txt"))
    fileshares = read_host_list(os.path.join(args.repo, "data", "fileshare_domains.txt"))
    domains = Domains(read_psl(args.psl), platforms)

    owners = collections.defaultdict(set)      # domain -> labels under it
    messages = collections.defaultdict(set)    # domain -> (set, index)
    for name in args.set or ["phishing_pot", "nazario"]:
        for i, (_, raw) in enumerate(corpus_messages(args.corpus, name, args.enron_sample)):
            for host in link_hosts(raw):
                domain = domains.registrable(host)
                messages[domain].add((name, i))
                if host != domain and host.endswith("." + domain):
                    label = host[:-len(domain) - 1].split(".")[-1]
                    if label != "www":
                        owners[domain].add(label)

    print("# Platforms the catalogues may lack (platform_gaps.py: %s)" %
          ", ".join(args.set or ["phishing_pot", "nazario"]))
    print()
    print("## Domains with %d+ subdomain owners in no catalogue" % args.min_owners)
    print()
    print("| domain | owners | messages | examples | fileshare_domains |")
    print("|---|---:|---:|---|---|")
    rows = [(d, o) for d, o in owners.items() if len(o) >= args.min_owners and
            listed(d, platforms) != "yes" and listed(d, fileshares) != "yes"]
    for d, o in sorted(rows, key=lambda r: (-len(r[1]), r[0])):
        print("| %s | %d | %d | %s | %s |" % (d, len(o), len(messages[d]), ", ".join(sorted(o)[:4]),
                                             listed(d, fileshares)))
    print()
    print("## Known SaaS and hosting platforms the corpora link")
    print()
    print("| platform | messages | owners | tenant_platforms | fileshare_domains |")
    print("|---|---:|---:|---|---|")
    for p in sorted(set(KNOWN_PLATFORMS)):
        seen = [d for d in messages if d == p or d.endswith("." + p)]
        count = len(set().union(*(messages[d] for d in seen))) if seen else 0
        if count == 0:
            continue
        subs = set().union(*(owners[d] for d in seen)) | {d[:-len(p) - 1] for d in seen if d != p}
        print("| %s | %d | %d | %s | %s |" % (p, count, len(subs),
                                              listed(p, platforms) or "no",
                                              listed(p, fileshares) or "no"))


if __name__ == "__main__":
    main()
