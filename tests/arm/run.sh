#!/usr/bin/env bash
# The ARM builds, tested on this x86 machine: cross-build everything with
# Debian's cross compiler, build the sample bundle with the cross-built
# builder, and run the whole ctest suite under qemu-user.
#   tests/arm/run.sh arm64|armhf [--deps-only|--package|--quick] [CTEST_ARGS...]
# Installs what is missing (as root, or through sudo). Builds in build-ARCH.
# --deps-only: install what is missing and register binfmt, nothing else.
# --package: build and make the .deb (build-ARCH/rostrum_*_ARCH.deb), no tests.
# --quick: make test's share under qemu: the tests labelled unit and the
# pictures at 800x480 (ROSTRUM_PICTURES_SIZE); it names every test it
# leaves to the whole run (make test-ARCH), which runs them all.
# Environment: JOBS (default: nproc), ROSTRUM_ARM_CMAKE_ARGS (extra
# configure arguments), ROSTRUM_ARM_SYSROOT=1 (use a private sysroot even
# when the multiarch packages would install), ROSTRUM_NATIVE_PACKAGES
# (build machine packages to install too, in the same apt-get run: make test
# passes its own list, so that one apt-get update serves both).
#
# apt-get update runs at most once (retried once if it fails, for a mirror
# caught mid-sync), after the architecture has been added, and only when
# something is missing. If the target's packages can be had neither way the
# script stops with a message saying so: it never skips the tests.
#
# Where the target's libraries come from:
#  - normally Debian's multiarch :ARCH -dev packages, installed beside the
#    amd64 ones. apt's plan is checked first: if it would remove or
#    downgrade anything of the build machine's, they are not installed.
#    libunibreak is the exception: bookworm's installs into /usr/lib, so
#    libunibreak1:ARCH would replace the amd64 one; it is unpacked into
#    build-cross-deps/TRIPLET instead.
#  - otherwise (a conflicting plan, for instance while a mirror serves an
#    index for ARCH older than the amd64 packages installed here, which
#    multiarch's same-version rule cannot accept), the same packages are
#    downloaded with a private apt state and unpacked into
#    build-cross-deps/TRIPLET-sysroot. Nothing of it goes into dpkg.
#
# Programs the tests start themselves (through popen, exec or a shell
# script) are run by the kernel through binfmt_misc; this script registers
# qemu's handler when it is missing (what qemu-user-static's own install
# does where systemd-binfmt or binfmt-support runs).
set -euo pipefail

arch=${1:-}
shift || true
deps_only=
package=
quick=
case ${1:-} in
  --deps-only) deps_only=1; shift ;;
  --package) package=1; shift ;;
  --quick) quick=1; shift ;;
esac
case $arch in
  arm64) triplet=aarch64-linux-gnu qemu=qemu-aarch64-static binfmt=qemu-aarch64 loader=ld-linux-aarch64.so.1 ;;
  armhf) triplet=arm-linux-gnueabihf qemu=qemu-arm-static binfmt=qemu-arm loader=ld-linux-armhf.so.3 ;;
  *) echo "usage: tests/arm/run.sh arm64|armhf [--deps-only|--package|--quick] [CTEST_ARGS...]" >&2; exit 2 ;;
esac

root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build-$arch
deps=$root/build-cross-deps/$triplet
sysroot=$deps-sysroot
# The target's runtime library packages that are not in dpkg, each unpacked
# whole (with its DEBIAN/symbols): what dpkg-shlibdeps reads for the .deb's
# Depends (cmake/CrossDepends.cmake).
debs=$deps-debs
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
export DEBIAN_FRONTEND=noninteractive
say() { printf '== %s\n' "$*"; }
started=$(date +%s)

# ---------------------------------------------------------------- packages
host_packages="cmake make pkg-config git iso-codes gmt-dcw xvfb xauth xdotool qemu-user-static gcc-$triplet"
dev_packages="libc6-dev libsqlite3-dev libyaml-dev libjansson-dev libsdl2-dev libsdl2-ttf-dev
              libpng-dev libinih-dev nettle-dev libsystemd-dev libcmocka-dev libx11-dev
              libxml2-dev libexttextcat-dev libnetcdf-dev libfribidi-dev libicu-dev libstemmer-dev
              libespeak-ng-dev libqrencode-dev"

missing() {
  local p out=
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' || out="$out $p"
  done
  echo "$out"
}

die() {
  echo "run.sh: $*" >&2
  echo "run.sh: the $arch build and tests cannot run; nothing was skipped silently. (make test-$arch reruns this.)" >&2
  exit 1
}

updated=
apt_update() {
  [ -n "$updated" ] && return 0
  updated=1
  # An index that fails to download (a mirror mid-sync: "File has unexpected
  # size", "Hash Sum mismatch") makes apt-get update exit 100. It is tried
  # once more a little later; if it still fails, the indexes it has are used
  # and apt's plan below judges whether they are consistent.
  if ! $sudo apt-get update -q; then
    echo "run.sh: apt-get update failed; trying once more in 15 s" >&2
    sleep 15
    $sudo apt-get update -q ||
      echo "run.sh: apt-get update reported errors again (above); going on with the indexes it has" >&2
  fi
}

arch_packages() { local p; for p in $dev_packages; do printf '%s:%s ' "$p" "$arch"; done; }

use_sysroot=
added_arch=
if [ "${ROSTRUM_ARM_SYSROOT:-0}" = 1 ]; then
  use_sysroot=1
elif [ -d "$sysroot/usr/lib/$triplet" ] && [ -n "$(missing $(arch_packages))" ]; then
  use_sysroot=1 # chosen on an earlier run
elif ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
  # Added before the one apt-get update, which then fetches its indexes too.
  say "adding the $arch architecture to dpkg"
  $sudo dpkg --add-architecture "$arch"
  added_arch=1
fi

need_native=$(missing $host_packages ${ROSTRUM_NATIVE_PACKAGES:-})
need_arch=
[ -n "$use_sysroot" ] || need_arch=$(missing $(arch_packages))
need_unibreak=
[ -n "$use_sysroot" ] || { [ -f "$deps/usr/lib/pkgconfig/libunibreak.pc" ] && [ -d "$debs/libunibreak1/DEBIAN" ]; } || need_unibreak=1
[ -z "$need_native$need_arch$need_unibreak" ] || apt_update

if [ -n "$need_native" ]; then
  say "installing build machine packages:$need_native"
  $sudo apt-get install -y -q --no-install-recommends $need_native ||
    die "apt-get could not install the build machine's packages:$need_native"
fi

if [ -n "$need_arch" ]; then
  plan=$(LC_ALL=C apt-get -s install --no-install-recommends $need_arch 2>&1) || true
  if printf '%s\n' "$plan" | grep -q '^Inst ' &&
     ! printf '%s\n' "$plan" | grep -qE '^Remv |^E: |DOWNGRADED'; then
    say "installing the $arch packages:$need_arch"
    $sudo apt-get install -y -q --no-install-recommends $need_arch ||
      die "apt-get could not install the $arch packages:$need_arch"
  else
    echo "run.sh: apt cannot install the $arch -dev packages beside this machine's amd64 ones:" >&2
    printf '%s\n' "$plan" | grep -E '^Remv |^E: |Depends:|DOWNGRADED' | head -n 20 >&2
    echo "run.sh: using a private $arch sysroot instead ($sysroot)" >&2
    use_sysroot=1
    # Leave dpkg and apt as they were: an architecture whose index fails
    # to download makes every later apt-get update exit non-zero.
    if [ -n "$added_arch" ]; then
      $sudo dpkg --remove-architecture "$arch" && { updated=; apt_update >/dev/null 2>&1 || true; }
    fi
  fi
fi

if [ -n "$use_sysroot" ]; then
  if [ ! -f "$sysroot/.complete" ] || [ ! -f "$debs/.complete" ]; then
    say "unpacking the $arch packages into $sysroot (bookworm, private apt state)"
    rm -rf "$sysroot" "$debs"
    state=$sysroot/.apt
    mkdir -p "$state/etc/apt/sources.list.d" "$state/etc/apt/preferences.d" "$state/var/lib/apt/lists/partial" \
             "$state/var/cache/apt/archives/partial" "$state/var/lib/dpkg"
    touch "$state/var/lib/dpkg/status"
    # The machine's own Debian sources (those of this release), this architecture only.
    codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
    apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT)' 'Identifier: Packages' |
      awk -v c="$codename" '$2 == c || index($2, c "-") == 1' | sort -u |
      while read -r uri release component; do
        echo "deb [arch=$arch signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $release $component"
      done > "$state/etc/apt/sources.list"
    [ -s "$state/etc/apt/sources.list" ] || { echo "run.sh: no $codename sources found in apt's configuration" >&2; exit 1; }
    apt_private=(-o "Dir=$state" -o "Dir::State::status=$state/var/lib/dpkg/status"
                 -o "APT::Architecture=$arch" -o "APT::Architectures::=$arch"
                 -o Dir::Etc::TrustedParts=/etc/apt/trusted.gpg.d -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
    if ! apt-get "${apt_private[@]}" update -q; then
      # Security updates are not needed to build and test; a consistent
      # set of packages is.
      echo "run.sh: the $arch indexes did not all download; using bookworm without its security updates" >&2
      sed -i '/-security /d' "$state/etc/apt/sources.list"
      apt-get "${apt_private[@]}" update -q || die "no usable $arch package index, even without the security updates"
    fi
    apt-get "${apt_private[@]}" install -y -q --download-only --no-install-recommends $dev_packages libunibreak-dev ||
      die "the $arch packages could not be downloaded for the private sysroot either (mirror problem?)"
    mkdir -p "$debs"
    for deb in "$state"/var/cache/apt/archives/*.deb; do
      dpkg-deb -x "$deb" "$sysroot"
      name=$(dpkg-deb -f "$deb" Package)
      case $name in *-dev|*-dev-bin|*-doc|*-bin) ;; *) dpkg-deb -R "$deb" "$debs/$name" ;; esac
    done
    touch "$debs/.complete"
    # Absolute symbolic links point into the build machine: point them into the sysroot.
    find "$sysroot" -path "$state" -prune -o -type l -lname '/*' -print | while read -r link; do
      ln -sfn "$sysroot$(readlink "$link")" "$link"
    done
    rm -rf "$state/var/cache/apt/archives"
    touch "$sysroot/.complete"
  fi
  export QEMU_LD_PREFIX=$sysroot
else
  rm -rf "$sysroot"
  # libunibreak: see the top of this file.
  if [ ! -f "$deps/usr/lib/pkgconfig/libunibreak.pc" ] || [ ! -d "$debs/libunibreak1/DEBIAN" ]; then
    say "unpacking libunibreak for $arch into $deps"
    download=$(mktemp -d)
    chmod 755 "$download"
    (cd "$download" && apt-get download -q "libunibreak1:$arch" "libunibreak-dev:$arch") ||
      die "could not download libunibreak for $arch"
    mkdir -p "$deps"
    rm -rf "$debs" && mkdir -p "$debs"
    for deb in "$download"/*.deb; do
      dpkg-deb -x "$deb" "$deps"
      name=$(dpkg-deb -f "$deb" Package)
      case $name in *-dev) ;; *) dpkg-deb -R "$deb" "$debs/$name" ;; esac
    done
    rm -rf "$download"
    sed -i "s|^prefix=.*|prefix=$deps/usr|" "$deps/usr/lib/pkgconfig/libunibreak.pc"
  fi
  [ -e "/usr/lib/$loader" ] || export QEMU_LD_PREFIX=/usr/$triplet
fi

# ---------------------------------------------------------------- binfmt_misc
binfmt_ok=
if [ -d /proc/sys/fs/binfmt_misc ]; then
  if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
    $sudo mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null || true
  fi
  if [ ! -e "/proc/sys/fs/binfmt_misc/$binfmt" ] && [ -e /proc/sys/fs/binfmt_misc/register ]; then
    say "registering qemu's $binfmt handler with binfmt_misc"
    $sudo sh -c "cat /usr/lib/binfmt.d/$binfmt.conf > /proc/sys/fs/binfmt_misc/register" 2>/dev/null || true
  fi
  grep -qx enabled "/proc/sys/fs/binfmt_misc/$binfmt" 2>/dev/null && binfmt_ok=1
fi
if [ -z "$binfmt_ok" ]; then
  die "binfmt_misc has no enabled $binfmt handler and it could not be registered (a container without
        privileges?). The sample bundle and the tests that start a built program themselves (program,
        hostile, bundle, builder, gen_corpus, kiosk_*) need the kernel to run $arch programs through qemu."
fi
[ -z "$deps_only" ] || { say "$arch: packages and binfmt ready"; exit 0; }

# ---------------------------------------------------------------- build
t0=$(date +%s)
say "configure $build"
# shellcheck disable=SC2086
cmake -S "$root" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/$triplet.cmake" \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DROSTRUM_WERROR=ON ${ROSTRUM_ARM_CMAKE_ARGS:-} >"$build.configure.log" 2>&1 \
  || { cat "$build.configure.log"; exit 1; }
mv "$build.configure.log" "$build/configure.log"
say "build ($jobs jobs; the sample bundle is built by the $arch rostrum-bundle under qemu)"
build_status=0
cmake --build "$build" -j "$jobs" >"$build/build.log" 2>&1 || build_status=$?
t1=$(date +%s)
warnings=$(grep -E ': warning: ' "$build/build.log" | sort -u || true)
if [ -n "$warnings" ]; then
  say "$(printf '%s\n' "$warnings" | wc -l) compiler warnings (-Wconversion -Wsign-conversion on), by file:"
  printf '%s\n' "$warnings" | sed -E 's|^([^:]+):.*|\1|; s|^'"$root"'/||' | sort | uniq -c | sort -rn
  say "all of them: $build/build.log"
fi
if [ "$build_status" -ne 0 ]; then
  grep -E 'error|Error|rostrum-bundle build' "$build/build.log" | head -n 30
  echo "run.sh: the $arch build failed (full log: $build/build.log)"
  exit 1
fi
say "built in $((t1 - t0)) s; the sample bundle, checked by the $arch rostrum-bundle:"
"$build/db/rostrum-bundle" check "$build/sample.sqlite" | tail -n 1

if [ -n "$package" ]; then
  say "the $arch .deb (Depends from dpkg-shlibdeps for $arch)"
  (cd "$build" && rm -f rostrum_*.deb && cpack -G DEB >"$build/cpack.log" 2>&1) ||
    { cat "$build/cpack.log"; echo "run.sh: cpack failed for $arch" >&2; exit 1; }
  for deb in "$build"/rostrum_*_"$arch".deb; do
    echo "$deb"
    dpkg-deb -f "$deb" Package Version Architecture Depends | sed 's/^/  /'
  done
  exit 0
fi

# ---------------------------------------------------------------- tests
# The kiosk_* tests each start an X server and a viewer under qemu; they
# run one at a time after the rest, so that they are not starved of CPU.
cd "$build"
status=0
if [ -n "$quick" ]; then
  quick_labels='^(unit|pictures)$'
  say "ctest under qemu ($qemu), $jobs jobs: the unit tests and the 800x480 pictures (make test-$arch runs every test)"
  ROSTRUM_PICTURES_SIZE=800x480 ctest --output-on-failure --no-tests=error -j "$jobs" -L "$quick_labels" "$@" \
    >"$build/ctest.log" 2>&1 || status=1
  cp Testing/Temporary/LastTest.log Testing/Temporary/LastTest-main.log 2>/dev/null || true
  left=$(ctest -N -LE "$quick_labels" "$@" | sed -nE 's/^ *Test +#[0-9]+: //p' | tr '\n' ' ')
else
  say "ctest under qemu ($qemu), $jobs jobs, then the kiosk tests one at a time"
  ctest --output-on-failure -j "$jobs" -E '^kiosk_' "$@" >"$build/ctest.log" 2>&1 || status=1
  cp Testing/Temporary/LastTest.log Testing/Temporary/LastTest-main.log 2>/dev/null || true
  ctest --output-on-failure -j 1 -R '^kiosk_' "$@" >>"$build/ctest.log" 2>&1 || status=1
fi
t2=$(date +%s)
grep -E '^ *[0-9]+/[0-9]+ Test +#' "$build/ctest.log" | sed -E 's/^ *[0-9]+\/[0-9]+ //'
if [ "$status" -ne 0 ]; then
  echo
  echo "Failures, with what they printed (also in $build/ctest.log):"
  awk '/\*\*\*Failed|\*\*\*Timeout|\*\*\*Exception/ {p=1; print; next}
       /^ *[0-9]+\/[0-9]+ Test +#/ {p=0} /^ *Start +[0-9]+:/ {p=0}
       p && !/^\[ +(OK|RUN|PASSED) +\]/' "$build/ctest.log" | head -n 200
fi
# What a test did not check under emulation, with its reason (printed by
# the test itself, as a line with " skipped: " in it): never silent.
skips=$(cat Testing/Temporary/LastTest-main.log Testing/Temporary/LastTest.log 2>/dev/null | grep -E ' skipped: ' | sort -u || true)
if [ -n "$skips" ]; then
  echo
  say "checks skipped under emulation, with their reasons:"
  printf '%s\n' "$skips"
fi
if [ -n "$quick" ] && [ -n "$left" ]; then
  echo
  say "not run under qemu by --quick (make test-$arch runs them): $left"
fi
passed=$(grep -cE '^ *[0-9]+/[0-9]+ Test +#.* Passed' "$build/ctest.log" || true)
failed=$(grep -cE '^ *[0-9]+/[0-9]+ Test +#.*\*\*\*' "$build/ctest.log" || true)
echo
say "$arch: build $((t1 - t0)) s, tests $((t2 - t1)) s, total $((t2 - started)) s"
echo "$arch: $passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
