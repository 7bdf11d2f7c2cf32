#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "store/history.h"

namespace rapport::testing {

// An in-memory HistoryReader for scoring tests: tests fill it with exactly
// the history a case needs. Counts the reads of each key so tests can check
// that a message reads a key once.
class FakeHistory : public HistoryReader {
 public:
  // --- filling ---

  // A correspondent `external` who wrote `inbound` messages to `internal`
  // and received `outbound` replies, first seen at `first_seen`. Updates
  // the address and domain profiles and the relationship.
  void AddCorrespondent(std::string_view external, std::string_view internal, int64_t first_seen,
                        int64_t last_seen, uint64_t inbound, uint64_t outbound) {
    SenderProfile& p = profiles_[std::string(external)];
    Merge(&p, first_seen, last_seen, inbound, outbound);
    std::string domain(external.substr(external.find('@') + 1));
    Merge(&profiles_[domain], first_seen, last_seen, inbound, outbound);
    Relationship& r = relationships_[{std::string(external), std::string(internal)}];
    r.first_seen = first_seen;
    r.last_seen = last_seen;
    r.inbound_messages += inbound;
    r.outbound_messages += outbound;
    // Its local part among the people known at the host, as the store
    // learns it (SenderAttributeKind::kLocalPart).
    if (external.find('@') != std::string_view::npos && external.front() != '@') {
      SenderAttributeStats& known =
          attributes_[{domain, SenderAttributeKind::kLocalPart,
                       std::string(external.substr(0, external.find('@')))}];
      known.first_seen = first_seen;
      known.last_seen = last_seen;
      known.messages += inbound + outbound;
    }
    // Outbound mail names its sender among the domain's staff
    // correspondents, as the store learns it.
    if (outbound > 0) {
      SenderAttributeStats& staff =
          attributes_[{domain, SenderAttributeKind::kStaffCorrespondent, std::string(internal)}];
      staff.first_seen = first_seen;
      staff.last_seen = last_seen;
      staff.messages += outbound;
    }
  }
  SenderProfile& Profile(std::string_view key) { return profiles_[std::string(key)]; }
  void SetAttribute(std::string_view key, SenderAttributeKind kind, std::string_view value,
                    uint64_t messages, int64_t first_seen = 1) {
    attributes_[{std::string(key), kind, std::string(value)}] = {first_seen, first_seen, messages};
  }
  // `outbound_senders` defaults to the one colleague `outbound` messages
  // need at least.
  void SetLinkDomain(std::string_view domain, uint64_t messages, uint64_t senders,
                     uint64_t outbound = 0, std::optional<uint64_t> outbound_senders = {}) {
    LinkDomainStats& s = link_domains_[std::string(domain)];
    s.first_seen = 1;
    s.last_seen = 1;
    s.messages = messages;
    s.distinct_senders = senders;
    s.distinct_recipients = senders;
    s.outbound_messages = outbound;
    s.outbound_senders = outbound_senders.value_or(outbound > 0 ? 1 : 0);
  }
  // Names `sender` among those whose mail linked `domain`
  // (ListLinkDomainSenders); SetLinkDomain() sets how many there are.
  void AddLinkDomainSender(std::string_view domain, std::string_view sender) {
    link_domain_senders_[std::string(domain)].emplace_back(sender);
  }
  // A thread reachable by every id in `message_ids` and by its subject for
  // each participant.
  void AddThread(const ThreadRecord& thread, const std::vector<std::string>& message_ids) {
    threads_.push_back(thread);
    for (const std::string& id : message_ids) thread_ids_[id] = threads_.size() - 1;
  }
  void AddDisplayName(std::string_view normalised_name, DisplayNameUse use) {
    display_names_[std::string(normalised_name)].push_back(std::move(use));
  }
  void SetSignalContext(std::string_view signal, std::string_view context,
                        SignalContextStats stats) {
    signal_contexts_[{std::string(signal), std::string(context)}] = stats;
  }
  void SetObservations(std::string_view signal, std::string_view context, uint64_t epoch,
                       AnomalyObservations observed) {
    observations_[{std::string(signal), std::string(context) + "#" + std::to_string(epoch)}] =
        observed;
  }
  void SetBaseRateCount(std::string_view name, uint64_t count) {
    base_rates_[std::string(name)] = count;
  }
  // Every read fails with an I/O error from now on.
  void FailReads() { fail_ = true; }
  // ListLinkDomainSenders() alone fails with an I/O error from now on.
  void FailLinkDomainSenders() { fail_senders_ = true; }

  // How often GetLinkDomain read `domain`.
  int LinkDomainReads(std::string_view domain) const {
    auto it = link_domain_reads_.find(std::string(domain));
    return it == link_domain_reads_.end() ? 0 : it->second;
  }

  // How often GetSenderProfile read `key`.
  int ProfileReads(std::string_view key) const {
    auto it = profile_reads_.find(std::string(key));
    return it == profile_reads_.end() ? 0 : it->second;
  }

  // How often ListSenderAttributes listed `kind` at `key`.
  int AttributeListReads(std::string_view key, SenderAttributeKind kind) const {
    auto it = attribute_list_reads_.find({std::string(key), kind});
    return it == attribute_list_reads_.end() ? 0 : it->second;
  }

  // How often CountSenderAttributes counted `kind` at `key`.
  int AttributeCountReads(std::string_view key, SenderAttributeKind kind) const {
    auto it = attribute_count_reads_.find({std::string(key), kind});
    return it == attribute_count_reads_.end() ? 0 : it->second;
  }

  // How often GetObservations read `signal`'s observations on `context`.
  int ObservationReads(std::string_view signal, std::string_view context) const {
    auto it = observation_reads_.find({std::string(signal), std::string(context)});
    return it == observation_reads_.end() ? 0 : it->second;
  }

  // --- HistoryReader ---

  Status GetSenderProfile(std::string_view key, SenderProfile* out) const override {
    ++profile_reads_[std::string(key)];
    return Lookup(profiles_, std::string(key), out);
  }
  Status GetRelationship(std::string_view external, std::string_view internal,
                         Relationship* out) const override {
    return Lookup(relationships_, {std::string(external), std::string(internal)}, out);
  }
  Status ForEachDomainProfile(
      size_t limit,
      const std::function<void(std::string_view, const SenderProfile&)>& visit) const override {
    if (fail_) return Status::IoError("fake store failure");
    size_t visited = 0;
    for (const auto& [key, profile] : profiles_) {
      if (key.find('@') != std::string::npos || visited++ >= limit) continue;
      visit(key, profile);
    }
    return Status::Ok();
  }
  Status ListRelationships(std::string_view external, size_t limit,
                           std::vector<std::pair<std::string, Relationship>>* out) const override {
    if (fail_) return Status::IoError("fake store failure");
    out->clear();
    for (const auto& [key, relationship] : relationships_) {
      if (key.first == external && out->size() < limit) out->emplace_back(key.second, relationship);
    }
    return Status::Ok();
  }
  Status GetSenderAttribute(std::string_view key, SenderAttributeKind kind, std::string_view value,
                            SenderAttributeStats* out) const override {
    return Lookup(attributes_, {std::string(key), kind, std::string(value)}, out);
  }
  Status CountSenderAttributes(std::string_view key, SenderAttributeKind kind, size_t up_to,
                               size_t* out) const override {
    ++attribute_count_reads_[{std::string(key), kind}];
    if (fail_) return Status::IoError("fake store failure");
    size_t counted = 0;
    for (const auto& entry : attributes_) {
      const auto& k = entry.first;
      if (std::get<0>(k) == key && std::get<1>(k) == kind && counted < up_to) ++counted;
    }
    *out = counted;
    return Status::Ok();
  }
  Status ListSenderAttributes(
      std::string_view key, SenderAttributeKind kind, size_t limit,
      std::vector<std::pair<std::string, SenderAttributeStats>>* out) const override {
    ++attribute_list_reads_[{std::string(key), kind}];
    if (fail_) return Status::IoError("fake store failure");
    out->clear();
    for (const auto& [k, stats] : attributes_) {
      if (std::get<0>(k) == key && std::get<1>(k) == kind) out->emplace_back(std::get<2>(k), stats);
    }
    std::stable_sort(out->begin(), out->end(), [](const auto& a, const auto& b) {
      return a.second.messages > b.second.messages;
    });
    if (out->size() > limit) out->resize(limit);
    return Status::Ok();
  }
  Status GetLinkDomain(std::string_view domain, LinkDomainStats* out) const override {
    ++link_domain_reads_[std::string(domain)];
    return Lookup(link_domains_, std::string(domain), out);
  }
  Status ListLinkDomainSenders(std::string_view domain, size_t limit,
                               std::vector<std::string>* out) const override {
    if (fail_ || fail_senders_) return Status::IoError("fake store failure");
    auto it = link_domain_senders_.find(std::string(domain));
    out->clear();
    if (it == link_domain_senders_.end()) return Status::Ok();
    for (size_t i = 0; i < it->second.size() && i < limit; ++i) out->push_back(it->second[i]);
    return Status::Ok();
  }
  Status FindThreadByMessageId(std::string_view id, ThreadRecord* out) const override {
    if (fail_) return Status::IoError("fake store failure");
    auto it = thread_ids_.find(std::string(id));
    if (it == thread_ids_.end()) return Status::NotFound("thread");
    *out = threads_[it->second];
    return Status::Ok();
  }
  Status FindThreadBySubject(std::string_view subject, std::string_view participant,
                             ThreadRecord* out) const override {
    if (fail_) return Status::IoError("fake store failure");
    for (auto it = threads_.rbegin(); it != threads_.rend(); ++it) {
      if (it->subject != subject) continue;
      for (const std::string& p : it->participants) {
        if (p == participant) {
          *out = *it;
          return Status::Ok();
        }
      }
    }
    return Status::NotFound("thread");
  }
  Status FindDisplayName(std::string_view name, size_t limit,
                         std::vector<DisplayNameUse>* out) const override {
    if (fail_) return Status::IoError("fake store failure");
    auto it = display_names_.find(std::string(name));
    if (it == display_names_.end()) return Status::NotFound("display name");
    *out = it->second;
    if (out->size() > limit) out->resize(limit);
    return Status::Ok();
  }
  Status GetSignalContext(std::string_view signal, std::string_view context,
                          SignalContextStats* out) const override {
    return Lookup(signal_contexts_, {std::string(signal), std::string(context)}, out);
  }
  Status GetObservations(std::string_view signal, std::string_view context, uint64_t epoch,
                         AnomalyObservations* out) const override {
    ++observation_reads_[{std::string(signal), std::string(context)}];
    return Lookup(observations_,
                  {std::string(signal), std::string(context) + "#" + std::to_string(epoch)}, out);
  }
  Status GetBaseRateCount(std::string_view name, uint64_t* out) const override {
    return Lookup(base_rates_, std::string(name), out);
  }
  // The kind's letter, lower-case, and the account: a fake needs no key.
  Status GetPaymentFingerprint(const PaymentCoordinate& coordinate,
                               std::string* out) const override {
    if (fail_) return Status::IoError("fake store failure");
    *out = std::string(1, static_cast<char>(static_cast<char>(coordinate.kind) - 'A' + 'a')) +
           coordinate.account;
    return Status::Ok();
  }

 private:
  static void Merge(SenderProfile* p, int64_t first_seen, int64_t last_seen, uint64_t inbound,
                    uint64_t outbound) {
    if (p->first_seen == 0 || first_seen < p->first_seen) p->first_seen = first_seen;
    p->last_seen = std::max(p->last_seen, last_seen);
    p->messages_sent += inbound;
    p->messages_received += outbound;
    p->recipients_total += inbound;
    p->max_recipients = std::max<uint32_t>(p->max_recipients, inbound > 0 ? 1 : 0);
    p->active_days += static_cast<uint32_t>(std::min<uint64_t>(inbound, 200));
  }

  template <typename Map, typename Value>
  Status Lookup(const Map& map, const typename Map::key_type& key, Value* out) const {
    if (fail_) return Status::IoError("fake store failure");
    auto it = map.find(key);
    if (it == map.end()) return Status::NotFound("not in fake history");
    *out = it->second;
    return Status::Ok();
  }

  bool fail_ = false;
  bool fail_senders_ = false;
  std::map<std::string, SenderProfile> profiles_;
  std::map<std::pair<std::string, std::string>, Relationship> relationships_;
  std::map<std::tuple<std::string, SenderAttributeKind, std::string>, SenderAttributeStats>
      attributes_;
  std::map<std::string, LinkDomainStats> link_domains_;
  std::map<std::string, std::vector<std::string>> link_domain_senders_;
  std::vector<ThreadRecord> threads_;
  std::map<std::string, size_t> thread_ids_;
  std::map<std::string, std::vector<DisplayNameUse>> display_names_;
  std::map<std::pair<std::string, std::string>, SignalContextStats> signal_contexts_;
  std::map<std::pair<std::string, std::string>, AnomalyObservations> observations_;
  std::map<std::string, uint64_t> base_rates_;
  mutable std::map<std::string, int> link_domain_reads_;
  mutable std::map<std::pair<std::string, std::string>, int> observation_reads_;
  mutable std::map<std::string, int> profile_reads_;
  mutable std::map<std::pair<std::string, SenderAttributeKind>, int> attribute_list_reads_;
  mutable std::map<std::pair<std::string, SenderAttributeKind>, int> attribute_count_reads_;
};

}  // namespace rapport::testing
