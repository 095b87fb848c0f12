// libFuzzer target: see fuzz_entries.hpp and docs/reliability.md.
#include "tests/fuzz/fuzz_entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ptcesim::fuzz::run_file({data, size});
  return 0;
}
