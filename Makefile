# SPDX-License-Identifier: GPL-2.0
#
# make            ietd, ietadm, and iscsi_trgt.ko for every kernel in KVERS
# make check      the test suite (installs what it needs first)
# make demo       a PC with no disk boots Linux from an LV served by ietd
#                 (proxyDHCP, TFTP, the iPXE menu, sanboot): its console on
#                 the terminal, then the timeline; UEFI=1 for a UEFI PC
# make demo-volumes  a guest serving LVM volumes, /proc/net/iet/volume
# make install   ietd, ietadm and their man pages under DESTDIR and PREFIX
# make fuzz       libFuzzer on login, texts, negotiation and discovery,
#                 FUZZ_TIME seconds (60) per harness (tests/fuzz/Makefile)
#
# KVERS defaults to the kernels of scripts/kernels that are installed.

SHELL := /bin/bash
KVERS ?= $(shell scripts/kvers)

all: userspace modules

userspace:
	$(MAKE) -C usr

# Each kernel builds in its own copy of the sources, so that objects of one
# never end up in the module of another. Warnings are errors here (not in
# DKMS, where a newer compiler must not break a user's build).
modules:
	@set -eo pipefail; for k in $(KVERS); do \
		mkdir -p build/$$k/src/kernel build/$$k/src/include; \
		cp -p kernel/Kbuild kernel/*.[ch] build/$$k/src/kernel/; \
		cp -p include/*.h build/$$k/src/include/; \
		echo "  MODULE  build/$$k/iscsi_trgt.ko"; \
		$(MAKE) -s -C /usr/src/linux-headers-$$k \
			M=$(CURDIR)/build/$$k/src/kernel W=1 KCFLAGS=-Werror \
			modules 2>&1 | { grep -v 'Skipping BTF' || true; }; \
		test -f build/$$k/src/kernel/iscsi_trgt.ko; \
		cp -p build/$$k/src/kernel/iscsi_trgt.ko build/$$k/; \
	done

deps:
	scripts/deps

check: deps
	$(MAKE) all
	tests/check

demo: deps
	$(MAKE) all
	tests/vm/diskless -v $(if $(UEFI),-e)

demo-volumes: deps
	$(MAKE) all
	tests/vm/run -v tests/vm/demo.sh

PREFIX ?= /usr
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man

install: userspace
	install -D -m 755 usr/ietd $(DESTDIR)$(SBINDIR)/ietd
	install -D -m 755 usr/ietadm $(DESTDIR)$(SBINDIR)/ietadm
	install -D -m 644 Documentation/ietd.8 $(DESTDIR)$(MANDIR)/man8/ietd.8
	install -D -m 644 Documentation/ietadm.8 \
		$(DESTDIR)$(MANDIR)/man8/ietadm.8
	install -D -m 644 Documentation/ietd.conf.5 \
		$(DESTDIR)$(MANDIR)/man5/ietd.conf.5

fuzz:
	$(MAKE) -C tests/fuzz fuzz

# libiscsi's whole suite on each kernel and backend, with its table.
conformance: deps
	$(MAKE) all
	tests/conformance

clean:
	$(MAKE) -C usr clean
	$(MAKE) -C tests/unit clean
	$(MAKE) -C tests/fuzz clean
	rm -rf build

.PHONY: all userspace modules deps check demo demo-volumes install fuzz \
	conformance clean
