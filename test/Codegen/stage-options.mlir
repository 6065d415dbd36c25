// The lowering stages take no options: an option given to one is named in
// an error, never a silent failure.
// RUN: not framnn-opt --framnn-vectorize=bf16-dot=emulate %s 2>&1 | FileCheck %s --check-prefix=VECTORIZE
// RUN: not framnn-opt --framnn-bufferize=threads=2 %s 2>&1 | FileCheck %s --check-prefix=BUFFERIZE
// RUN: not framnn-opt --framnn-vectors-to-llvm=x=1 %s 2>&1 | FileCheck %s --check-prefix=TOLLVM

// VECTORIZE: no such option bf16-dot
// BUFFERIZE: no such option threads
// TOLLVM: no such option x

func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
  return %a : tensor<4xf32>
}
