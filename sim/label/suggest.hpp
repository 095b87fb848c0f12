#pragma once
// Spelling suggestions for error messages ("did you mean 'members'?"); internal to sim/label.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptcesim::label::detail {

/// The closest of `candidates` to `word` by edit distance, if close enough to be a likely typo.
[[nodiscard]] std::optional<std::string> closest(std::string_view word,
                                                 const std::vector<std::string_view>& candidates);

} // namespace ptcesim::label::detail
