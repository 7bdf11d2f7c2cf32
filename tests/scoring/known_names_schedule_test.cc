#include <catch2/catch.hpp>

#include "scoring/scorer.h"
#include "tests/scoring/fake_history.h"

namespace rapport {
namespace {

// Counts the rebuilds it is asked for; scores nothing.
class CountingScorer : public Scorer {
 public:
  Status Score(const Message&, Direction, const HistoryReader&, int64_t, Verdict*) const override {
    return Status::Ok();
  }
  Status RefreshKnownNames(const HistoryReader&) const override {
    ++refreshes;
    return Status::Ok();
  }
  size_t KnownNameCount() const override { return 0; }
  mutable int refreshes = 0;
};

TEST_CASE("Look-alike names are rebuilt on the mail's clock, as often as the milter rebuilds them",
          "[scoring][lookalike]") {
  CountingScorer scorer;
  testing::FakeHistory history;
  KnownNamesSchedule schedule;
  constexpr int kSpacing = KnownNamesSchedule::kKnownNamesRefreshMessages;
  constexpr int64_t kStart = 1000000000;
  int64_t now = kStart;
  REQUIRE(schedule.Advance(scorer, history, now).ok());
  CHECK(scorer.refreshes == 1);  // the first message sees the names learned so far

  // A busy gateway: many messages inside one interval, no rebuild.
  for (int i = 0; i < 3 * kSpacing; ++i) {
    REQUIRE(schedule.Advance(scorer, history, now + kKnownNamesRefreshSeconds - 1).ok());
  }
  CHECK(scorer.refreshes == 1);
  // The interval has passed: the next message rebuilds.
  now += kKnownNamesRefreshSeconds;
  REQUIRE(schedule.Advance(scorer, history, now).ok());
  CHECK(scorer.refreshes == 2);

  // A sparse archive, a day between messages: one rebuild per kSpacing
  // messages, not one per message.
  for (int i = 1; i < kSpacing; ++i) {
    REQUIRE(schedule.Advance(scorer, history, now + i * 86400).ok());
  }
  CHECK(scorer.refreshes == 2);
  REQUIRE(schedule.Advance(scorer, history, now + kSpacing * 86400).ok());
  CHECK(scorer.refreshes == 3);

  // A Date before the last rebuild (a bogus one) counts as due, after the
  // same spacing, rather than waiting out a negative interval.
  for (int i = 1; i < kSpacing; ++i) REQUIRE(schedule.Advance(scorer, history, 0).ok());
  CHECK(scorer.refreshes == 3);
  REQUIRE(schedule.Advance(scorer, history, 0).ok());
  CHECK(scorer.refreshes == 4);
}

}  // namespace
}  // namespace rapport
