#include "sim/core/spelling.hpp"

#include <algorithm>
#include <cctype>

namespace ptcesim::core {

namespace {

bool same_letter(char a, char b, LetterCase letter_case) {
  if (letter_case == LetterCase::sensitive)
    return a == b;
  return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
}

std::string_view last_segment(std::string_view key) {
  const auto dot = key.rfind('.');
  return dot == std::string_view::npos ? key : key.substr(dot + 1);
}

} // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, LetterCase letter_case) {
  // Three rolling rows: the transposition looks two rows back. Only error paths call this.
  const std::size_t width = b.size() + 1;
  std::vector<std::size_t> two_back(width), previous(width), current(width);
  for (std::size_t j = 0; j < width; ++j)
    previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j < width; ++j) {
      const std::size_t cost = same_letter(a[i - 1], b[j - 1], letter_case) ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && same_letter(a[i - 1], b[j - 2], letter_case) &&
          same_letter(a[i - 2], b[j - 1], letter_case))
        current[j] = std::min(current[j], two_back[j - 2] + 1);
    }
    std::swap(two_back, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string> closest_spelling(std::string_view word,
                                            const std::vector<std::string_view>& candidates,
                                            std::size_t max_edits, LetterCase letter_case) {
  std::optional<std::string> best;
  std::size_t best_distance = max_edits + 1;
  for (const auto candidate : candidates)
    if (const auto d = edit_distance(word, candidate, letter_case); d < best_distance) {
      best = std::string(candidate);
      best_distance = d;
    }
  return best;
}

std::optional<std::string> suggest_dotted_key(std::string_view key,
                                              const std::vector<std::string>& candidates) {
  const std::vector<std::string_view> views(candidates.begin(), candidates.end());
  if (auto best = closest_spelling(key, views, std::max<std::size_t>(2, key.size() / 5)))
    return best;
  for (const auto& c : candidates)
    if (last_segment(c) == last_segment(key) || (!key.empty() && c.starts_with(key)))
      return c;
  return std::nullopt;
}

} // namespace ptcesim::core
