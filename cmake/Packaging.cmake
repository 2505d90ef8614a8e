# Installing Rostrum (`cmake --install`, `make install`) and the Debian
# package (`cpack -G DEB`, `make package`).
#
# Included from the top-level CMakeLists.txt after add_subdirectory(db) and
# add_subdirectory(app), so that the targets rostrum, rostrum-bundle and
# sample_bundle exist.
#
#   bin/rostrum, bin/rostrum-bundle
#   share/rostrum/fonts/...          the fonts and their licences
#   share/rostrum/sample.sqlite      the sample bundle
#   lib/systemd/system/rostrum.service
#   /etc/rostrum/rostrum.ini         always /etc: the viewer reads it there (a conffile in the .deb)
#
# The installed viewer finds share/rostrum from its own location
# (bin/../share/rostrum), so the same binary works under any prefix.

include(GNUInstallDirs)

install(TARGETS rostrum rostrum-bundle RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/fonts/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/rostrum/fonts)

# Built by the sample_bundle target (part of ALL) from db/corpus.
install(FILES ${CMAKE_BINARY_DIR}/sample.sqlite
        DESTINATION ${CMAKE_INSTALL_DATADIR}/rostrum)

# An absolute destination on purpose: the viewer looks for
# /etc/rostrum/rostrum.ini whatever the prefix. (Install with DESTDIR when
# staging.)
install(FILES ${PROJECT_SOURCE_DIR}/assets/rostrum.ini DESTINATION /etc/rostrum)

# The unit runs /usr/bin/rostrum; an install under another prefix (for
# example /usr/local) gets a unit that runs the program it installed. The
# path is worked out at install time because CPack installs with the prefix
# /usr whatever the build was configured with.
if(IS_ABSOLUTE "${CMAKE_INSTALL_BINDIR}")
  set(ROSTRUM_UNIT_BINDIR "${CMAKE_INSTALL_BINDIR}")
else()
  set(ROSTRUM_UNIT_BINDIR "\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}")
endif()
set(ROSTRUM_UNIT_OUT "${CMAKE_BINARY_DIR}/packaging/rostrum.service")
install(CODE "
  file(READ \"${PROJECT_SOURCE_DIR}/assets/rostrum.service\" rostrum_unit)
  string(REPLACE \"ExecStart=/usr/bin/rostrum \" \"ExecStart=${ROSTRUM_UNIT_BINDIR}/rostrum \"
         rostrum_unit \"\${rostrum_unit}\")
  file(WRITE \"${ROSTRUM_UNIT_OUT}\" \"\${rostrum_unit}\")
")
install(FILES ${ROSTRUM_UNIT_OUT} DESTINATION lib/systemd/system)

# ---- the .deb --------------------------------------------------------------

set(ROSTRUM_PACKAGE_MAINTAINER "Rostrum maintainers <rostrum@example.org>"
    CACHE STRING "Maintainer field of the Debian package")

# Maintainer scripts and the conffiles list, written into the build tree.
# The package installs and updates the unit but never enables or starts it:
# an operator does that (systemctl enable --now rostrum), since the service
# takes over the console.
set(ROSTRUM_DEB_DIR "${CMAKE_BINARY_DIR}/packaging/debian")
file(WRITE "${ROSTRUM_DEB_DIR}/conffiles" "/etc/rostrum/rostrum.ini\n")
file(WRITE "${ROSTRUM_DEB_DIR}/postinst" [=[#!/bin/sh
set -e
if [ "$1" = configure ] && [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || true
    # An upgrade: a running kiosk switches to the new viewer.
    systemctl try-restart rostrum.service >/dev/null 2>&1 || true
fi
exit 0
]=])
file(WRITE "${ROSTRUM_DEB_DIR}/prerm" [=[#!/bin/sh
set -e
if [ "$1" = remove ] && [ -d /run/systemd/system ]; then
    systemctl stop rostrum.service >/dev/null 2>&1 || true
fi
exit 0
]=])
file(WRITE "${ROSTRUM_DEB_DIR}/postrm" [=[#!/bin/sh
set -e
if [ "$1" = purge ]; then
    rm -f /etc/systemd/system/multi-user.target.wants/rostrum.service
fi
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || true
fi
exit 0
]=])

set(CPACK_PACKAGE_NAME "rostrum")
set(CPACK_PACKAGE_VENDOR "Rostrum")
set(CPACK_PACKAGE_CONTACT "${ROSTRUM_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "offline kiosk for browsing a collection of public statements")
# Debian wants the long description in lines of at most 80 characters.
string(CONCAT CPACK_PACKAGE_DESCRIPTION
  "Rostrum shows a bundle of public statements full-screen on a touch\n"
  "screen, by date, by country and by incident, down to a reader for one\n"
  "statement. It runs offline and unattended, under X, Wayland or straight\n"
  "on the console (KMSDRM), with a systemd service for kiosks.\n"
  "\n"
  "The package holds the viewer (rostrum), the bundle builder\n"
  "(rostrum-bundle), the fonts, a sample bundle, the default configuration\n"
  "/etc/rostrum/rostrum.ini and the rostrum.service unit (not enabled).")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR "DEB")

set(CPACK_DEBIAN_PACKAGE_NAME "rostrum")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # rostrum_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${ROSTRUM_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# Library dependencies come from dpkg-shlibdeps (package dpkg-dev); CPack
# adds them to this list. iso-codes and gmt-dcw (the world map's outlines)
# are data rostrum-bundle reads; libfribidi0 (right-to-left text),
# libicu72 (rostrum-bundle's collation: name_order) and libstemmer0d (the
# search tokenizer's Snowball stemmers, viewer and builder) are named too,
# so that a cross-built package, where shlibdeps may not run, has them;
# espeak-ng-data holds the voices libespeak-ng1 speaks with (Listen).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "iso-codes, gmt-dcw, libfribidi0, libicu72, libstemmer0d, espeak-ng-data")
find_program(ROSTRUM_DPKG dpkg)
if(ROSTRUM_CROSS_DEB_ARCH)
  # Cross-built (cmake/toolchains): the target's architecture, not this machine's.
  set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE "${ROSTRUM_CROSS_DEB_ARCH}")
elseif(ROSTRUM_DPKG)
  execute_process(COMMAND ${ROSTRUM_DPKG} --print-architecture
                  OUTPUT_VARIABLE ROSTRUM_DEB_ARCH OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE "${ROSTRUM_DEB_ARCH}")
endif()
if(ROSTRUM_CROSS_DEB_ARCH)
  # CPack's own dpkg-shlibdeps run would look for amd64 libraries. Instead
  # cmake/CrossDepends.cmake (run by cpack) runs it for the target
  # architecture, with the target's libraries from dpkg (the :ARCH
  # packages) or from the package trees tests/arm/run.sh unpacked into
  # build-cross-deps/TRIPLET-debs (libunibreak; everything with the private
  # sysroot).
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS OFF)
  set(CPACK_ROSTRUM_BINARIES_FILE "${CMAKE_BINARY_DIR}/packaging/binaries.txt")
  file(GENERATE OUTPUT "${CPACK_ROSTRUM_BINARIES_FILE}"
       CONTENT "$<TARGET_FILE:rostrum>\n$<TARGET_FILE:rostrum-bundle>\n")
  set(CPACK_ROSTRUM_SHLIBDEPS_DIR "${CMAKE_BINARY_DIR}/packaging/shlibdeps")
  set(CPACK_ROSTRUM_CROSS_DEBS "${ROSTRUM_CROSS_DEPS}-debs")
  set(CPACK_PROJECT_CONFIG_FILE "${PROJECT_SOURCE_DIR}/cmake/CrossDepends.cmake")
endif()
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${ROSTRUM_DEB_DIR}/conffiles;${ROSTRUM_DEB_DIR}/postinst;${ROSTRUM_DEB_DIR}/prerm;${ROSTRUM_DEB_DIR}/postrm")
# Scripts 0755, conffiles 0644, whatever file(WRITE) made them.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)

include(CPack)
