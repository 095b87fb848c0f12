#include "sim/label/suggest.hpp"

#include "sim/core/spelling.hpp"

#include <algorithm>

namespace ptcesim::label::detail {

std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string_view>& candidates) {
  // A third of the word's length, at least 2 edits: catches typos, not unrelated words. Pole
  // files are written by hand from survey data, so case does not count.
  return core::closest_spelling(word, candidates, std::max<std::size_t>(2, word.size() / 3),
                                core::LetterCase::ignored);
}

} // namespace ptcesim::label::detail
