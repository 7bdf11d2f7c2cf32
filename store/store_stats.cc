#include "store/store_stats.h"

#include <algorithm>

namespace rapport {

int ScoreBucket(int score) { return std::clamp(score / kScoreBucketWidth, 0, kScoreBuckets - 1); }

StatsCount ScoreCount(int score) {
  return StatsCount{StatsKind::kScore, std::to_string(ScoreBucket(score) * kScoreBucketWidth), 1};
}

}  // namespace rapport
