# 64-bit Raspberry Pi OS (Pi 3, 4, 5), with Debian's cross compiler and
# multiarch :arm64 packages. Use: cmake -S . -B build-arm64
#   -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu.cmake
# (tests/arm/run.sh arm64 installs what it needs, builds and tests).
set(ROSTRUM_CROSS_TRIPLET aarch64-linux-gnu)
set(ROSTRUM_CROSS_PROCESSOR aarch64)
set(ROSTRUM_CROSS_QEMU qemu-aarch64-static)
set(ROSTRUM_CROSS_DEB_ARCH arm64) # the .deb's Architecture
set(ROSTRUM_CROSS_LOADER ld-linux-aarch64.so.1)
include(${CMAKE_CURRENT_LIST_DIR}/debian-multiarch.cmake)
