#pragma once
#include <string>
#include <string_view>

namespace ptcesim::core {

/// `text` as a quoted JSON string: quotes, backslashes, control characters and DEL escaped;
/// UTF-8 bytes pass through (JSON text is UTF-8). The result is also a valid TOML basic string
/// (TOML has the same escapes and forbids raw DEL), so the resolved-scenario text uses it too.
[[nodiscard]] std::string json_quote(std::string_view text);

} // namespace ptcesim::core
