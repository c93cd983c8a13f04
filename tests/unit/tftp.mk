# SPDX-License-Identifier: GPL-2.0
# ietd's TFTP server. Included by Makefile.

# Everything of it that ietd links; the pure part comes first.
TFTP_PURE := tftp_pkt.c tftp_ascii.c tftp_path.c tftp_xfer.c
TFTP_SRCS := $(TFTP_PURE) tftp_conn.c tftp.c

TFTP_TESTS := test_tftp_pkt test_tftp_xfer test_tftp_path
TESTS += $(TFTP_TESTS)

$(TFTP_TESTS): %: %.c $(addprefix $(USR)/,$(TFTP_PURE))
