//===- MPICommunicator.cpp - the communicator of an mpirun ----------------===//
//
// MPI_COMM_WORLD with MPI_ERRORS_RETURN. Every operation is the
// non-blocking MPI call followed by MPI_Test until it completes or the
// timeout passes: a blocking call would wait forever for a rank that died
// without its launcher noticing.
//
//===----------------------------------------------------------------------===//
#include "framnn/Driver/Communicator.h"

#include <mpi.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

using namespace framnn;

bool framnn::mpiAvailable() { return true; }

namespace {
std::string mpiErrorText(int code) {
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  if (MPI_Error_string(code, text, &length) != MPI_SUCCESS)
    return "MPI error " + std::to_string(code);
  return std::string(text, static_cast<size_t>(length));
}

class MPICommunicator : public Communicator {
public:
  MPICommunicator(int rank, int size, double timeoutSeconds)
      : rankId(rank), ranks(size), timeout(timeoutSeconds) {}
  ~MPICommunicator() override { MPI_Finalize(); }

  int rank() const override { return rankId; }
  int size() const override { return ranks; }

  Status allreduceSum(llvm::MutableArrayRef<float> values) override {
    MPI_Request request;
    return wait("allreduce",
                MPI_Iallreduce(MPI_IN_PLACE, values.data(), count(values.size()),
                               MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD, &request),
                request);
  }
  Status receiveFromPrevious(llvm::MutableArrayRef<float> values) override {
    MPI_Request request;
    return wait("receive from rank " + std::to_string(rankId - 1),
                MPI_Irecv(values.data(), count(values.size()), MPI_FLOAT,
                          rankId - 1, kChainTag, MPI_COMM_WORLD, &request),
                request);
  }
  Status sendToNext(llvm::ArrayRef<float> values) override {
    MPI_Request request;
    return wait("send to rank " + std::to_string(rankId + 1),
                MPI_Isend(values.data(), count(values.size()), MPI_FLOAT,
                          rankId + 1, kChainTag, MPI_COMM_WORLD, &request),
                request);
  }
  Status broadcast(llvm::MutableArrayRef<char> bytes, int root) override {
    MPI_Request request;
    return wait("broadcast",
                MPI_Ibcast(bytes.data(), count(bytes.size()), MPI_BYTE, root,
                           MPI_COMM_WORLD, &request),
                request);
  }
  [[noreturn]] void abortAll(int exitCode) override {
    MPI_Abort(MPI_COMM_WORLD, exitCode);
    std::exit(exitCode);
  }

private:
  static constexpr int kChainTag = 20;
  static int count(size_t n) { return static_cast<int>(n); }

  /// Completes `request` (started with return code `started`) or fails
  /// with one line naming `what` and this rank.
  Status wait(const std::string &what, int started, MPI_Request &request) {
    if (started != MPI_SUCCESS)
      return failure(what, mpiErrorText(started));
    auto deadline = std::chrono::steady_clock::now() +
                    std::chrono::duration<double>(timeout);
    for (;;) {
      int done = 0;
      if (int code = MPI_Test(&request, &done, MPI_STATUS_IGNORE);
          code != MPI_SUCCESS)
        return failure(what, mpiErrorText(code));
      if (done)
        return Status::success();
      if (std::chrono::steady_clock::now() > deadline)
        return failure(what, "no answer within " +
                                 std::to_string(static_cast<long>(timeout)) +
                                 " s (--mpi-timeout); did a rank stop?");
      // Polling keeps a core busy; a short sleep leaves it to the rank's
      // own compute threads at a latency far below a step's.
      std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
  }
  Error failure(const std::string &what, const std::string &why) const {
    return Error{"rank " + std::to_string(rankId) + " of " +
                 std::to_string(ranks) + ": " + what + " failed: " + why};
  }

  int rankId, ranks;
  double timeout;
};
} // namespace

Result<std::unique_ptr<Communicator>>
framnn::makeMPICommunicator(double timeoutSeconds) {
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (initialized)
    return Error{"internal error: MPI is initialised already"};
  int provided = 0;
  if (int code = MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED,
                                 &provided);
      code != MPI_SUCCESS)
    return Error{"cannot initialise MPI: " + mpiErrorText(code)};
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return std::unique_ptr<Communicator>(
      std::make_unique<MPICommunicator>(rank, size, timeoutSeconds));
}
