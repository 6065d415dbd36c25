# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "FRAMNN"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.framnn_obj_root, "test")

config.substitutions.append(("%framnn_libs", config.framnn_lib_dir))
config.substitutions.append(("%framnn_src", config.framnn_src_root))
# Debian's Python packages (onnx, numpy, torch) live under /usr/bin/python3,
# not under the python3 that may come first on PATH.
config.substitutions.append(("%python", "/usr/bin/python3"))
config.substitutions.append(
    ("%mlir_lib_dir", os.path.join(os.path.dirname(config.llvm_tools_dir), "lib")))
config.substitutions.append(
    ("%mlir_runner_utils",
     os.path.join(os.path.dirname(config.llvm_tools_dir), "lib", "libmlir_runner_utils.so")))

# The compile cache of every test run: in the build tree, never the user's
# (tests of the cache itself point FRAMNN_CACHE_DIR at their own %t).
config.environment["FRAMNN_CACHE_DIR"] = os.path.join(
    config.framnn_obj_root, "test", "compile-cache")

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.framnn_tools_dir, append_path=True)

tools = [
    # Not after "=": `mode=framnn` in a pass option is a value, not the tool.
    ToolSubst("framnn", pre=r".-^/\<="),
    "framnn-opt",
    "framnn-translate",
    ToolSubst("mlir-opt", os.path.join(config.llvm_tools_dir, "mlir-opt")),
    ToolSubst("mlir-runner", os.path.join(config.llvm_tools_dir, "mlir-runner")),
]
llvm_config.add_tool_substitutions(tools, [config.framnn_tools_dir, config.llvm_tools_dir])

# Tests of what a JIT may do on this CPU (REQUIRES/UNSUPPORTED: avx512bf16).
def _cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()

if "avx512_bf16" in _cpu_flags():
    config.available_features.add("avx512bf16")

# Data-parallel training (docs/distributed.md): framnn built with MPI and an
# mpirun to start it. `%mpirun -np 2` runs two ranks on this machine however
# many cores it has; Open MPI refuses root unless told (containers, CI).
import shutil
mpi_build = getattr(config, "framnn_have_mpi", "OFF") in ("ON", "TRUE", "1")
if mpi_build:
    config.available_features.add("mpi-build")
if mpi_build and shutil.which("mpirun"):
    config.available_features.add("mpi")
    config.substitutions.append(
        ("%mpirun", "mpirun --oversubscribe --bind-to none"))
    config.environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
    config.environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
