#pragma once

namespace rapport {

// Where processing a message failed, for the metrics of on_error answers.
// Each failure is answered by the on_error policy whatever its kind.
enum class FailureKind {
  kCollect,   // taking the envelope, headers or body from the MTA
  kStore,     // the history store could not be opened, or a write failed
  kParse,     // the message could not be parsed
  kScore,     // a detector's history read failed
  kTimeout,   // the per-message budget (timeout) ran out
  kMta,       // the MTA refused a header change or the quarantine
  kInternal,  // anything else (an exception)
};
inline constexpr int kFailureKinds = 7;

// "collect", "store", "parse", "score", "timeout", "mta", "internal": the
// names in the metrics' kind label.
inline const char* FailureKindName(FailureKind kind) {
  switch (kind) {
    case FailureKind::kCollect:
      return "collect";
    case FailureKind::kStore:
      return "store";
    case FailureKind::kParse:
      return "parse";
    case FailureKind::kScore:
      return "score";
    case FailureKind::kTimeout:
      return "timeout";
    case FailureKind::kMta:
      return "mta";
    case FailureKind::kInternal:
      return "internal";
  }
  return "internal";
}

}  // namespace rapport
