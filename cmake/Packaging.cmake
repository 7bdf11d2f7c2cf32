# Installs the files an operator needs beside the executables (the example
# configuration, data files, systemd unit, man pages, MTA snippets) and
# describes the Debian package that "cpack -G DEB" builds from them.
#
# The executables read their data files from RAPPORT_DATA_DIR, fixed at
# compile time, so a package is built from a tree configured with
# -DCMAKE_INSTALL_PREFIX=/usr (cpack refuses otherwise).

set(RAPPORT_PACKAGING_DIR ${CMAKE_SOURCE_DIR}/packaging)
set(RAPPORT_PACKAGE_NAME rapport)
set(RAPPORT_PACKAGE_DOC_DIR share/doc/${RAPPORT_PACKAGE_NAME})

install(FILES ${CMAKE_SOURCE_DIR}/data/fileshare_domains.txt ${CMAKE_SOURCE_DIR}/data/brands.txt
              ${CMAKE_SOURCE_DIR}/data/consumer_mailbox_domains.txt
              ${CMAKE_SOURCE_DIR}/data/redirectors.txt
              ${CMAKE_SOURCE_DIR}/data/tenant_platforms.txt
        DESTINATION share/rapport)
# Absolute paths: /etc and /lib are not under the package's /usr prefix.
install(FILES ${RAPPORT_PACKAGING_DIR}/rapport.conf DESTINATION /etc/rapport)
# The digest's timer is installed, never enabled (packaging/debian/postinst
# leaves it alone): systemctl enable --now rapport-digest.timer.
install(FILES ${RAPPORT_PACKAGING_DIR}/systemd/rapport-milter.service
              ${RAPPORT_PACKAGING_DIR}/systemd/rapport-digest.service
              ${RAPPORT_PACKAGING_DIR}/systemd/rapport-digest.timer
        DESTINATION /lib/systemd/system)
install(FILES ${RAPPORT_PACKAGING_DIR}/postfix/main.cf.snippet
              ${RAPPORT_PACKAGING_DIR}/sendmail/rapport.mc
              ${RAPPORT_PACKAGING_DIR}/prometheus/prometheus.yml
              ${RAPPORT_PACKAGING_DIR}/prometheus/rapport-alerts.yml
        DESTINATION ${RAPPORT_PACKAGE_DOC_DIR}/examples)
install(FILES ${RAPPORT_PACKAGING_DIR}/debian/copyright DESTINATION ${RAPPORT_PACKAGE_DOC_DIR})
# Prints a message from Sendmail's queue for rapportctl held ([mta] preset =
# sendmail names this path).
install(PROGRAMS ${RAPPORT_PACKAGING_DIR}/sendmail/queued-message
        DESTINATION libexec/rapport RENAME sendmail-queued-message)

# Debian wants man pages and changelogs compressed, reproducibly (gzip -n).
find_program(RAPPORT_GZIP gzip REQUIRED)
set(RAPPORT_COMPRESSED_DIR ${CMAKE_BINARY_DIR}/packaging)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "Rapport maintainers <rapport@example.com>")
set(CPACK_DEBIAN_PACKAGE_VERSION ${PROJECT_VERSION})
configure_file(${RAPPORT_PACKAGING_DIR}/debian/changelog.in ${RAPPORT_COMPRESSED_DIR}/changelog
               @ONLY)
set(RAPPORT_COMPRESSED_FILES)
foreach(source ${RAPPORT_PACKAGING_DIR}/man/rapport-milter.8 ${RAPPORT_PACKAGING_DIR}/man/rapportctl.8
               ${RAPPORT_COMPRESSED_DIR}/changelog)
  get_filename_component(name ${source} NAME)
  set(compressed ${RAPPORT_COMPRESSED_DIR}/${name}.gz)
  add_custom_command(OUTPUT ${compressed}
    COMMAND ${RAPPORT_GZIP} -9 -n -c ${source} > ${compressed}
    DEPENDS ${source} VERBATIM)
  list(APPEND RAPPORT_COMPRESSED_FILES ${compressed})
endforeach()
add_custom_target(rapport_packaging_files ALL DEPENDS ${RAPPORT_COMPRESSED_FILES})
install(FILES ${RAPPORT_COMPRESSED_DIR}/rapport-milter.8.gz ${RAPPORT_COMPRESSED_DIR}/rapportctl.8.gz
        DESTINATION share/man/man8)
install(FILES ${RAPPORT_COMPRESSED_DIR}/changelog.gz DESTINATION ${RAPPORT_PACKAGE_DOC_DIR})

# --- The Debian package -------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ${RAPPORT_PACKAGE_NAME})
set(CPACK_PACKAGE_VENDOR "Rapport")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "milter that holds or tags out-of-character mail")
# The synopsis is the summary above; cpack indents these lines and writes
# the empty one as " .".
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Rapport is a milter for Postfix and Sendmail that learns who an
organisation normally corresponds with, and what those correspondents
normally send, and tags or holds mail that is out of character: a
hijacked vendor mailbox linking a never-seen file-share page, a
first-contact sender, a look-alike domain. It needs no cloud service and
never visits a URL; every verdict explains itself.

This package contains the rapport-milter daemon, its systemd unit, and
rapportctl to import archives, explain verdicts and inspect history.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION mail)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.com/rapport")
# Library dependencies come from dpkg-shlibdeps (dpkg-dev); the rest are
# what the maintainer scripts and the scorer use at run time.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, publicsuffix")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postfix | sendmail-bin")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${RAPPORT_PACKAGING_DIR}/debian/conffiles ${RAPPORT_PACKAGING_DIR}/debian/postinst
    ${RAPPORT_PACKAGING_DIR}/debian/prerm ${RAPPORT_PACKAGING_DIR}/debian/postrm)
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_BINARY_DIR}/packaging/CPackProjectConfig.cmake)
file(WRITE ${CPACK_PROJECT_CONFIG_FILE}
     "if(NOT \"${RAPPORT_DATA_DIR}\" STREQUAL \"/usr/share/rapport\")\n"
     "  message(FATAL_ERROR \"the executables look for data files in ${RAPPORT_DATA_DIR}, not "
     "/usr/share/rapport: configure with -DCMAKE_INSTALL_PREFIX=/usr to build a package\")\n"
     "endif()\n")
# cpack installs from the build tree through the "preinstall" target, which
# would otherwise build everything (tests, benchmarks) first; the package
# needs only what its install rules name, built beforehand.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
include(CPack)

# --- Its test -----------------------------------------------------------------
if(TARGET rapport-milter AND TARGET rapportctl)
  add_test(NAME package_install
    COMMAND bash ${CMAKE_SOURCE_DIR}/tests/packaging/package_test.sh ${CMAKE_BINARY_DIR}
            ${CMAKE_SOURCE_DIR})
  set_tests_properties(package_install PROPERTIES
    LABELS packaging SKIP_RETURN_CODE 77 RUN_SERIAL TRUE TIMEOUT 300)
endif()
