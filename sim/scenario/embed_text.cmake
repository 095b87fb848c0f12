# Writes INPUT into OUTPUT as a C++ raw string literal returned by FUNCTION (namespace NAMESPACE).
# Run with cmake -P at build time, so that editing INPUT regenerates OUTPUT.
file(READ "${INPUT}" text)
set(delimiter "ptcesim_embed")
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter ')${delimiter}\"'")
endif()
set(content "// Generated from ${INPUT} by embed_text.cmake; do not edit.
#include \"sim/scenario/loader.hpp\"

namespace ${NAMESPACE} {
std::string_view ${FUNCTION}() noexcept {
  static constexpr std::string_view text = R\"${delimiter}(${text})${delimiter}\";
  return text;
}
} // namespace ${NAMESPACE}
")
# Leave an unchanged file untouched so dependants do not rebuild.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" previous)
  if(previous STREQUAL content)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${content}")
