# SPDX-License-Identifier: GPL-2.0
#
# make            ietd, ietadm, and iscsi_trgt.ko for every kernel in KVERS
# make check      the test suite (installs what it needs first)
# make demo       a PC with no disk boots Linux from an LV served by ietd
#                 (proxyDHCP, TFTP, the iPXE menu, sanboot): its console on
#                 the terminal, then the timeline; UEFI=1 for a UEFI PC
# make demo-volumes  a guest serving LVM volumes, /proc/net/iet/volume
# make install    ietd, ietadm, man pages, the samples in /etc/iet (only
#                 where absent), the boot services' roots and ietd.service,
#                 under DESTDIR and PREFIX
# make dkms-install  the module's sources in DESTDIR/usr/src/iet-VERSION
# make deb        iet-dkms and ietd .deb files in build/deb/, built from a
#                 copy of the tree (scripts/deb)
# make check-package  make deb, lintian, and dpkg -i, DKMS, ietd as
#                 ietd.service runs it and dpkg -r in a guest of each kernel
# make bench      iet beside LIO and tgt in a guest per kernel: fio and
#                 iscsi-perf, medians of three rounds (tests/bench/run)
# make check-faults  every fault scenario (tests/vm/faults) at full size on
#                 each kernel: restarts, vanishing initiators, hostile PDUs,
#                 churn, privileges, power cuts; a table in build/faults/
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

VERSION := $(shell sed -n 's/^\#define IET_VERSION[^"]*"\(.*\)"/\1/p' \
	include/iet_genl.h)
PREFIX ?= /usr
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
LIBEXECDIR ?= $(PREFIX)/libexec
SYSCONFDIR ?= /etc
LOCALSTATEDIR ?= /var
# ietd's built-in state directory (usr/prdir.h); the boot services' roots
# go there too, since Debian packages keep out of /srv.
IETSTATEDIR ?= $(LOCALSTATEDIR)/lib/iet
SYSTEMDUNITDIR ?= $(shell pkg-config --variable=systemdsystemunitdir \
	systemd 2>/dev/null || echo /lib/systemd/system)
# ietd reads /etc/iet unless told otherwise: the unit tells it where
# SYSCONFDIR put the files.
IETD_ARGS = $(if $(filter /etc /etc/,$(SYSCONFDIR)),,\
	-c $(SYSCONFDIR)/iet/ietd.conf --allow-dir=$(SYSCONFDIR)/iet)

# The samples never replace an admin's file. ipxe-files copies iPXE's
# binaries into the TFTP root at once when installing onto this system; a
# package (DESTDIR set) runs it from its postinst instead.
install: userspace
	install -D -m 755 usr/ietd $(DESTDIR)$(SBINDIR)/ietd
	install -D -m 755 usr/ietadm $(DESTDIR)$(SBINDIR)/ietadm
	install -D -m 644 Documentation/ietd.8 $(DESTDIR)$(MANDIR)/man8/ietd.8
	install -D -m 644 Documentation/ietadm.8 \
		$(DESTDIR)$(MANDIR)/man8/ietadm.8
	install -D -m 644 Documentation/ietd.conf.5 \
		$(DESTDIR)$(MANDIR)/man5/ietd.conf.5
	install -d $(DESTDIR)$(SYSCONFDIR)/iet
	@set -e; for f in ietd.conf:600 initiators.allow:644 \
			targets.allow:644; do \
		t=$(DESTDIR)$(SYSCONFDIR)/iet/$${f%:*}; \
		if [ -e "$$t" ]; then \
			echo "  KEEP    $$t"; \
		else \
			install -m $${f#*:} dist/$${f%:*} "$$t"; \
		fi; \
	done
	install -d $(DESTDIR)$(IETSTATEDIR)/tftp $(DESTDIR)$(IETSTATEDIR)/http
	install -D -m 755 dist/ipxe-files \
		$(DESTDIR)$(LIBEXECDIR)/iet/ipxe-files
	install -d $(DESTDIR)$(SYSTEMDUNITDIR)
	sed -e 's|@SBINDIR@|$(SBINDIR)|g; s|@IETD_ARGS@|$(strip $(IETD_ARGS))|' \
		-e 's| *$$||' dist/ietd.service.in \
		>$(DESTDIR)$(SYSTEMDUNITDIR)/ietd.service
	chmod 644 $(DESTDIR)$(SYSTEMDUNITDIR)/ietd.service
	$(if $(DESTDIR),,$(LIBEXECDIR)/iet/ipxe-files $(IETSTATEDIR)/tftp)

# What DKMS builds from: dkms.conf, kernel/ and include/, nothing else.
DKMSDIR = $(DESTDIR)/usr/src/iet-$(VERSION)

dkms-install:
	install -d $(DKMSDIR)/kernel $(DKMSDIR)/include
	install -m 644 dkms.conf $(DKMSDIR)/
	install -m 644 kernel/Kbuild kernel/*.[ch] $(DKMSDIR)/kernel/
	install -m 644 include/*.h $(DKMSDIR)/include/

deb:
	scripts/deb

check-package: deps
	tests/package

fuzz:
	$(MAKE) -C tests/fuzz fuzz

# Every fault scenario at full size on each kernel, with its table.
check-faults: deps
	$(MAKE) all
	$(MAKE) -s -C tests/tools
	tests/faults

# libiscsi's whole suite on each kernel and backend, with its table.
conformance: deps
	$(MAKE) all
	tests/conformance

bench: deps
	$(MAKE) all
	tests/bench/run

clean:
	$(MAKE) -C usr clean
	$(MAKE) -C tests/unit clean
	$(MAKE) -C tests/fuzz clean
	rm -rf build

.PHONY: all userspace modules deps check demo demo-volumes install \
	dkms-install deb check-package check-faults fuzz conformance bench clean
