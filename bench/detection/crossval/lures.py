"""The cross-validation set's own words, hosts and look-alike rules.

Written for this set without reference to any other generator: lures of the
energy-trading back office (nominations, imbalance statements, confirms,
credit support), of payroll and IT, in English and in the other languages
of Enron's counterparties (Spanish, Portuguese, German, French); hosting
and file-transfer platforms of the kinds attackers rent; and the ways a
registrable name is bent into a look-alike.
"""
import re

# (subject, paragraphs); {first} is the recipient's first name, {me} the
# sender's first name, {org} the sender's organisation, {ref} a reference
# number, {0} the link.
ATTACK_LURES = [
    ("Revised gas imbalance statement - {ref}",
     ["{first},", "Our settlements group reissued the imbalance statement for last month after the "
      "meter corrections. The revised figures are here: {0}", "Please confirm by close of business.",
      "Regards,\n{me}"]),
    ("Nomination confirmation discrepancy",
     ["Hi {first},", "The confirmed volumes for the next gas day do not match what your schedulers "
      "sent us. I put the side-by-side in {0} - can you check before the cycle closes?", "{me}"]),
    ("Updated remittance details for {org}",
     ["Hello {first},", "Please note our bank has changed. The signed letter with the new remittance "
      "instructions is at {0}. Kindly update your vendor file before the next payment run.",
      "Thank you,\n{me}"]),
    ("Credit support annex - signature pages",
     ["{first},", "Legal asked me to circulate the execution copy of the CSA. Signature pages: {0}",
      "If you need the redline too, let me know.", "{me}"]),
    ("Capacity release award notice {ref}",
     ["Dear shipper,", "You were awarded released capacity in the latest open season. View the award "
      "and accept within 24 hours: {0}", "{org} Capacity Services"]),
    ("Estado de cuenta - factura {ref}",
     ["Estimado {first},", "Adjuntamos el estado de cuenta actualizado con las facturas pendientes. "
      "Puede consultarlo aqui: {0}", "Saludos cordiales,\n{me}"]),
    ("Rechnung {ref} - bitte pruefen",
     ["Sehr geehrte Damen und Herren,", "anbei erhalten Sie die korrigierte Rechnung zu Ihrem Auftrag. "
      "Download: {0}", "Mit freundlichen Gruessen\n{me}"]),
    ("Confirmation de transaction {ref}",
     ["Bonjour {first},", "Veuillez trouver la confirmation de la transaction conclue hier. "
      "Document: {0}", "Cordialement,\n{me}"]),
    ("Contrato de compra de energia - versao final",
     ["Prezado {first},", "Segue a versao final do contrato para assinatura: {0}", "Abracos,\n{me}"]),
    ("Your ISDA confirm needs a second signature",
     ["{first} -", "The confirm for trade {ref} is sitting unsigned in our queue. You can sign it "
      "electronically here: {0}", "Thanks, {me}"]),
    ("Year-end 1099 correction",
     ["{first},", "We issued a corrected 1099 for your account. Download the PDF: {0}",
      "Accounts Payable\n{org}"]),
    ("Audit confirmation request - {org}",
     ["Dear {first},", "As part of our annual audit, our auditors ask that you confirm the balance "
      "shown in {0}. Reply is needed within five business days.", "{me}"]),
]

# Ordinary business mail of the same shapes, for the controls.
CONTROL_LURES = [
    ("Monthly statement {ref}",
     ["{first},", "This month's statement is posted as usual: {0}", "Let me know if anything looks "
      "off.", "{me}"]),
    ("Meeting notes from Tuesday",
     ["Hi {first},", "Notes from Tuesday's call and the action items are here: {0}",
      "Talk soon,\n{me}"]),
    ("Draft agreement for review",
     ["{first},", "Attached link has the draft with our comments: {0}. No rush - next week is fine.",
      "{me}"]),
    ("Q2 volumes",
     ["{first} -", "Here is the volume summary you asked for: {0}", "Best,\n{me}"]),
    ("Informe trimestral",
     ["Hola {first},", "Te envio el informe trimestral: {0}", "Saludos,\n{me}"]),
    ("Schedule for the site visit",
     ["{first},", "The agenda for the visit is at {0}. Lunch is on us.", "{me}"]),
]

HIJACK_REPLIES = [
    "Sorry for the delay on this. The corrected version is at {0} - please use that one, the "
    "earlier numbers were wrong.",
    "Following up on the below: I moved the file to our secure share, {0}. You will need to "
    "sign in with your work email.",
    "See the updated document here {0} and let me know today if it works.",
    "Per our call, the signed copy is now available: {0}",
    "Adjunto la version revisada: {0}",
]
CONTROL_REPLIES = [
    "Thanks - that works for us. Details are on our site: {0}",
    "Agreed. I'll send the paperwork on Monday. Background is here {0}",
    "Got it, thanks. See {0} for the schedule.",
    "Sounds good, talk then.",
]

BCC_LURES = [
    ("Action required: mailbox storage limit",
     ["Your mailbox is almost full. To keep receiving mail, validate your account within 48 hours: "
      "{0}", "IT Service Desk"]),
    ("You have a new voice message (0:47)",
     ["A caller left you a voice message. Listen: {0}", "Unified Messaging"]),
    ("Invitacion: Foro de Energia del Golfo",
     ["Estimado participante,", "Confirme su asistencia y descargue el programa: {0}"]),
    ("Payroll: confirm your direct deposit",
     ["A change to your direct deposit was requested. If this was not you, review it here: {0}",
      "Payroll Services"]),
    ("Shared document: Q3 bonus allocation",
     ["A document was shared with you. Open: {0}"]),
    ("Fax received (3 pages) from +1 713 853",
     ["You have received a fax. View document: {0}"]),
]
BCC_CONTROLS = [
    ("Gulf Coast Power Association - spring conference",
     ["Dear member,", "Registration for the spring conference is open: {0}"]),
    ("Newsletter: gas market weekly",
     ["This week's issue is online: {0}", "To unsubscribe, reply with REMOVE."]),
    ("Seminar announcement",
     ["You are invited to our seminar on risk management. Details: {0}"]),
]

LATERAL_LURES = [
    ("Updated org chart and Q3 reassignments",
     ["All,", "HR asked me to share the updated org chart before it goes out. Please review your "
      "entry: {0}", "{me}"]),
    ("Please review - expense policy change",
     ["Team,", "The revised expense policy takes effect on the 1st. Sign-off form: {0}", "{me}"]),
    ("Bonus pool worksheet - confidential",
     ["Please look at the worksheet and confirm your numbers by Friday: {0}", "Thanks,\n{me}"]),
    ("Documento compartido: presupuesto 2002",
     ["Equipo,", "Comparto el presupuesto para revision: {0}", "{me}"]),
]
LATERAL_CONTROLS = [
    ("Staff meeting moved to Thursday",
     ["All,", "Staff meeting moves to Thursday 10am, 30C2. Agenda: {0}", "{me}"]),
    ("Desk move schedule",
     ["Team,", "Desk moves are this weekend; the floor plan is at {0}", "{me}"]),
    ("Notes from today",
     ["Quick notes from today are below. Follow-ups by Friday please.", "{me}"]),
]

ADOPTION_NOTES = [
    ("Files for next week",
     ["{first},", "We've moved our large files to a transfer service; the package for next week is "
      "here: {0}", "{me}"]),
    ("Large file: meter data",
     ["Hi {first}, the meter data is too big for email, so here's a transfer link: {0}", "{me}"]),
]

# First-seen file-transfer platforms (one path form each).
TRANSFER_PLATFORMS = [
    "https://www.sendspace.com/file/{t6}",
    "https://www.mediafire.com/file/{t12}/statement_{n}.pdf/file",
    "https://gofile.io/d/{T6}",
    "https://files.fm/u/{t9}",
    "https://fromsmash.com/{T10}",
    "https://www.swisstransfer.com/d/{uuid}",
    "https://u.pcloud.link/publink/show?code=XZ{T20}",
    "https://send.tresorit.com/a#{T22}",
    "https://filetransfer.io/data-package/{T8}",
    "https://www.jumpshare.com/v/{T16}",
]
# A platform the adopters all start using: a transfer service with no tenant.
ADOPTION_PLATFORM = "https://www.filemail.com/d/{t14}"

# Tenant platforms: seeded in the learning period as vendors' own tenants,
# then used by attackers under new tenant names.
TENANT_PLATFORMS = [
    "https://{tenant}.sharefile.com/d-s{t16}",
    "https://{tenant}.egnyte.com/dl/{T10}",
    "https://{tenant}.app.box.com/s/{t24}",
    "https://{tenant}.brickftp.com/f/{t8}",
]
ATTACKER_TENANT_WORDS = ["docs", "secure", "review", "sign", "portal", "transfer", "archive",
                         "statement", "cloud", "share"]

# Hosts of shared cloud storage; {b} is the bucket or account name.
CLOUD_HOSTS = [
    "https://storage.googleapis.com/{b}/index.html",
    "https://{b}.s3.amazonaws.com/view/document.html",
    "https://s3.us-east-2.amazonaws.com/{b}/login.html",
    "https://{b}.blob.core.windows.net/$web/index.html",
    "https://{b}.nyc3.digitaloceanspaces.com/secure/review.htm",
    "https://f004.backblazeb2.com/file/{b}/invoice.html",
    "https://objectstorage.us-ashburn-1.oraclecloud.com/n/{t10}/b/{b}/o/index.html",
    "https://{b}.s3-website-us-west-2.amazonaws.com/",
]
BRANDS = ["enron", "microsoft", "office365", "docusign", "adobe", "dropbox", "onedrive",
          "wellsfargo", "chase", "fedex", "paypal", "outlook"]
TOKEN_WORDS = ["login", "verify", "secure", "docs", "billing", "portal", "auth", "account",
               "sso", "payments"]

# Where attackers host a page: newly registered names under cheap TLDs, and
# rented hosting.
PHISH_WORDS = ["secure", "docs", "review", "portal", "confirm", "office", "share", "sign",
               "cloud", "account", "energy", "settle", "trade", "billing"]
PHISH_TLDS = ["info", "biz", "net", "us", "cc", "ws", "org", "co", "online", "site", "top"]
PHISH_HOSTING = [
    "https://{w}-{t5}.web.app/{t8}",
    "https://{w}{t4}.weebly.com/",
    "https://{w}-{t6}.glitch.me/auth",
    "https://sites.google.com/view/{w}-{t6}/home",
    "https://{w}{t5}.000webhostapp.com/{t4}/index.php",
    "https://{w}-{t6}.herokuapp.com/signin",
]
COMPROMISED_VENDOR_LINK = "https://statements-{t6}.onrender.com/view?doc={t12}"

FIRST_NAMES = ["Alan", "Beatriz", "Carl", "Dana", "Elena", "Frank", "Gloria", "Hector", "Irene",
               "Jorge", "Karen", "Luis", "Marta", "Neil", "Olga", "Paul", "Rosa", "Steve", "Tina",
               "Victor", "Wendy", "Yusuf"]
LAST_NAMES = ["Alvarez", "Brooks", "Castillo", "Dunn", "Eckert", "Fischer", "Garza", "Holt",
              "Ibarra", "Jensen", "Keller", "Lindqvist", "Moreau", "Novak", "Ortega", "Pruitt",
              "Quinn", "Ramos", "Sauer", "Tanaka", "Varga", "Whitfield"]
NEW_ORG_WORDS = ["Gulfstar", "Pinecrest", "Redhawk", "Bluewater", "Tristate", "Meridian",
                 "Lonestar", "Sabine", "Caddo", "Brazos", "Permian", "Neches"]
NEW_ORG_SUFFIX = ["energy", "partners", "resources", "midstream", "consult", "services"]

HOMOGLYPH = {"o": "0", "l": "1", "i": "1", "e": "3", "a": "4", "s": "5"}
LOOKALIKE_SUFFIX = ["-corp", "-group", "-payments", "-ap", "-us", "-inc", "-billing", "-mail"]
TLD_SWAP = {"com": ["net", "org", "us", "co", "biz"], "net": ["com", "org"],
            "org": ["com", "net"], "edu": ["org", "com"]}


def bend(rng, label):
    """A look-alike of one label: a typo, a glyph, a doubled or dropped letter,
    or a word added with a hyphen. Never the label itself."""
    choices = []
    if len(label) >= 4:
        i = rng.randrange(1, len(label) - 2)
        swapped = label[:i] + label[i + 1] + label[i] + label[i + 2:]
        if swapped != label:
            choices.append(swapped)
    if len(label) >= 5:
        i = rng.randrange(1, len(label) - 1)
        choices.append(label[:i] + label[i + 1:])
    glyphs = [i for i, c in enumerate(label) if c in HOMOGLYPH]
    if glyphs:
        i = rng.choice(glyphs)
        choices.append(label[:i] + HOMOGLYPH[label[i]] + label[i + 1:])
    if "m" in label:
        choices.append(label.replace("m", "rn", 1))
    if "w" in label:
        choices.append(label.replace("w", "vv", 1))
    i = rng.randrange(len(label))
    choices.append(label[:i + 1] + label[i] + label[i + 1:])
    choices.append(label + rng.choice(LOOKALIKE_SUFFIX))
    choices = [c for c in choices if c != label]
    return rng.choice(choices)


def bend_domain(rng, domain):
    """A registrable look-alike of a registrable domain: its name bent, or
    the name kept under another top-level domain."""
    name, _, tld = domain.partition(".")
    if rng.random() < 0.25 and tld in TLD_SWAP:
        return name + "." + rng.choice(TLD_SWAP[tld])
    return bend(rng, name) + "." + tld


def fill(rng, pattern, **named):
    """A URL pattern with its random fields ({t6}: 6 lower-case letters and
    digits, {T6}: mixed case, {uuid}, {n}) and named fields filled."""
    lower = "abcdefghijklmnopqrstuvwxyz0123456789"
    mixed = lower + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    def field(m):
        key = m.group(1)
        if key in named:
            return named[key]
        if key == "uuid":
            h = "".join(rng.choice("0123456789abcdef") for _ in range(32))
            return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])
        if key == "n":
            return str(rng.randrange(100, 9999))
        if key[0] in "tT" and key[1:].isdigit():
            alphabet = lower if key[0] == "t" else mixed
            return "".join(rng.choice(alphabet) for _ in range(int(key[1:])))
        raise KeyError(key)
    return re.sub(r"\{([A-Za-z0-9_]+)\}", field, pattern)

# A look-alike's request that links nothing: the answer goes to the twin.
LOOKALIKE_REPLY = (
    "Change of bank details",
    ["{first},", "Our bank account has changed following the merger of our treasury. Please hold "
     "the payment due this week and reply to this message so I can send the new wiring "
     "instructions.", "Thanks,\n{me}"])
LOOKALIKE_REPLY_CONTROL = (
    "Payment run this week",
    ["{first},", "Just checking the payment due this week is still on schedule. Reply when you "
     "have a minute.", "Thanks,\n{me}"])
