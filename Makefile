# Front door for the two README commands. CMake does the real work.
#   make run   install what is missing, build, build the sample bundle, start it
#   make test  install what is missing, build normal + sanitizer trees, run every test in both,
#              a fuzz smoke, and the arm64 unit tests and 800x480 pictures under qemu
# Package installs go through apt-get so a fresh Debian machine (and CI) needs nothing by hand.

BUILD      ?= build
BUILD_SAN  ?= build-san
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)

# What building and running needs, and what testing adds (Debian package names).
RUN_PACKAGES  := cmake gcc make pkg-config libc6-dev iso-codes \
                 libsqlite3-dev libyaml-dev libjansson-dev \
                 libsdl2-dev libsdl2-ttf-dev libunibreak-dev libpng-dev \
                 libinih-dev nettle-dev libsystemd-dev gettext \
                 libxml2-dev libexttextcat-dev gmt-dcw libnetcdf-dev libfribidi-dev libicu-dev libstemmer-dev \
                 libespeak-ng-dev libqrencode-dev
TEST_PACKAGES := $(RUN_PACKAGES) libcmocka-dev sqlite3 clang libclang-rt-14-dev xvfb xauth xdotool libx11-dev \
                 zbar-tools
PROOF_PACKAGES := $(TEST_PACKAGES) valgrind xvfb xauth
PACKAGE_PACKAGES := $(RUN_PACKAGES) dpkg-dev file
BUILD_FUZZ ?= build-fuzz
FUZZ_SECONDS ?= 600

# Installs each package that dpkg does not report as installed; runs apt-get update once, only if needed.
define ensure_packages
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi; \
	  $$sudo apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

.PHONY: import-eval all run test deps deps-test deps-test-arm64 deps-proof deps-package build build-san bundle bench synthetic fuzz soak install package \
        test-arm64 test-armhf clean

all: build

deps:
	$(call ensure_packages,$(RUN_PACKAGES))

deps-test:
	$(call ensure_packages,$(TEST_PACKAGES))

deps-proof:
	$(call ensure_packages,$(PROOF_PACKAGES))

deps-package:
	$(call ensure_packages,$(PACKAGE_PACKAGES))

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

bundle: build
	@echo "Sample bundle: $(BUILD)/sample.sqlite"
	@$(BUILD)/db/rostrum-bundle check $(BUILD)/sample.sqlite

run: bundle
	$(BUILD)/app/rostrum $(BUILD)/sample.sqlite $(ROSTRUM_ARGS)

# make test: every test in the normal and the sanitizer builds, the fuzz
# targets for a fixed number of inputs each, and the arm64 build under
# qemu-user with the unit tests and the 800x480 pictures (tests/arm/run.sh
# --quick names what it leaves out; every test under qemu: make test-arm64,
# make test-armhf). Each phase prints what it runs and how long it took; the
# first failure stops make test with a non-zero status.
#
# The arm64 packages are installed together with the test packages: one
# apt-get update (after dpkg --add-architecture arm64) serves both. If they
# cannot be had, tests/arm/run.sh stops make test with a message: CI never
# skips it.
deps-test-arm64:
	@ROSTRUM_NATIVE_PACKAGES="$(TEST_PACKAGES)" JOBS=$(JOBS) tests/arm/run.sh arm64 --deps-only

# $(call phase,TITLE,COMMAND): prints TITLE, runs COMMAND, then its time.
define phase
	@echo "== $(1)"; t0=$$(date +%s); $(2) && echo "== $(1): $$(( $$(date +%s) - t0 )) s"
endef
TEST_LABELS := ^(unit|pictures|kiosk|soak|fuzz)$$
SANITIZER_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
                 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp

test: deps-test-arm64
	@mkdir -p $(BUILD) && date +%s > $(BUILD)/.make-test-started
	$(call phase,release build ($(JOBS) jobs),cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DROSTRUM_WERROR=ON >/dev/null && cmake --build $(BUILD) -j $(JOBS))
	@left=$$(cd $(BUILD) && ctest -N -LE '$(TEST_LABELS)' | sed -nE 's/^ *Test +#[0-9]+: //p'); \
	  [ -z "$$left" ] || { echo "make test: tests without a label (unit, pictures, kiosk, soak or fuzz): $$left"; exit 1; }
	$(call phase,sanitizer build (ASan + UBSan),cmake -S . -B $(BUILD_SAN) -DCMAKE_BUILD_TYPE=Debug -DROSTRUM_WERROR=ON -DROSTRUM_SANITIZE=ON >/dev/null && cmake --build $(BUILD_SAN) -j $(JOBS))
	$(call phase,release tests (every test),cd $(BUILD) && ctest --output-on-failure -j $(JOBS))
	$(call phase,sanitizer tests (every test),cd $(BUILD_SAN) && $(SANITIZER_ENV) ctest --output-on-failure -j $(JOBS))
	$(call phase,fuzz build (clang),cmake -S . -B $(BUILD_FUZZ) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DROSTRUM_FUZZ=ON >/dev/null && cmake --build $(BUILD_FUZZ) -j $(JOBS) --target fuzz_source fuzz_bundle fuzz_wrap fuzz_script)
	$(call phase,fuzz smoke (libFuzzer; a fixed number of inputs per target),tests/fuzz/smoke.sh $(BUILD_FUZZ))
	$(call phase,arm64 under qemu-user (unit tests and 800x480 pictures; every test: make test-arm64),JOBS=$(JOBS) tests/arm/run.sh arm64 --quick)
	@echo "== make test: everything above passed, in $$(( $$(date +%s) - $$(cat $(BUILD)/.make-test-started) )) s"

# Installing on this machine (GNUInstallDirs; DESTDIR works), and the .deb.
install: build
	@cmake --install $(BUILD)

# The .deb for this machine, then for arm64 and armhf (cross-built; Depends
# from dpkg-shlibdeps for each target): $(BUILD)/rostrum_*_amd64.deb,
# build-arm64/rostrum_*_arm64.deb, build-armhf/rostrum_*_armhf.deb.
package: deps-package
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)
	@cd $(BUILD) && cpack -G DEB
	@ROSTRUM_NATIVE_PACKAGES="$(PACKAGE_PACKAGES)" JOBS=$(JOBS) tests/arm/run.sh arm64 --package
	@ROSTRUM_NATIVE_PACKAGES="$(PACKAGE_PACKAGES)" JOBS=$(JOBS) tests/arm/run.sh armhf --package

# rostrum-bundle import's accuracy on tests/fixtures/import (pages and their
# keys): per field, countries' F1, sentences kept, furniture removed.
import-eval: build
	@tests/fixtures/import/eval.sh $(BUILD)/db/rostrum-bundle

# The long runs: not part of make test.
bench: deps-proof
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)
	@tests/bench/run.sh $(BUILD)

# A synthetic source folder and bundle of N statements (default 100,000),
# cached in $(BUILD)/synthetic: make synthetic N=1000000
N ?= 100000
synthetic: build
	@tests/gen/synthetic.sh $(BUILD) $(N)

fuzz: deps-test
	@cmake -S . -B $(BUILD_FUZZ) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DROSTRUM_FUZZ=ON >/dev/null
	@cmake --build $(BUILD_FUZZ) -j $(JOBS)
	@tests/fuzz/run.sh $(BUILD_FUZZ) $(FUZZ_SECONDS)

soak: deps-proof
	@cmake -S . -B $(BUILD_SAN) -DCMAKE_BUILD_TYPE=Debug -DROSTRUM_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD_SAN) -j $(JOBS)
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)
	@tests/soak/run.sh $(BUILD_SAN) $(BUILD)

# Raspberry Pi architectures: cross-built, tested under qemu-user (tests/arm/run.sh).
test-arm64:
	@JOBS=$(JOBS) tests/arm/run.sh arm64

test-armhf:
	@JOBS=$(JOBS) tests/arm/run.sh armhf

clean:
	rm -rf $(BUILD) $(BUILD_SAN) $(BUILD_FUZZ) build-arm64 build-armhf build-cross-deps
