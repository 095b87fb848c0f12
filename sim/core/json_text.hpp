#pragma once
#include <string>
#include <string_view>

namespace ptcesim::core {

/// `text` as a quoted JSON string: quotes, backslashes and control characters escaped; UTF-8
/// bytes pass through (JSON text is UTF-8). Shared by every report that writes JSON by hand.
[[nodiscard]] std::string json_quote(std::string_view text);

} // namespace ptcesim::core
