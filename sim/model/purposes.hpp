#pragma once
#include "sim/core/rng/stream.hpp"

// What each random draw is for. Every draw of the model comes from a stream keyed by
// (run seed, purpose, agent or territory id, tick): adding a purpose never shifts another's.
namespace ptcesim::model::purpose {
inline constexpr core::Purpose kInitTerritory = 1;
inline constexpr core::Purpose kInitFirm = 2;
inline constexpr core::Purpose kInitSse = 3;
inline constexpr core::Purpose kInitWorker = 4;
inline constexpr core::Purpose kInitSynthetic = 5;
inline constexpr core::Purpose kQuit = 10;
inline constexpr core::Purpose kMatchLocal = 11;
inline constexpr core::Purpose kMatchCommute = 12;
inline constexpr core::Purpose kMarkup = 13;
inline constexpr core::Purpose kFirmEntry = 14;
inline constexpr core::Purpose kSseEntry = 15;
inline constexpr core::Purpose kRelocation = 16;
inline constexpr core::Purpose kEntrant = 17;
inline constexpr core::Purpose kTraining = 18;
inline constexpr core::Purpose kClosure = 19;
inline constexpr core::Purpose kCooperation = 20;
inline constexpr core::Purpose kStrategyRevision = 21;
inline constexpr core::Purpose kPoleFormation = 22;
inline constexpr core::Purpose kMobileProject = 23;
inline constexpr core::Purpose kDemandShock = 24;
inline constexpr core::Purpose kMigration = 25;
inline constexpr core::Purpose kEmigration = 26;
inline constexpr core::Purpose kImmigrant = 27;
} // namespace ptcesim::model::purpose
