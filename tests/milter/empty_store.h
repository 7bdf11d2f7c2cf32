#pragma once

#include "store/history_store.h"

namespace rapport::test {

// History that knows nothing and takes every write without keeping it:
// the store for milter tests that need one but test no store behaviour.
class EmptyStore : public HistoryStore {
 public:
  Status GetSenderProfile(std::string_view, SenderProfile*) const override { return None(); }
  Status GetRelationship(std::string_view, std::string_view, Relationship*) const override {
    return None();
  }
  Status ForEachDomainProfile(
      size_t, const std::function<void(std::string_view, const SenderProfile&)>&) const override {
    return None();
  }
  Status ListRelationships(std::string_view, size_t,
                           std::vector<std::pair<std::string, Relationship>>*) const override {
    return None();
  }
  Status GetSenderAttribute(std::string_view, SenderAttributeKind, std::string_view,
                            SenderAttributeStats*) const override {
    return None();
  }
  Status ListSenderAttributes(
      std::string_view, SenderAttributeKind, size_t,
      std::vector<std::pair<std::string, SenderAttributeStats>>*) const override {
    return None();
  }
  Status CountSenderAttributes(std::string_view, SenderAttributeKind, size_t,
                               size_t*) const override {
    return None();
  }
  Status GetLinkDomain(std::string_view, LinkDomainStats*) const override { return None(); }
  Status ListLinkDomainSenders(std::string_view, size_t, std::vector<std::string>*) const override {
    return None();
  }
  Status FindThreadByMessageId(std::string_view, ThreadRecord*) const override { return None(); }
  Status FindThreadBySubject(std::string_view, std::string_view, ThreadRecord*) const override {
    return None();
  }
  Status FindDisplayName(std::string_view, size_t, std::vector<DisplayNameUse>*) const override {
    return None();
  }
  Status GetSignalContext(std::string_view, std::string_view, SignalContextStats*) const override {
    return None();
  }
  Status GetObservations(std::string_view, std::string_view, uint64_t,
                         AnomalyObservations*) const override {
    return None();
  }
  Status GetBaseRateCount(std::string_view, uint64_t*) const override { return None(); }
  Status GetPaymentFingerprint(const PaymentCoordinate&, std::string*) const override {
    return None();
  }
  Status Learn(const LearnRequest&) override { return Status::Ok(); }
  Status RecordFeedback(const std::vector<std::pair<std::string, std::string>>&, Feedback,
                        int64_t) override {
    return Status::Ok();
  }
  Status PutHeld(const HeldMessage&) override { return Status::Ok(); }
  Status GetHeld(std::string_view, HeldMessage*) const override { return None(); }
  Status ListHeld(std::vector<HeldMessage>*) const override { return Status::Ok(); }
  Status DeleteHeld(std::string_view) override { return Status::Ok(); }
  Status Flush() override { return Status::Ok(); }
  Status AddStats(const std::vector<StatsCount>&, int64_t) override { return Status::Ok(); }
  Status ReadStats(int64_t, std::vector<StatsCount>*) const override { return Status::Ok(); }
  Status PutPolicyEntry(const StoredPolicyEntry&) override { return Unsupported(); }
  Status DeletePolicyEntry(std::string_view, std::string_view) override { return Unsupported(); }
  Status ListPolicyEntries(std::vector<StoredPolicyEntry>*) const override { return Status::Ok(); }
  Status AppendAudit(const AuditRecord&) override { return Unsupported(); }
  Status ListAudit(int64_t, std::vector<AuditRecord>*) const override { return Status::Ok(); }
  Status Describe(StoreReport*) const override { return Unsupported(); }
  Status Compact() override { return Unsupported(); }
  Status Backup(const std::string&) override { return Unsupported(); }
  Status Check(StoreReport*) override { return Unsupported(); }

 private:
  static Status None() { return Status::NotFound("none"); }
  static Status Unsupported() { return Status::Unsupported("not a real store"); }
};

}  // namespace rapport::test
