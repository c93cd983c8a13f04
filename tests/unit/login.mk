# SPDX-License-Identifier: GPL-2.0
# ietd's iSCSI side: login, negotiation, discovery. Included by Makefile.

# Everything of it that ietd links; the pure part comes first.
ISCSI_PURE := text.c nego.c auth.c login.c discovery.c session.c pdu.c
ISCSI_SRCS := $(ISCSI_PURE) live.c conn.c portal.c handoff.c

LOGIN_TESTS := test_text test_nego test_login test_discovery test_session \
	       test_pdu
TESTS += $(LOGIN_TESTS)

# Each links the pure part whole, and params.c for the key tables.
$(LOGIN_TESTS): %: %.c login_test.h $(addprefix $(USR)/,$(ISCSI_PURE) params.c)
