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
// A participant of a thread the organisation holds, which never sent bank
// details, sends them into it: how a hijacked conversation turns to
// payment.
constexpr double kFirstInThreadStrength = 0.8;
// A known correspondent, writing outside a known thread, sends bank
// details for the first time.
constexpr double kFirstFromKnownStrength = 0.6;
// Someone new: a new supplier's first invoice carries its account
// legitimately, and the signals of a first contact judge the sender.
constexpr double kFirstContactStrength = 0.2;

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

// Whether `key` has sent `fingerprint`; the other accounts it sent, at
// most ScoringContext::kMaxAttributeList, in *others.
Status SentBefore(const ScoringContext& context, std::string_view key,
                  const std::string& fingerprint, bool* sent,
                  std::vector<std::string_view>* others) {
  *sent = false;
  if (key.empty()) return Status::Ok();
  const std::vector<std::pair<std::string, SenderAttributeStats>>* known = nullptr;
  Status status = context.SenderAttributes(key, SenderAttributeKind::kPaymentCoordinate, &known);
  if (!status.ok()) return status;
  for (const auto& [value, stats] : *known) {
    if (value == fingerprint) {
      *sent = true;
    } else {
      others->push_back(value);
    }
  }
  return Status::Ok();
}

// True when the message replies into a thread history holds that its
// sender took part in.
Status InOwnThread(const ScoringContext& context, bool* out) {
  *out = false;
  const ResolvedThread* thread = nullptr;
  Status status = context.Thread(&thread);
  if (!status.ok() || thread == nullptr) return status;
  const std::vector<std::string>& parties = thread->record.participants;
  *out = std::find(parties.begin(), parties.end(), context.sender()) != parties.end();
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
    if (organisation != context.sender()) {
      status = SentBefore(context, organisation, fingerprint, &by_organisation, &others);
      if (!status.ok()) return status;
    }
    if (by_sender || by_organisation) continue;  // the account it always pays into
    double strength = kFirstContactStrength;
    std::string history;
    if (!others.empty()) {
      strength = kChangedStrength;
      history = "it or its organisation sent " + std::to_string(others.size()) + " other account" +
                (others.size() == 1 ? "" : "s") + " before (" +
                std::string(PaymentFingerprintKind(others.front())) + "), never this one";
    } else {
      bool in_thread = false;
      status = InOwnThread(context, &in_thread);
      if (!status.ok()) return status;
      if (in_thread) {
        strength = kFirstInThreadStrength;
        history =
            "it never sent bank details before, and now sends them into a thread it took "
            "part in";
      } else if (context.known_sender()) {
        strength = kFirstFromKnownStrength;
        history = "it never sent bank details before";
      } else {
        history = "a first payment instruction from a sender new here";
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
  return registry->Add({"PAYMENT_DETAILS_CHANGED", SignalGroup::kCorrespondent, 70,
                        "asks payment to a bank account the sender never named before",
                        SignalScope::kInboundOnly, DetectPaymentDetailsChanged});
}

}  // namespace rapport
