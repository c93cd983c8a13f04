# SPDX-License-Identifier: GPL-2.0
# ietd's proxyDHCP, and the ADDR[:PORT] of the boot services' listening
# keys. Included by Makefile.

# Everything of it that ietd links; the pure part comes first.
DHCP_PURE := dhcp_pkt.c dhcp_boot.c dhcpconf.c
DHCP_SRCS := $(DHCP_PURE) dhcp.c

TESTS += test_dhcp test_hostport
test_dhcp: test_dhcp.c $(addprefix $(USR)/,$(DHCP_PURE) hostport.c params.c \
	   located.c)
test_hostport: test_hostport.c $(USR)/hostport.c
