# `cmake --install` for FramNN and the CMake package that
# `find_package(FramNN CONFIG)` loads (docs/embedding.md):
#
#   <prefix>/bin                  framnn, framnn-opt, framnn-translate
#   <prefix>/lib                  libFramNN*.a, FramNNPlugin.so (mlir-opt)
#   <prefix>/include/framnn       headers, .td files, generated .inc files
#   <prefix>/lib/cmake/framnn     FramNNConfig.cmake, FramNNTargets.cmake
#   <prefix>/${FRAMNN_INSTALL_PYTHONDIR}/framnn   (python/CMakeLists.txt)
#
# Included from the top-level CMakeLists.txt after every target exists.
include(CMakePackageConfigHelpers)
include(GNUInstallDirs)

set(FRAMNN_INSTALL_CMAKEDIR lib/cmake/framnn)

# The libraries of the package, each exported as FramNN::<name without the
# FramNN prefix> (FramNN::ApproxDialect, FramNN::Runtime, ...). A library
# that one of these links must be listed too: CMake refuses to generate
# the export otherwise.
set(FRAMNN_EXPORTED_LIBRARIES
  FramNNApproxDialect
  FramNNNNDialect
  FramNNNNTransforms
  FramNNApproxToLinalg
  FramNNNNToLinalg
  FramNNCodegen
  FramNNPipelines
  FramNNSchedule
  FramNNScheduleTransforms
  FramNNRegistration
  FramNNSupport
  FramNNTargetONNX
  FramNNRuntime
  FramNNDriver
)
set(FRAMNN_EXPORTED_NAMES)
foreach(lib IN LISTS FRAMNN_EXPORTED_LIBRARIES)
  string(REGEX REPLACE "^FramNN" "" export_name ${lib})
  set_target_properties(${lib} PROPERTIES EXPORT_NAME ${export_name})
  list(APPEND FRAMNN_EXPORTED_NAMES ${export_name})
  # The headers use C++17; the build gets it from CMAKE_CXX_STANDARD.
  target_compile_features(${lib} INTERFACE cxx_std_17)
endforeach()
# The mlir-opt plugin is exported too (FramNN::Plugin), so that consumers
# find its path as $<TARGET_FILE:FramNN::Plugin>.
set_target_properties(FramNNPlugin PROPERTIES EXPORT_NAME Plugin)

# add_mlir_library already installs each MLIR-style library into lib/ (in
# MLIR's own export set, which FramNN never installs); this rule adds them,
# FramNNSupport and the plugin to FramNN's export set.
install(TARGETS ${FRAMNN_EXPORTED_LIBRARIES} FramNNPlugin
  EXPORT FramNNTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

install(TARGETS framnn framnn-opt framnn-translate
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Public headers and TableGen sources, then the headers TableGen generated
# into the build tree (ApproxOps.h.inc, Passes.h.inc, ...).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/framnn
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h" PATTERN "*.td")
install(DIRECTORY ${PROJECT_BINARY_DIR}/include/framnn
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.inc"
  PATTERN "CMakeFiles" EXCLUDE)

install(EXPORT FramNNTargets
  NAMESPACE FramNN::
  DESTINATION ${FRAMNN_INSTALL_CMAKEDIR})
configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/FramNNConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/FramNNConfig.cmake
  INSTALL_DESTINATION ${FRAMNN_INSTALL_CMAKEDIR}
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR)
# Before 1.0, a new minor version may change the C++ API.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/cmake/FramNNConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/cmake/FramNNConfig.cmake
  ${PROJECT_BINARY_DIR}/cmake/FramNNConfigVersion.cmake
  DESTINATION ${FRAMNN_INSTALL_CMAKEDIR})
