# The sanitizer build (docs/robustness.md): FRAMNN_SANITIZE=address,undefined
# builds every FramNN target with ASan + UBSan, and FRAMNN_BUILD_FUZZERS
# adds the libFuzzer targets of fuzz/. Included before HandleLLVMOptions,
# which turns LLVM_USE_SANITIZER and LLVM_USE_SANITIZE_COVERAGE into the
# compile and link flags, the way LLVM's own sanitizer builds get them.
set(FRAMNN_SANITIZE "" CACHE STRING
  "Sanitizers to build with, e.g. address,undefined (clang only)")
option(FRAMNN_BUILD_FUZZERS
  "Build the libFuzzer targets of fuzz/ (needs FRAMNN_SANITIZE)" OFF)

if(FRAMNN_SANITIZE)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "FRAMNN_SANITIZE needs clang (scripts/build.sh uses "
      "clang++-22), not ${CMAKE_CXX_COMPILER_ID}")
  endif()
  set(sanitizers "")
  string(REPLACE "," ";" requested "${FRAMNN_SANITIZE}")
  foreach(name IN LISTS requested)
    if(name STREQUAL "address")
      list(APPEND sanitizers Address)
    elseif(name STREQUAL "undefined")
      list(APPEND sanitizers Undefined)
    else()
      message(FATAL_ERROR "FRAMNN_SANITIZE: unknown sanitizer '${name}' "
        "(supported: address, undefined)")
    endif()
  endforeach()
  list(SORT sanitizers)
  set(LLVM_USE_SANITIZER "${sanitizers}")
  # LLVM's own UBSan flags (its top-level CMakeLists sets them; Debian's
  # exported CMake package does not): every report is fatal, so a test
  # that hits UB fails. vptr needs RTTI, which LLVM code is built without;
  # function reports calls through LLVM's type-erased callbacks.
  set(LLVM_UBSAN_FLAGS
    "-fsanitize=undefined -fno-sanitize=vptr,function -fno-sanitize-recover=all")
  message(STATUS "FramNN sanitizers: ${LLVM_USE_SANITIZER}")
endif()

if(FRAMNN_BUILD_FUZZERS)
  if(NOT FRAMNN_SANITIZE)
    message(FATAL_ERROR "FRAMNN_BUILD_FUZZERS needs a sanitizer build "
      "(FRAMNN_SANITIZE=address,undefined)")
  endif()
  # Coverage for libFuzzer in every FramNN library, not only the targets.
  set(LLVM_USE_SANITIZE_COVERAGE ON)
endif()
