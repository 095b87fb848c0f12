# Warnings and sanitizers live on INTERFACE targets that each project target links PRIVATE.
add_library(ptcesim_warnings INTERFACE)
add_library(ptcesim::warnings ALIAS ptcesim_warnings)
target_compile_options(ptcesim_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wformat=2
  # GCC 12 reports -Wrestrict false positives inside std::string at -O3 (GCC bug 105329).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
  $<$<BOOL:${PTCESIM_WARNINGS_AS_ERRORS}>:-Werror>)

add_library(ptcesim_sanitizers INTERFACE)
add_library(ptcesim::sanitizers ALIAS ptcesim_sanitizers)
if(PTCESIM_SANITIZE_ADDRESS)
  target_compile_options(ptcesim_sanitizers INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                      -fno-sanitize-recover=undefined)
  target_link_options(ptcesim_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
if(PTCESIM_SANITIZE_THREAD)
  target_compile_options(ptcesim_sanitizers INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(ptcesim_sanitizers INTERFACE -fsanitize=thread)
endif()
if(PTCESIM_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "PTCESIM_FUZZ needs clang++ (libFuzzer): use the preset `fuzz`")
  endif()
  # Every library gets coverage instrumentation; only the fuzz executables link libFuzzer's main.
  target_compile_options(ptcesim_sanitizers INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                                                      -fno-omit-frame-pointer
                                                      -fno-sanitize-recover=undefined)
  target_link_options(ptcesim_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

# One library per sim/ module: ptcesim_add_module(core SOURCES ... DEPS ...)
function(ptcesim_add_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(ptcesim_${name} STATIC ${ARG_SOURCES})
  add_library(ptcesim::${name} ALIAS ptcesim_${name})
  target_compile_features(ptcesim_${name} PUBLIC cxx_std_20)
  target_include_directories(ptcesim_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(ptcesim_${name} PUBLIC ${ARG_PUBLIC_DEPS}
                        PRIVATE ${ARG_PRIVATE_DEPS} ptcesim::warnings ptcesim::sanitizers)
endfunction()
