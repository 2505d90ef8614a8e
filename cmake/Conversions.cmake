# -Wconversion and -Wsign-conversion (issue 7): implicit conversions that
# may change a value or its sign. They matter most on the Raspberry Pi: char
# is unsigned on ARM, size_t and long are 32 bits on armhf. Every file is
# clean of them on x86-64, arm64 and armhf, so with ROSTRUM_WERROR (make
# test) they are errors like any other warning. GCC only: clang's
# -Wconversion (the fuzz build) is a different, larger set.
if(CMAKE_C_COMPILER_ID STREQUAL "GNU")
  add_compile_options(-Wconversion -Wsign-conversion)
endif()
