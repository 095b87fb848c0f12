#pragma once
// Spelling suggestions for error messages ("unknown key; did you mean 'members'?"), shared by
// every parser so that a typo gets the same help in scenario, sweep and pole files.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptcesim::core {

/// Whether letter case counts as an edit.
enum class LetterCase { sensitive, ignored };

/// Optimal string alignment distance: insertions, deletions, substitutions and transpositions
/// of adjacent letters, each one edit (a transposed pair is the commonest typo).
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b,
                                        LetterCase letter_case = LetterCase::sensitive);

/// The candidate closest to `word` if it is at most `max_edits` edits away (the first such on
/// ties), else nothing.
[[nodiscard]] std::optional<std::string>
closest_spelling(std::string_view word, const std::vector<std::string_view>& candidates,
                 std::size_t max_edits, LetterCase letter_case = LetterCase::sensitive);

/// For dotted keys ("firms.entry_rate"): the closest candidate within max(2, length / 5)
/// edits; failing that, a candidate with the same last segment (a key put in the wrong table)
/// or one that begins with `key` (a truncated key).
[[nodiscard]] std::optional<std::string>
suggest_dotted_key(std::string_view key, const std::vector<std::string>& candidates);

} // namespace ptcesim::core
