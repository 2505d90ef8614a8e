# Shared part of the Debian cross toolchain files (aarch64-linux-gnu.cmake,
# arm-linux-gnueabihf.cmake). Those set ROSTRUM_CROSS_TRIPLET,
# ROSTRUM_CROSS_PROCESSOR, ROSTRUM_CROSS_QEMU and ROSTRUM_CROSS_LOADER, then
# include this file.
#
# What it expects on the build machine (tests/arm/run.sh installs it):
#   gcc-<triplet>                the cross compiler
#   lib*-dev:<arch>              the multiarch -dev packages, in /usr/lib/<triplet>
#   qemu-user-static             to run what was built (ctest, the sample bundle)
#   build-cross-deps/<triplet>   libunibreak for <arch>, unpacked from its .deb
#                                (bookworm's libunibreak installs into /usr/lib,
#                                not /usr/lib/<triplet>, so the :<arch> package
#                                cannot be installed beside the amd64 one)
# or, instead of the :<arch> packages,
#   build-cross-deps/<triplet>-sysroot   the same packages unpacked into a
#                                private sysroot (see run.sh for when)

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${ROSTRUM_CROSS_PROCESSOR})
set(CMAKE_LIBRARY_ARCHITECTURE ${ROSTRUM_CROSS_TRIPLET})

set(CMAKE_C_COMPILER ${ROSTRUM_CROSS_TRIPLET}-gcc)
set(CMAKE_AR ${ROSTRUM_CROSS_TRIPLET}-ar CACHE FILEPATH "")
set(CMAKE_RANLIB ${ROSTRUM_CROSS_TRIPLET}-ranlib CACHE FILEPATH "")
set(CMAKE_STRIP ${ROSTRUM_CROSS_TRIPLET}-strip CACHE FILEPATH "")

# The top of the source tree, from this file's place in it (also right inside
# try_compile projects, where CMAKE_SOURCE_DIR is something else).
get_filename_component(ROSTRUM_CROSS_SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
set(ROSTRUM_CROSS_DEPS "${ROSTRUM_CROSS_SOURCE_DIR}/build-cross-deps/${ROSTRUM_CROSS_TRIPLET}")
set(ROSTRUM_CROSS_SYSROOT "${ROSTRUM_CROSS_DEPS}-sysroot")

if(EXISTS "${ROSTRUM_CROSS_SYSROOT}/usr/lib/${ROSTRUM_CROSS_TRIPLET}")
  # Fallback: a private sysroot of the target's packages, unpacked from
  # bookworm by tests/arm/run.sh when the :<arch> packages cannot be
  # installed beside the amd64 ones (see there). Nothing of it is in dpkg.
  set(CMAKE_SYSROOT "${ROSTRUM_CROSS_SYSROOT}")
  set(CMAKE_FIND_ROOT_PATH "${ROSTRUM_CROSS_SYSROOT}")
  set(ENV{PKG_CONFIG_LIBDIR} "${ROSTRUM_CROSS_SYSROOT}/usr/lib/${ROSTRUM_CROSS_TRIPLET}/pkgconfig:${ROSTRUM_CROSS_SYSROOT}/usr/lib/pkgconfig:${ROSTRUM_CROSS_SYSROOT}/usr/share/pkgconfig")
  set(ENV{PKG_CONFIG_SYSROOT_DIR} "${ROSTRUM_CROSS_SYSROOT}")
  set(ROSTRUM_CROSS_LD_PREFIX "${ROSTRUM_CROSS_SYSROOT}")
else()
  # Multiarch: libraries and headers from the cross compiler's own tree, the
  # host's multiarch directories (/usr/lib/<triplet>, reached through "/"),
  # and the unpacked extras (libunibreak).
  set(CMAKE_FIND_ROOT_PATH /usr/${ROSTRUM_CROSS_TRIPLET} "${ROSTRUM_CROSS_DEPS}" /)
  # pkg-config sees only the target's .pc files: never /usr/lib/pkgconfig or
  # /usr/lib/x86_64-linux-gnu/pkgconfig, which describe amd64 libraries.
  set(ENV{PKG_CONFIG_LIBDIR}
      "${ROSTRUM_CROSS_DEPS}/usr/lib/pkgconfig:/usr/lib/${ROSTRUM_CROSS_TRIPLET}/pkgconfig:/usr/share/pkgconfig")
  set(ENV{PKG_CONFIG_SYSROOT_DIR} "")
  # The :<arch> packages bring the target's libc6, so its dynamic loader is
  # in /usr/lib and qemu needs no -L: programs run exactly as they do when
  # started through binfmt_misc. Without that libc6, -L takes the loader
  # from the cross compiler's tree.
  if(NOT EXISTS /usr/lib/${ROSTRUM_CROSS_LOADER})
    set(ROSTRUM_CROSS_LD_PREFIX /usr/${ROSTRUM_CROSS_TRIPLET})
  endif()
endif()
set(ENV{PKG_CONFIG_PATH} "")
# Programs (pkg-config, git, bash) are the build machine's.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# ctest runs every test program through qemu-user: add_test with a target
# as COMMAND honours this, and so does add_custom_command with a bare target
# name (not $<TARGET_FILE:...>). Programs that tests start themselves (popen,
# exec, shell scripts) go through binfmt_misc instead; for those, export
# QEMU_LD_PREFIX=<the -L directory> when there is one (tests/arm/run.sh does).
if(ROSTRUM_CROSS_LD_PREFIX)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${ROSTRUM_CROSS_QEMU} -L "${ROSTRUM_CROSS_LD_PREFIX}")
else()
  set(CMAKE_CROSSCOMPILING_EMULATOR ${ROSTRUM_CROSS_QEMU})
endif()

# Conversions (-Wconversion -Wsign-conversion: unsigned char on ARM, 32-bit
# size_t and long on armhf) are checked in every GCC build, these included:
# see cmake/Conversions.cmake.
