# The sanitizer run-time options of every sanitizer run (scripts/test-sanitize.sh,
# scripts/fuzz.sh; docs/robustness.md). Sourced, not run; FRAMNN_ROOT must be set.
#
# detect_leaks=1: a leak is a finding; fuzz/lsan.supp names LLVM's global
#   state only.
# use_sigaltstack=0: LLVM's signal handlers install their own alternate
#   signal stack per thread, which ASan then fails to unmap at thread exit.
# allow_user_poisoning=0: llvm::BumpPtrAllocator poisons each new slab when
#   compiled with ASan and unpoisons what it hands out. FramNN's instrumented
#   code and Debian's uninstrumented libMLIR share the allocators of one
#   MLIRContext (attribute and type storage), so a slab started by FramNN's
#   copy of the allocator is filled by libMLIR's copy, which does not
#   unpoison: instrumented reads of that storage are then reported as
#   use-after-poison although the memory is live. Ordinary heap checks
#   (overflow, use after free, leaks) are unaffected.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:use_sigaltstack=0:allow_user_poisoning=0}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$FRAMNN_ROOT/fuzz/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
