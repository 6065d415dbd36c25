//===- NoMPICommunicator.cpp - makeMPICommunicator without MPI ------------===//
//
// Compiled instead of MPICommunicator.cpp when CMake found no MPI: the
// build still has the whole trainer, and a distributed run says why it
// cannot start.
//
//===----------------------------------------------------------------------===//
#include "framnn/Driver/Communicator.h"

using namespace framnn;

bool framnn::mpiAvailable() { return false; }

Result<std::unique_ptr<Communicator>> framnn::makeMPICommunicator(double) {
  return Error{"distributed runs are not available: this framnn was built "
               "without MPI (install libopenmpi-dev and rebuild)"};
}
