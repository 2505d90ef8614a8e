# -Wconversion and -Wsign-conversion (issue 7): implicit conversions that
# may change a value or its sign. They matter most on the Raspberry Pi: char
# is unsigned on ARM, size_t and long are 32 bits on armhf.
#
# Included from the top-level CMakeLists.txt before its add_subdirectory
# calls (the flags); rostrum_conversion_errors() is called after them.
# With GCC (the native and the ARM cross builds; not clang's fuzz build,
# whose -Wconversion is a different, larger set) every file is compiled
# with both warnings on:
#  - the files listed below have none left: with ROSTRUM_WERROR (make test)
#    a conversion warning in one of them is an error;
#  - elsewhere they stay warnings even with ROSTRUM_WERROR, until those
#    files are cleaned up (what remains: tests/arm/run.sh prints it for the
#    ARM builds; a build in build-x86-conv shows the native ones).
if(CMAKE_C_COMPILER_ID STREQUAL "GNU")
  add_compile_options(-Wconversion -Wsign-conversion)
  if(ROSTRUM_WERROR)
    # -W(no-)error=conversion does not reach the warnings -Wconversion
    # enables: each by name.
    add_compile_options(-Wno-error=conversion -Wno-error=sign-conversion -Wno-error=float-conversion)
  endif()
endif()

# Clean of conversion warnings on x86-64, arm64 and armhf, and kept so.
set(ROSTRUM_CONVERSION_CLEAN
  db/utf8.c db/tokenizer.c db/date.c db/diag.c db/countries.c db/main.c
  app/wrap.c app/gesture.c app/scroll.c app/script.c app/nav.c app/config.c
  app/watch.c app/log.c app/image.c app/watchdog.c app/draw.c
  tests/test_wrap.c tests/test_gesture.c tests/test_scroll.c tests/test_script.c
  tests/test_nav.c tests/test_config.c tests/test_watch.c tests/test_theme.c
  tests/test_lockdown.c tests/support.c
  tests/kiosk/wm_close.c tests/soak/monkey.c tests/soak/findings.c)

function(rostrum_conversion_errors)
  if(NOT CMAKE_C_COMPILER_ID STREQUAL "GNU" OR NOT ROSTRUM_WERROR)
    return()
  endif()
  set(ROSTRUM_CONVERSION_ERRORS -Werror=conversion -Werror=sign-conversion -Werror=float-conversion)
  # A directory's source properties can only be set once CMake has processed
  # it; each is known by a target it defines (tests/ are there only with
  # BUILD_TESTING, the soak only with ROSTRUM_PROOF_TOOLS).
  set(ROSTRUM_DIR_TARGET_db rostrum_store)
  set(ROSTRUM_DIR_TARGET_app rostrum_core)
  set(ROSTRUM_DIR_TARGET_tests test_nav)
  set(ROSTRUM_DIR_TARGET_tests/gen test_gen_corpus)
  set(ROSTRUM_DIR_TARGET_tests/kiosk wm_close)
  set(ROSTRUM_DIR_TARGET_tests/soak monkey)
  foreach(file IN LISTS ROSTRUM_CONVERSION_CLEAN)
    get_filename_component(dir "${file}" DIRECTORY)
    # Compiled in its own directory; support.c also in tests/gen.
    set(dirs ${dir})
    if(file STREQUAL "tests/support.c")
      list(APPEND dirs tests/gen)
    endif()
    foreach(d IN LISTS dirs)
      if(EXISTS "${PROJECT_SOURCE_DIR}/${file}" AND TARGET "${ROSTRUM_DIR_TARGET_${d}}")
        set_property(SOURCE "${PROJECT_SOURCE_DIR}/${file}" DIRECTORY "${PROJECT_SOURCE_DIR}/${d}"
                     APPEND PROPERTY COMPILE_OPTIONS ${ROSTRUM_CONVERSION_ERRORS})
      endif()
    endforeach()
  endforeach()
endfunction()
