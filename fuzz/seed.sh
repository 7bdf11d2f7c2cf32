#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets from the shared mail corpus and
# the test fixtures: a few hundred messages for the parser and the milter
# buffer, their HTML and text parts for the link extractors, their PDF
# attachments for the PDF reader, the URLs in them
# for the URL target, and the shipped config for the config reader. Seeds are
# generated, not committed; fuzz/seeds/ holds the few hand-written ones,
# copied in too.
# Usage: fuzz/seed.sh [OUT_DIR] (default build-fuzz/seeds); RAPPORT_CORPUS
# (scripts/corpus.sh) says where the corpus is.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$repo/build-fuzz/seeds}
source "$repo/scripts/corpus.sh"
rapport_require_corpus .
corpus=$RAPPORT_CORPUS
per_mbox=${PER_MBOX:-30}

rm -rf "$out"
mkdir -p "$out"
for dir in "$repo"/fuzz/seeds/*/; do
  target=$(basename "$dir")
  mkdir -p "$out/$target"
  cp "$dir"/* "$out/$target/"
done

python3 - "$corpus" "$repo" "$out" "$per_mbox" <<'PY'
import email, email.policy, glob, hashlib, mailbox, os, re, struct, sys

corpus, repo, out, per_mbox = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
MAX = 64 * 1024

def put(target, data):
    if not data:
        return
    data = data[:MAX]
    os.makedirs(os.path.join(out, target), exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(out, target, name), "wb") as f:
        f.write(data)

def milter_events(raw):
    """The milter_buffer target's input: a bound, then header/body events."""
    head, _, body = raw.replace(b"\r\n", b"\n").partition(b"\n\n")
    events = [struct.pack(">H", 60000)]
    for line in re.split(rb"\n(?![ \t])", head):
        name, _, value = line.partition(b":")
        field = name + b":" + value.lstrip(b" ")
        events.append(b"\x00" + struct.pack(">H", len(field)) + field)
    events.append(b"\x01\x00\x00")
    body = body.replace(b"\n", b"\r\n")
    for i in range(0, len(body), 4000):
        chunk = body[i:i + 4000]
        events.append(b"\x02" + struct.pack(">H", len(chunk)) + chunk)
    return b"".join(events)

url_re = re.compile(rb"(?:https?://|www\.)[^\s\"'<>()]{1,300}", re.I)
messages = []
for path in sorted(glob.glob(os.path.join(corpus, "*", "*.mbox"))):
    box = mailbox.mbox(path)
    keys = list(box.keys())
    step = max(1, len(keys) // per_mbox)
    for key in keys[::step][:per_mbox]:
        messages.append(box.get_bytes(key))
for path in sorted(glob.glob(os.path.join(repo, "tests", "fixtures", "**", "*.eml"), recursive=True)):
    with open(path, "rb") as f:
        messages.append(f.read())

for raw in messages:
    put("parser", raw)
    if len(raw) <= MAX:
        put("milter_buffer", milter_events(raw))
    for url in url_re.findall(raw)[:5]:
        put("link_target", url)
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "application/pdf":
            put("pdf_links", part.get_payload(decode=True))
        if part.get_content_maintype() != "text":
            continue
        payload = part.get_payload(decode=True)
        if part.get_content_subtype() == "html":
            put("html_links", payload)
        elif part.get_content_subtype() == "plain":
            put("text_links", payload)

with open(os.path.join(repo, "packaging", "rapport.conf"), "rb") as f:
    conf = f.read()
put("config", conf)
# The shipped config with every commented-out key set, one seed per key.
for line in conf.splitlines():
    if re.match(rb"#[a-z_]+ *=", line):
        put("config", conf.replace(line, line[1:]))
PY

for dir in "$out"/*/; do
  echo "$(basename "$dir"): $(find "$dir" -type f | wc -l) seeds"
done
