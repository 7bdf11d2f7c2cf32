#pragma once

#include "base/status.h"
#include "milter/background_learner.h"
#include "milter/logger.h"
#include "milter/milter_metrics.h"
#include "milter/runtime.h"
#include "milter/session.h"
#include "milter/store_handle.h"

namespace rapport {

// What the libmilter callbacks share across all connections. Everything in
// it is safe for concurrent use; it must outlive smfi_main().
struct MilterService {
  RuntimeSlot* runtime = nullptr;
  StoreHandle* store = nullptr;
  Logger* logger = nullptr;
  InFlightMessages* in_flight = nullptr;
  BackgroundLearner* learner = nullptr;  // learns delivered mail
  MilterMetrics* metrics = nullptr;      // counts every answer
};

// Registers Rapport's callbacks with libmilter (smfi_register) for
// `service`. Call once, before smfi_opensocket() and smfi_main(). This and
// milter_callbacks.cc are the only places that know libmilter's callbacks;
// nothing in them throws: every callback catches everything and answers
// safely (the failure policy at end of message).
Status RegisterMilter(MilterService* service);

}  // namespace rapport
