# Run by cpack (CPACK_PROJECT_CONFIG_FILE, set in cmake/Packaging.cmake) for
# a cross-built .deb: the Depends field from dpkg-shlibdeps, for the target
# architecture.
#
# dpkg-shlibdeps is told the target (DEB_HOST_ARCH), so it reads the
# binaries with the cross objdump and looks in /usr/lib/TRIPLET. A library
# installed as a :ARCH package is looked up in dpkg; one that is not (what
# tests/arm/run.sh unpacked instead: libunibreak, or every library with the
# private sysroot) is found in debian/PACKAGE/, the package's own tree with
# its DEBIAN/symbols and DEBIAN/shlibs, as dpkg-shlibdeps does for packages
# being built beside each other.
if(NOT CPACK_GENERATOR STREQUAL "DEB")
  return()
endif()
file(STRINGS "${CPACK_ROSTRUM_BINARIES_FILE}" binaries)
set(work "${CPACK_ROSTRUM_SHLIBDEPS_DIR}")
file(REMOVE_RECURSE "${work}")
file(MAKE_DIRECTORY "${work}/debian")
file(WRITE "${work}/debian/control" "Source: rostrum\n\nPackage: rostrum\nArchitecture: any\n")
file(GLOB trees LIST_DIRECTORIES true "${CPACK_ROSTRUM_CROSS_DEBS}/*")
foreach(tree IN LISTS trees)
  if(IS_DIRECTORY "${tree}/DEBIAN")
    get_filename_component(name "${tree}" NAME)
    file(CREATE_LINK "${tree}" "${work}/debian/${name}" SYMBOLIC)
  endif()
endforeach()
set(args)
foreach(binary IN LISTS binaries)
  list(APPEND args "-e${binary}")
endforeach()
execute_process(COMMAND env DEB_HOST_ARCH=${CPACK_DEBIAN_PACKAGE_ARCHITECTURE} dpkg-shlibdeps -O ${args}
                WORKING_DIRECTORY "${work}"
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR NOT out MATCHES "shlibs:Depends=([^\n]+)")
  message(FATAL_ERROR "dpkg-shlibdeps for ${CPACK_DEBIAN_PACKAGE_ARCHITECTURE} failed (${status}):\n${err}${out}")
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${CMAKE_MATCH_1}, ${CPACK_DEBIAN_PACKAGE_DEPENDS}")
message(STATUS "Depends (${CPACK_DEBIAN_PACKAGE_ARCHITECTURE}): ${CPACK_DEBIAN_PACKAGE_DEPENDS}")
