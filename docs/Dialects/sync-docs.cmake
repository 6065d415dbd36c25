# Compares (MODE=check) or copies (MODE=update) the TableGen-generated dialect
# docs in GENERATED_DIR against the committed ones in SOURCE_DIR. Every *.md in
# SOURCE_DIR except README.md must be generated, so a page of a removed
# dialect is reported (check) or deleted (update) too.
#
#   cmake -DMODE=check|update -DGENERATED_DIR=... -DSOURCE_DIR=... -P sync-docs.cmake
cmake_minimum_required(VERSION 3.20) # script mode: enables IN_LIST
foreach(var MODE GENERATED_DIR SOURCE_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "sync-docs.cmake: -D${var}=... is required")
  endif()
endforeach()

file(GLOB generated RELATIVE "${GENERATED_DIR}" "${GENERATED_DIR}/*.md")
file(GLOB committed RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/*.md")
list(REMOVE_ITEM committed README.md)
if(NOT generated)
  message(FATAL_ERROR "No generated docs in ${GENERATED_DIR}: build the "
                      "framnn-doc target first.")
endif()

set(problems "")
foreach(page IN LISTS generated)
  if(MODE STREQUAL "update")
    configure_file("${GENERATED_DIR}/${page}" "${SOURCE_DIR}/${page}" COPYONLY)
    message(STATUS "Updated ${SOURCE_DIR}/${page}")
  elseif(NOT page IN_LIST committed)
    string(APPEND problems "  ${page}: generated but not committed\n")
  else()
    execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files
                            "${GENERATED_DIR}/${page}" "${SOURCE_DIR}/${page}"
                    RESULT_VARIABLE differs)
    if(differs)
      string(APPEND problems "  ${page}: differs from the generated page\n")
    endif()
  endif()
endforeach()
foreach(page IN LISTS committed)
  if(NOT page IN_LIST generated)
    if(MODE STREQUAL "update")
      file(REMOVE "${SOURCE_DIR}/${page}")
      message(STATUS "Removed ${SOURCE_DIR}/${page} (no longer generated)")
    else()
      string(APPEND problems "  ${page}: committed but no longer generated\n")
    endif()
  endif()
endforeach()

if(problems)
  message(FATAL_ERROR "docs/Dialects is out of date with the TableGen "
                      "descriptions:\n${problems}Run scripts/update-docs.sh "
                      "and commit docs/Dialects.")
endif()
