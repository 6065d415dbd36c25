//===- Passes.td - FramNN code generation passes -------------*- tablegen -*-===//
#ifndef FRAMNN_CODEGEN_PASSES_TD
#define FRAMNN_CODEGEN_PASSES_TD

include "mlir/Pass/PassBase.td"

def TileAndVectorize : Pass<"framnn-tile-and-vectorize", "::mlir::func::FuncOp"> {
  let summary = "Tile linalg ops on tensors into register-sized blocks and "
                "vectorize the blocks";
  let description = [{
    Runs on tensors, after elementwise fusion and before bufferization. Every
    linalg op with a static iteration space that the vectorizer accepts is
    tiled with `scf.for` loops (`scf::tileUsingSCF`), the loops are peeled so
    that every tile has a static size (a remainder tile is a second, smaller
    static tile rather than a masked one), and each tile is vectorized with
    `linalg::vectorize`:

    * Large 2-D contractions (one m, one n, one k dimension; batch
      dimensions by 1) are first tiled into cache blocks
      (`scf::tileConsumerAndFuseProducersUsingSCF`) in BLIS's order: n
      blocks outermost (for a contraction worth threads, an even number of
      them, at most 4096 columns each; otherwise `n-cache-tile` columns),
      then `k-cache-tile` reduction steps, where A's m x kc panel and B's
      kc x nc block are packed, then `m-cache-tile` rows of the packed
      panel (`scf::tileUsingSCF`). Narrow contractions not worth threads
      keep m blocks outermost, each packing its own blocks. The packing
      copies write fresh tensors (rank-2 rows of an even number of cache
      lines padded by one line, so that a column panel does not alias in
      L1): the elementwise producer of an operand (the `trunc_m` mask,
      whether its mask is a constant or a value, or a transpose) is fused
      into the block and becomes the packing copy, so masking costs no
      pass of its own; an operand without one gets a `linalg.copy`.
    * Contractions (`linalg.matmul`, `linalg.batch_matmul`, generic
      contractions, the cache blocks above) get a register block of
      `m-tile` x `n-tile` outputs (by default sized for the host's vector
      registers; the loop over its columns outside the loop over its rows,
      so a panel of B stays in L1) and
      a reduction tile of 1, so each step of the reduction loop is a
      `vector.contract` that `framnn-lower-vectors` turns into an outer
      product of FMAs on `n-tile`-wide vectors; batch dimensions and outer
      m/n dimensions are tiled by 1.
    * Static `linalg.conv_2d_nchw_fchw` (any strides and dilations;
      `conv-im2col`) with enough filters F first become one `linalg.matmul`
      over the whole batch (a cost rule, see `docs/decisions.md`: F >=
      `conv-batch-filters` (32), or F >= `conv-weight-grad-filters` (16)
      for the kernel-major weight gradients); pixel-major ones with fewer
      filters whose output rows have at least `conv-image-row` (16)
      elements become a loop over the images, each an im2col
      `col[C*KH*KW, OH*OW]` and a `linalg.matmul` onto its slice of the
      output; the others stay on the 1-D path below. The batch-wide form:
      an im2col matrix `col[C*KH*KW, N*OH*OW]` (pixel-major, when
      OW >= KW: forward and input-gradient convolutions) times the filter
      as `w[F, C*KH*KW]`, or `col[N*OH*OW, C*KH*KW]` (kernel-major, when
      KW > OW: the weight gradients, whose kernel is the forward's output)
      times the filter transposed to `[C*KH*KW, F]`. `col` is copied row by
      row (OW or KW elements) with vector transfers, a stride or dilation
      read as the row's span and a shuffle. The accumulator is transposed
      into the matmul's layout and the product back to NCHW; the matmul
      takes the contraction path above. A `trunc_m` mask of the filter is
      applied after the rearrangement; that of the image is applied to
      `col` when the matmul is cache-blocked (the mask becomes the packing
      copy), else stays on the smaller image. The outer im2col loop is a
      parallel one when there are threads and the copy is large.
    * Other `linalg.conv_2d_nchw_fchw` and the NCHW pooling ops are tiled to one
      output row and one filter row (`f-tile` output channels, `w-tile`
      output columns, `c-tile` input channels), decomposed into their 1-D
      forms and vectorized by linalg's 1-D convolution vectorizer.
    * Ops that read an input transposed (`linalg.transpose`, or a generic
      whose input's contiguous dimension is not the output's) get square
      `transpose-tile` x `transpose-tile` tiles: the tile is read row by
      row and transposed in registers (`framnn-lower-vectors`) instead of
      gathered element by element.
    * Every other op (elementwise generics such as the `trunc_m` operand
      masks, reductions, fills, copies) gets `vector-width`
      elements along the innermost output dimension and 1 along every
      other loop.

    * A static f32 contraction (one m, n and k dimension, k even) whose
      two operands are `trunc_m` masks keeping at most 7 mantissa bits
      (`bf16-dot`) first becomes bf16 packs of its operands in VNNI layout,
      `a2[M, K/2, 2]` and `b2[K/2, N, 2]` (exact conversions: every masked
      value is a bfloat16), and a contraction over pairs of reduction steps
      whose products are exact in binary32; the pack producers then are
      the packing copies of the cache blocks, and the pair dimension stays
      whole in the register block (`framnn-lower-vectors` turns each pair
      step into AVX512_BF16 dot products).

    Ops the vectorizer rejects (dynamic shapes, grouped convolutions,
    gathers) are left untouched and become scalar loops later.
  }];
  let options = [
    Option<"mTile", "m-tile", "int64_t", /*default=*/"0",
           "rows of the register block of a contraction (0: the host's, 8 "
           "with AVX-512F, else 6)">,
    Option<"nTile", "n-tile", "int64_t", /*default=*/"0",
           "columns of the register block of a contraction, a multiple of "
           "the f32 lanes of a vector register (0: the host's, 32 with "
           "AVX-512F, else 16)">,
    Option<"pairMTile", "pair-m-tile", "int64_t", /*default=*/"0",
           "rows of the register block of a contraction over bf16 pairs, "
           "whose columns are the 16 f32 lanes of one vdpbf16ps (0: the "
           "host's, 16 with AVX-512F, else the m-tile default)">,
    Option<"mCacheTile", "m-cache-tile", "int64_t", /*default=*/"96",
           "rows of a contraction's cache block (0 with n-cache-tile or "
           "k-cache-tile: no cache blocks, no packing)">,
    Option<"nCacheTile", "n-cache-tile", "int64_t", /*default=*/"256",
           "columns of a contraction's cache block when it is not worth "
           "threads (one that is gets an even number of n blocks)">,
    Option<"kCacheTile", "k-cache-tile", "int64_t", /*default=*/"256",
           "reduction steps of a contraction's cache block">,
    Option<"vectorWidth", "vector-width", "int64_t", /*default=*/"32",
           "elements per tile along the innermost dimension of other ops">,
    Option<"transposeTile", "transpose-tile", "int64_t", /*default=*/"8",
           "rows and columns of the square tiles of ops that read an input "
           "transposed (read row by row, transposed in registers)">,
    Option<"convIm2col", "conv-im2col", "bool", /*default=*/"true",
           "rewrite static linalg.conv_2d_nchw_fchw as im2col + "
           "linalg.matmul where the cost rule says so (false: the 1-D "
           "convolution path for every convolution)">,
    Option<"convBatchFilters", "conv-batch-filters", "int64_t",
           /*default=*/"32",
           "filters from which a pixel-major convolution becomes one "
           "matmul over the batch">,
    Option<"convWeightGradFilters", "conv-weight-grad-filters", "int64_t",
           /*default=*/"16",
           "filters from which a kernel-major convolution (a weight "
           "gradient, KW > OW) becomes one matmul over the batch">,
    Option<"convImageRow", "conv-image-row", "int64_t", /*default=*/"16",
           "output row length from which a pixel-major convolution with "
           "fewer filters becomes one matmul per image">,
    Option<"bf16Dot", "bf16-dot", "std::string", /*default=*/"\"auto\"",
           "contractions whose operands are exactly bfloat16 (trunc_m masks "
           "keeping at most 7 mantissa bits): `auto` packs them as bf16 "
           "pairs where the host's AVX512_BF16 dot products outrun its f32 "
           "FMAs (AMD Zen 4 and later), `on` and `emulate` always, "
           "`off` never">,
    Option<"fTile", "f-tile", "int64_t", /*default=*/"8",
           "output channels per convolution tile">,
    Option<"wTile", "w-tile", "int64_t", /*default=*/"16",
           "output columns per convolution tile">,
    Option<"cTile", "c-tile", "int64_t", /*default=*/"8",
           "input channels per convolution tile">,
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def LowerVectors : Pass<"framnn-lower-vectors", "::mlir::func::FuncOp"> {
  let summary = "Hoist accumulators out of reduction loops and lower vector "
                "ops to FMAs, 1-D loads and stores";
  let description = [{
    Runs on buffers, after bufferization. First
    `linalg::hoistRedundantVectorTransfers` moves the read and write of each
    contraction's accumulator block out of the reduction loop, so the block
    stays in registers for the whole reduction. Then the vector ops are
    lowered progressively with upstream patterns:

    * `vector.contract` to `vector.outerproduct` and on to `vector.fma`
      (one broadcast operand times one `n-tile`-wide row per FMA);
    * `vector.multi_reduction` to 1-D reductions, `vector.transpose` to
      shuffles, broadcasts and shape casts to 1-D ops;
    * transfers to `vector.load` / `vector.store` (or scalar accesses for
      strided ones, through `convert-vector-to-scf` afterwards).

    Last, an accumulator block that a reduction loop of FMAs carries from a
    load before it to a store at the same place after it starts at zero
    instead: its rows are prefetched for writing before the loop, loaded
    after it and the loop's sums added to them (no FMA waits for C; the
    sums of a block are added to C once, another order of additions).

    With `bf16-dot` (`auto`: where the host's AVX512_BF16 dot products
    outrun its f32 FMAs, AMD Zen 4 and later; or `on`), the
    contractions over bf16 pairs that `framnn-tile-and-vectorize` built are
    first unrolled to one row of 16 columns and lowered by upstream's
    x86vector patterns to `x86vector.avx512.dot` (`vdpbf16ps`: 32 products
    per instruction instead of 16 FMAs). Otherwise (`emulate`, `off`, or no
    AVX512_BF16, or an Intel core, whose 512-bit `vdpbf16ps` issues once
    every two cycles) they take the f32 FMA path like any other contraction,
    each bf16 operand widened exactly to f32.
  }];
  let options = [
    Option<"bf16Dot", "bf16-dot", "std::string", /*default=*/"\"auto\"",
           "lower contractions over bf16 pairs to AVX512_BF16 dot products: "
           "`auto` where the host's dot products outrun its f32 FMAs (AMD Zen "
           "4 and later), `on` always, `emulate` or "
           "`off` never (f32 FMAs)">,
  ];
  let dependentDialects = [
    "::mlir::x86vector::X86VectorDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def ParallelizeBlocks : Pass<"framnn-parallelize-blocks",
                              "::mlir::func::FuncOp"> {
  let summary = "Turn the loops over a contraction's cache blocks into "
                "scf.parallel loops";
  let description = [{
    Runs on buffers. `framnn-tile-and-vectorize` marks the outermost loop
    over the m or n cache blocks of each contraction with the unit
    attribute `framnn.parallel_blocks`: its iterations write disjoint
    output blocks and pack their operands into buffers of their own. Each
    marked `scf.for` without results becomes an `scf.parallel` with the
    same bounds and step, which `convert-scf-to-openmp` then spreads over
    threads. A marked loop that still carries values is left sequential.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect"];
}

def OutlineLoopNests : Pass<"framnn-outline-loop-nests",
                             "::mlir::ModuleOp"> {
  let summary = "Move each outermost loop nest of a function into a "
                "private function of its own";
  let description = [{
    Runs on buffers, after the vector ops are lowered. In every function
    with more than one outermost loop nest (a loop-like op without a
    loop-like ancestor), each such nest moves into a new private function
    `<function>_nest<i>`, called in its place with the values it uses
    from outside as arguments (index and other constants are copied in,
    so that the nest keeps seeing them as constants). The new functions
    carry `passthrough = ["noinline"]`, which `convert-func-to-llvm` keeps:
    LLVM's inliner would otherwise merge each back into its only caller.

    Why: LLVM's loop passes cost more than linearly in the number of loops
    of one function (IndVarSimplify took 171 s of 228 s of `opt -O3` on
    the gradient of mobilenet_v2's training export, one function with
    thousands of loops), while a whole training step in MLIR is one
    function. One function per nest makes code generation linear in the
    model's size. The nests' arithmetic is unchanged, so results are the
    same bits.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect", "::mlir::scf::SCFDialect"];
}

def CopyRepeatedResults : Pass<"framnn-copy-repeated-results",
                               "::mlir::func::FuncOp"> {
  let summary = "Give every tensor result of a function its own value";
  let description = [{
    A function that returns the same tensor twice (an ONNX Identity of
    another output, or two identical nodes merged by CSE) would return one
    buffer twice after bufferization, and
    `buffer-results-to-out-params{hoist-static-allocs}` cannot give one
    buffer two out-parameters. This pass replaces each repeated occurrence
    in a `func.return` by a `linalg.copy` of the value into a fresh
    `tensor.empty`, so every result is its own tensor and later its own
    buffer. Run it after `cse`.
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

#endif // FRAMNN_CODEGEN_PASSES_TD
