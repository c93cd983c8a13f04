# SPDX-License-Identifier: GPL-2.0
# The module's pure logic, compiled in userspace: each test lists the
# kernel/ files it links. Included by Makefile, which builds and runs TESTS.

TESTS += test_procfmt test_ping

test_procfmt: test_procfmt.c $(KERNEL)/procfmt.c
test_ping: test_ping.c $(KERNEL)/ping.c

# The SCSI emulation: every test links all of it.
SCSI_SRCS := $(addprefix $(KERNEL)/,scsi_cdb.c scsi_sense.c scsi_out.c \
	     scsi_spc.c scsi_vpd.c scsi_mode.c scsi_sbc.c scsi_rsoc.c ua.c pr.c \
	     pr_file.c scsi_thin.c scsi_cmp.c)
SCSI_TESTS := test_scsi_cdb test_scsi_inquiry test_scsi_mode test_scsi_sbc \
	      test_scsi_spc test_scsi_rsoc test_scsi_msel test_ua test_pr test_scsi_thin \
	      test_scsi_cmp test_pr_file
TESTS += $(SCSI_TESTS)

$(SCSI_TESTS): %: %.c $(SCSI_SRCS) scsi_decode_test.h

$(filter test_procfmt test_ping test_scsi% test_ua test_pr%,$(TESTS)): TEST_CFLAGS += -I$(KERNEL)
$(filter test_procfmt test_ping test_scsi% test_ua test_pr%,$(TESTS)): $(wildcard $(KERNEL)/*.h)
