# The git commit goes into every output file's provenance; computed at configure time and
# refreshed by a build step so that a rebuilt binary never reports a stale commit.
set(PTCESIM_VERSION_IN ${PROJECT_SOURCE_DIR}/cmake/version.cpp.in)
set(PTCESIM_VERSION_CPP ${PROJECT_BINARY_DIR}/generated/version.cpp)
add_custom_target(ptcesim_git_version
  COMMAND ${CMAKE_COMMAND} -DSRC=${PROJECT_SOURCE_DIR} -DIN=${PTCESIM_VERSION_IN}
          -DOUT=${PTCESIM_VERSION_CPP} -DVERSION=${PROJECT_VERSION}
          -P ${PROJECT_SOURCE_DIR}/cmake/WriteVersion.cmake
  BYPRODUCTS ${PTCESIM_VERSION_CPP}
  COMMENT "Recording the git commit")
