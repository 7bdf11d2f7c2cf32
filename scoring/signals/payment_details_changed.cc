#include <algorithm>

#include "base/status.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"
#include "store/payment_fingerprint.h"

namespace rapport {

namespace {

// A correspondent's bank account stays the same for years; payment
// diversion (vendor bank-change fraud, the costliest business email
// compromise) is a correspondent's mailbox, or one imitating it, asking
// that money go to an account it never named. Mature gateways have such
// mail verified out of band. How strong, from what history holds of the
// coordinates the sender and its organisation sent (learned from
// delivered mail only):
//
// It sent another account before: a change of bank details.
constexpr double kChangedStrength = 1.0;
// A correspondent that never sent bank details sends them into a thread
// the organisation holds: how a hijacked conversation turns to payment.
constexpr double kFirstInThreadStrength = 0.8;
// A correspondent, writing outside a known thread, sends bank details for
// the first time: a supplier's first invoice naming its account is
// ordinary, so alone this stays under the tag threshold even at the
// largest surprise (0.25 x 90 x 1.5 = 34), and an invoice learned as
// delivered makes the account familiar for the next one; with another
// anomaly of the same message it tips the verdict.
constexpr double kFirstFromKnownStrength = 0.25;
// Someone new: a new supplier's first invoice carries its account
// legitimately, and the signals of a first contact judge the sender.
constexpr double kFirstContactStrength = 0.15;

// The sender key under which the organisation's other people's
// coordinates are learned: the sender's domain, except at a consumer
// mailbox provider, where the domain is no organisation.
std::string_view OrganisationKey(const ScoringContext& context) {
  const MailboxProviders* providers = context.environment().mailbox_providers;
  if (providers != nullptr && providers->IsConsumer(context.sender_registrable_domain())) {
    return {};
  }
  return context.sender_domain();
}

// Whether `key` has sent `fingerprint` (a point lookup, whatever its
// history's size); the other accounts it sent, at most
// ScoringContext::kMaxAttributeList, in *others.
Status SentBefore(const ScoringContext& context, std::string_view key,
                  const std::string& fingerprint, bool* sent,
                  std::vector<std::string_view>* others) {
  *sent = false;
  if (key.empty()) return Status::Ok();
  const SenderAttributeStats* same = nullptr;
  Status status =
      context.SenderAttribute(key, SenderAttributeKind::kPaymentCoordinate, fingerprint, &same);
  if (!status.ok()) return status;
  if (same != nullptr) {
    *sent = true;
    return Status::Ok();
  }
  const std::vector<std::pair<std::string, SenderAttributeStats>>* known = nullptr;
  status = context.SenderAttributes(key, SenderAttributeKind::kPaymentCoordinate, &known);
  if (!status.ok()) return status;
  for (const auto& [value, stats] : *known) others->push_back(value);
  return Status::Ok();
}

Status DetectPaymentDetailsChanged(const ScoringContext& context, std::vector<Detection>* out) {
  const Message& message = context.message();
  if (message.payment_coordinates.empty() || context.sender().empty() ||
      context.sender_is_local()) {
    return Status::Ok();
  }
  const std::string_view organisation = OrganisationKey(context);
  for (const PaymentCoordinate& coordinate : message.payment_coordinates) {
    std::string fingerprint;
    Status status = context.history().GetPaymentFingerprint(coordinate, &fingerprint);
    if (status.IsNotFound()) return Status::Ok();  // this history keeps no payment coordinates
    if (!status.ok()) return status;
    bool by_sender = false, by_organisation = false;
    std::vector<std::string_view> others;
    status = SentBefore(context, context.sender(), fingerprint, &by_sender, &others);
    if (!status.ok()) return status;
    if (!by_sender && organisation != context.sender()) {
      status = SentBefore(context, organisation, fingerprint, &by_organisation, &others);
      if (!status.ok()) return status;
    }
    if (by_sender || by_organisation) continue;  // the account it always pays into
    // The address's accounts were learned for its domain too.
    std::sort(others.begin(), others.end());
    others.erase(std::unique(others.begin(), others.end()), others.end());
    double strength = kFirstContactStrength;
    std::string history;
    if (!others.empty()) {
      strength = kChangedStrength;
      history = "it or its organisation sent " + std::to_string(others.size()) + " other account" +
                (others.size() == 1 ? "" : "s") + " before (" +
                std::string(PaymentFingerprintKind(others.front())) + "), never this one";
    } else if (context.first_contact()) {
      history = "a first payment instruction from a sender new here";
    } else {
      const ResolvedThread* thread = nullptr;
      status = context.Thread(&thread);
      if (!status.ok()) return status;
      if (thread != nullptr) {
        strength = kFirstInThreadStrength;
        history = "it never sent bank details before, and now sends them into the thread " +
                  Quoted(thread->record.subject);
      } else {
        strength = kFirstFromKnownStrength;
        history = "it never sent bank details before";
      }
    }
    out->push_back(
        {strength,
         "asks payment to " + coordinate.shown + ": " + DescribeSender(context) + "; " + history,
         context.sender() + ">" + fingerprint});
  }
  return Status::Ok();
}

}  // namespace

Status RegisterPaymentDetailsChanged(SignalRegistry* registry) {
  // Legitimate mail names a validated account rarely (none of the 2,838
  // legitimate inbound messages of the six Enron mailboxes of attack_eval
  // does): the weight holds a change, and a first account sent into a
  // thread (0.8 x 90 = 72), at the smallest surprise.
  return registry->Add({"PAYMENT_DETAILS_CHANGED", SignalGroup::kCorrespondent, 90,
                        "asks payment to a bank account the sender never named before",
                        SignalScope::kInboundOnly, DetectPaymentDetailsChanged});
}

}  // namespace rapport
