#include "sim/core/spelling.hpp"

#include <catch2/catch.hpp>

using ptcesim::core::closest_spelling;
using ptcesim::core::edit_distance;
using ptcesim::core::LetterCase;
using ptcesim::core::suggest_dotted_key;

TEST_CASE("edit distance counts insertions, deletions, substitutions and transpositions") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("members", "memebrs") == 1); // adjacent transposition: one edit
  CHECK(edit_distance("ca", "abc") == 3);          // optimal string alignment, not Damerau
  CHECK(edit_distance("Seed", "seed") == 1);
  CHECK(edit_distance("Seed", "seed", LetterCase::ignored) == 0);
  CHECK(edit_distance("seed", "seeds") == edit_distance("seeds", "seed"));
}

TEST_CASE("closest spelling keeps only near candidates, the first on ties") {
  const std::vector<std::string_view> names{"members", "origin", "territory", "territories"};
  CHECK(closest_spelling("membres", names, 2) == "members");
  CHECK(closest_spelling("territori", names, 2) == "territory");
  CHECK_FALSE(closest_spelling("budget", names, 2).has_value());
  CHECK(closest_spelling("ORIGIN", names, 1, LetterCase::ignored) == "origin");
  CHECK_FALSE(closest_spelling("ORIGIN", names, 1).has_value());
  CHECK_FALSE(closest_spelling("x", {}, 5).has_value());
}

TEST_CASE("dotted keys are suggested by spelling, then by last segment or prefix") {
  const std::vector<std::string> keys{"firms.entry_rate_per_month", "sse.entry_rate_per_month",
                                      "labour.matching_efficiency", "run.seed"};
  CHECK(suggest_dotted_key("firms.entry_rate_per_mnth", keys) == "firms.entry_rate_per_month");
  // Right name in the wrong table: the first key with that last segment.
  CHECK(suggest_dotted_key("authority.matching_efficiency", keys) == "labour.matching_efficiency");
  CHECK(suggest_dotted_key("labour.matching", keys) == "labour.matching_efficiency");
  CHECK_FALSE(suggest_dotted_key("cooperation.trust", keys).has_value());
  CHECK_FALSE(suggest_dotted_key("", keys).has_value());
}
