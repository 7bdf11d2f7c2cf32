# Finds every library Rapport links against. A missing one stops cmake with
# the Debian package that provides it.
find_package(PkgConfig)
if(NOT PKG_CONFIG_FOUND)
  message(FATAL_ERROR "pkg-config not found: apt-get install pkg-config")
endif()

function(rapport_require_pkg target module debian_package)
  pkg_check_modules(${target} QUIET IMPORTED_TARGET GLOBAL ${module})
  if(NOT ${target}_FOUND)
    message(FATAL_ERROR "${module} not found: apt-get install ${debian_package}")
  endif()
endfunction()

rapport_require_pkg(GMIME gmime-3.0 libgmime-3.0-dev)
rapport_require_pkg(PSL libpsl libpsl-dev)
rapport_require_pkg(IDN2 libidn2 libidn2-dev)
rapport_require_pkg(GUMBO gumbo libgumbo-dev)
rapport_require_pkg(ICU icu-uc icu-uc libicu-dev)
rapport_require_pkg(ICUI18N icu-i18n libicu-dev)
rapport_require_pkg(ROCKSDB rocksdb librocksdb-dev)
rapport_require_pkg(FMT fmt libfmt-dev)
rapport_require_pkg(MILTER milter libmilter-dev)
rapport_require_pkg(MICROHTTPD libmicrohttpd libmicrohttpd-dev)
rapport_require_pkg(HIREDIS hiredis libhiredis-dev)
rapport_require_pkg(ZLIB zlib zlib1g-dev)

find_package(Boost 1.74 QUIET COMPONENTS program_options)
if(NOT Boost_FOUND)
  message(FATAL_ERROR "Boost.Program_options not found: apt-get install libboost-program-options-dev")
endif()

find_package(Catch2 QUIET)
if(NOT Catch2_FOUND)
  message(FATAL_ERROR "Catch2 not found: apt-get install catch2")
endif()

find_package(Threads REQUIRED)

if(NOT EXISTS /usr/share/publicsuffix/public_suffix_list.dat)
  message(WARNING "public suffix list not found: apt-get install publicsuffix (libpsl's built-in list is used)")
endif()

find_package(nlohmann_json 3 QUIET)
if(NOT nlohmann_json_FOUND)
  message(FATAL_ERROR "nlohmann_json not found: apt-get install nlohmann-json3-dev")
endif()
