# SPDX-License-Identifier: GPL-2.0
# ietd's iSCSI side: login, negotiation, discovery. Included by Makefile.

# Everything of it that ietd links; the pure part comes first.
ISCSI_PURE := text.c nego.c chap.c auth.c crypto.c login.c discovery.c session.c pdu.c
ISCSI_SRCS := $(ISCSI_PURE) allow.c allowfile.c live.c conn.c portal.c \
	      handoff.c

LOGIN_TESTS := test_text test_nego test_login test_discovery test_session \
	       test_pdu test_auth
TESTS += $(LOGIN_TESTS)

# Each links the pure part whole, and params.c for the key tables.
$(LOGIN_TESTS): %: %.c login_test.h \
	$(addprefix $(USR)/,$(ISCSI_PURE) params.c located.c)

# CHAP digests come from libgcrypt.
$(LOGIN_TESTS): LDLIBS += -lgcrypt
test_ietd_fake: PROG_LIBS := -lgcrypt
# Its APTPL directory is made at start: not in the host's /var/lib.
test_ietd_fake: TEST_CFLAGS += -DSTATE_DIR='"/tmp/iet-fake-state"'

# initiators.allow and targets.allow: the parser and matcher, and the
# files read from a directory, with the log dropped.
TESTS += test_allow
test_allow: test_allow.c quiet_log.c $(addprefix $(USR)/,allow.c allowfile.c \
	    params.c located.c)
