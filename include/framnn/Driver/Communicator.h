//===- Communicator.h - the ranks of a data-parallel run --------*- C++ -*-===//
//
// What data-parallel training (DataParallelStep.h) needs from the processes
// of a run: its rank and size, a sum over ranks, a chain from rank r to
// r + 1 (the fixed-order reduction of --deterministic-reduce) and a
// broadcast. Two implementations: one process (size 1, everything local),
// and MPI (Open MPI, built when CMake finds it). The trainer sees only this
// interface, so it has no MPI types and no #ifdef; docs/distributed.md has
// the decisions.
//
// Every collective of the MPI implementation returns an Error instead of
// aborting (MPI_ERRORS_RETURN) and gives up after `timeoutSeconds` without
// an answer, so a rank that died ends the run with an error, not a hang.
//
//===----------------------------------------------------------------------===//
#ifndef FRAMNN_DRIVER_COMMUNICATOR_H
#define FRAMNN_DRIVER_COMMUNICATOR_H

#include "framnn/Support/Result.h"

#include "llvm/ADT/ArrayRef.h"

#include <memory>

namespace framnn {

class Communicator {
public:
  virtual ~Communicator();
  virtual int rank() const = 0;
  virtual int size() const = 0;
  /// Replaces `values` on every rank by their elementwise sum over the
  /// ranks, in the order the MPI library chooses (not reproducible across
  /// sizes).
  virtual Status allreduceSum(llvm::MutableArrayRef<float> values) = 0;
  /// Rank r > 0 receives `values` from rank r - 1.
  virtual Status receiveFromPrevious(llvm::MutableArrayRef<float> values) = 0;
  /// Rank r < size - 1 sends `values` to rank r + 1.
  virtual Status sendToNext(llvm::ArrayRef<float> values) = 0;
  /// Every rank gets `root`'s bytes.
  virtual Status broadcast(llvm::MutableArrayRef<char> bytes, int root) = 0;
  /// Ends every rank of the run with `exitCode` (after a rank printed its
  /// error), so that no rank waits for one that stopped.
  [[noreturn]] virtual void abortAll(int exitCode) = 0;

  /// `value` of `root` on every rank.
  template <typename T> Status broadcastValue(T &value, int root) {
    return broadcast(llvm::MutableArrayRef<char>(
                         reinterpret_cast<char *>(&value), sizeof(T)),
                     root);
  }
};

/// A run of one process.
std::unique_ptr<Communicator> makeSingleProcessCommunicator();

/// Whether this build has MPI (CMake found it).
bool mpiAvailable();

/// Whether the process was started by an MPI launcher (mpirun / mpiexec of
/// Open MPI, or a PMIx launcher), from its environment.
bool launchedByMPI();

/// Initialises MPI (once per process) and returns MPI_COMM_WORLD's
/// communicator; collectives time out after `timeoutSeconds`. Without MPI
/// in the build: an error saying distributed runs are not available.
Result<std::unique_ptr<Communicator>> makeMPICommunicator(double timeoutSeconds);

} // namespace framnn

#endif // FRAMNN_DRIVER_COMMUNICATOR_H
