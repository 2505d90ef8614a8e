# 32-bit Raspberry Pi OS on ARMv7 and later boards (Pi 2, 3, 4, Zero 2 W),
# with Debian's cross compiler and multiarch :armhf packages. Use:
#   cmake -S . -B build-armhf -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/arm-linux-gnueabihf.cmake
# (tests/arm/run.sh armhf installs what it needs, builds and tests).
# Debian's armhf is ARMv7-A with VFPv3-D16 and Thumb-2: it does not run on
# the ARMv6 boards (Pi 1, Zero, Zero W), for which Raspberry Pi OS's own
# 32-bit port is built.
set(ROSTRUM_CROSS_TRIPLET arm-linux-gnueabihf)
set(ROSTRUM_CROSS_PROCESSOR arm)
set(ROSTRUM_CROSS_QEMU qemu-arm-static)
set(ROSTRUM_CROSS_DEB_ARCH armhf) # the .deb's Architecture
set(ROSTRUM_CROSS_LOADER ld-linux-armhf.so.3)
include(${CMAKE_CURRENT_LIST_DIR}/debian-multiarch.cmake)
