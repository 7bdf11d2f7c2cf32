#include <string>
#include <string_view>

#include "base/status.h"
#include "message/ascii.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// A sender's name shorter than this ("key", "ubs") is too often part of
// unrelated words to be read in another domain.
constexpr size_t kMinSenderName = 4;

// True when `c` separates words in a domain label: a hyphen or a digit
// ("confirm-bankone", "wamu4u").
bool IsWordBreak(char c) { return c == '-' || IsAsciiDigit(c); }

// True when the domain label `label` spells `name` as a word of its own,
// with something added before or after it behind a hyphen or a digit
// ("confirm-bankone", "wamu4u", "paypal-secure"), but is not `name` itself.
// Names run into other letters ("ceramics" for "cera") are not read.
bool SpellsNameWithAddition(std::string_view label, std::string_view name) {
  if (label.size() <= name.size()) return false;
  if (label.substr(0, name.size()) == name && IsWordBreak(label[name.size()])) return true;
  const size_t tail = label.size() - name.size();
  if (label.substr(tail) == name && IsWordBreak(label[tail - 1])) return true;
  for (size_t at = label.find(name); at != std::string_view::npos; at = label.find(name, at + 1)) {
    if (at > 0 && at + name.size() < label.size() && IsWordBreak(label[at - 1]) &&
        IsWordBreak(label[at + name.size()])) {
      return true;
    }
  }
  return false;
}

// The first label of a registrable domain ("bankone" of "bankone.com").
std::string_view FirstLabel(std::string_view domain) { return domain.substr(0, domain.find('.')); }

// An organisation's web sites are on its own domain: a bank's mail links
// the bank's site. A link whose domain spells the sender's name with a word
// added ("confirm-bankone.com" in mail from bankone.com, "wamu4u.com" from
// wamu.com) is written for a reader who checks the link against the From
// and sees the same name: combosquatting, the most common form phishing
// domains take, aimed at the very name the mail claims. Organisations do
// run such domains of their own (a campaign site, a portal), but the
// organisation here receives those as the sender's mail goes on; one that
// no one here has received (fewer than kRareLinkMessages messages, never
// linked by us) from a sender not established here is the lure's. A sender
// at a consumer mailbox provider has no name of its own to dress in.
Status DetectLinkDressedAsSender(const ScoringContext& context, std::vector<Detection>* out) {
  if (context.sender().empty() || context.sender_is_local() ||
      !context.established_organisation().empty()) {
    return Status::Ok();
  }
  const std::string& sender_domain = context.sender_registrable_domain();
  if (sender_domain.empty() || context.environment().mailbox_providers->IsConsumer(sender_domain)) {
    return Status::Ok();
  }
  const std::string_view name = FirstLabel(sender_domain);
  if (name.size() < kMinSenderName) return Status::Ok();
  for (const Link* link : DistinctLinkDomains(context, BareAddresses::kSkip)) {
    if (link->icann_domain.empty() || link->icann_domain == sender_domain ||
        IsLocalLink(context, *link) ||
        !SpellsNameWithAddition(FirstLabel(link->icann_domain), name)) {
      continue;
    }
    uint64_t messages = 0;
    bool rare = false;
    Status status = IsRareLinkDomain(context, link->icann_domain, &rare, &messages);
    if (!status.ok()) return status;
    if (!rare) continue;
    out->push_back({1.0,
                    "link to " + link->host_unicode + LinkOrigin(*link) + " spells the sender's " +
                        sender_domain + " on another domain, " +
                        (messages == 0 ? std::string("one no one in the organisation has received")
                                       : "one the organisation received in only " +
                                             std::to_string(messages) + " message(s)") +
                        "; from " + DescribeSender(context),
                    sender_domain + ">" + link->icann_domain});
  }
  return Status::Ok();
}

}  // namespace

Status RegisterLinkDressedAsSender(SignalRegistry* registry) {
  return registry->Add({"LINK_DRESSED_AS_SENDER", SignalGroup::kLookalike, 30,
                        "a link's domain spells the sender's name on another, rare domain",
                        SignalScope::kInboundOnly, DetectLinkDressedAsSender});
}

}  // namespace rapport
