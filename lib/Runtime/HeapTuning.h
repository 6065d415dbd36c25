//===- HeapTuning.h - keep the compiled code's large buffers mapped -*- C++ -*-===//
#ifndef FRAMNN_LIB_RUNTIME_HEAPTUNING_H
#define FRAMNN_LIB_RUNTIME_HEAPTUNING_H

namespace framnn {

/// Once per process: lets glibc's malloc serve buffers of up to 32 MiB from
/// the heap and never trim it, so that the megabyte temporaries a compiled
/// step allocates and frees at every call (im2col matrices, transposes)
/// reuse mapped pages instead of being mmapped and page-faulted in again
/// (a quarter to a half of a ResNet-18 stem gradient's CPU time, see
/// docs/decisions.md, "Freed buffers stay in the heap").
void keepFreedBuffersMapped();

} // namespace framnn

#endif // FRAMNN_LIB_RUNTIME_HEAPTUNING_H
