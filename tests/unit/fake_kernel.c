// SPDX-License-Identifier: GPL-2.0
/*
 * An in-memory iscsi_trgt behind usr/kernel.h, for testing what ietd does
 * with the kernel without the module. It answers as the module does
 * (tid allocation, -EEXIST, -ENOENT) and fails on purpose for any Path
 * that contains "/fail". With IET_FAKE_STATE set to a file name, its
 * state survives the process, as the module's survives ietd.
 *
 * Connections and sessions: like a module without them, NEW_CONN,
 * DEL_SESSION and GET_SESSION answer EOPNOTSUPP, unless IET_FAKE_CONN is
 * set; then NEW_CONN keeps a copy of the socket as a session (and says
 * what it got on stderr, for the tests), and the other two see it.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fake_kernel.h"
#include "util.h"

struct kern {
	int dummy;
};

static struct kern the_kern;
struct fake_state fake;

static void fake_load(void)
{
	const char *file = getenv("IET_FAKE_STATE");
	struct fake_target *t;
	struct fake_lun *l;
	char path[4096];
	FILE *f;
	int type;

	if (!file)
		return;
	f = fopen(file, "r");
	if (!f)
		return;
	for (;;) {
		if (fake.nr_targets == ARRAY_SIZE(fake.targets) ||
		    fake.nr_luns == ARRAY_SIZE(fake.luns))
			break;
		t = &fake.targets[fake.nr_targets];
		l = &fake.luns[fake.nr_luns];
		if (fscanf(f, " T %u %223s %u %u %u %u", &t->tid, t->name,
			   &t->params[TGT_WTHREADS], &t->params[TGT_QUEUED_CMDS],
			   &t->params[TGT_NOP_INTERVAL],
			   &t->params[TGT_NOP_TIMEOUT]) == 6) {
			fake.nr_targets++;
			if (t->tid > fake.last_tid)
				fake.last_tid = t->tid;
			continue;
		}
		if (fscanf(f, " L %u %u %d %4095s", &l->tid, &l->lun, &type,
			   path) == 4) {
			l->type = type;
			snprintf(l->path, sizeof(l->path), "%s",
				 strcmp(path, "-") ? path : "");
			fake.nr_luns++;
			continue;
		}
		break;
	}
	fclose(f);
}

static void fake_save(void)
{
	const char *file = getenv("IET_FAKE_STATE");
	struct fake_target *t;
	struct fake_lun *l;
	unsigned int i;
	FILE *f;

	if (!file)
		return;
	f = fopen(file, "w");
	if (!f)
		return;
	for (i = 0; i < fake.nr_targets; i++) {
		t = &fake.targets[i];
		fprintf(f, "T %u %s %u %u %u %u\n", t->tid, t->name,
			t->params[TGT_WTHREADS], t->params[TGT_QUEUED_CMDS],
			t->params[TGT_NOP_INTERVAL], t->params[TGT_NOP_TIMEOUT]);
	}
	for (i = 0; i < fake.nr_luns; i++) {
		l = &fake.luns[i];
		fprintf(f, "L %u %u %d %s\n", l->tid, l->lun, l->type,
			*l->path ? l->path : "-");
	}
	fclose(f);
}

void fake_reset(void)
{
	memset(&fake, 0, sizeof(fake));
}

int kern_open(struct kern **kp, char *err, size_t len)
{
	if (getenv("IET_FAKE_NO_MODULE")) {
		snprintf(err, len,
			 "kernel module iscsi_trgt is not loaded (no generic netlink family 'iet')");
		return -ENOENT;
	}
	fake_load();
	*kp = &the_kern;
	return 0;
}

void kern_close(struct kern *k)
{
}

const char *kern_message(const struct kern *k)
{
	return fake.msg;
}

int kern_version(struct kern *k, char *version, size_t len,
		 uint32_t *protocol)
{
	snprintf(version, len, "%s", IET_VERSION);
	*protocol = IET_GENL_VERSION;
	return 0;
}

static struct fake_target *find_target(uint32_t tid)
{
	unsigned int i;

	for (i = 0; i < fake.nr_targets; i++)
		if (fake.targets[i].tid == tid)
			return &fake.targets[i];
	return NULL;
}

static int find_lun(uint32_t tid, uint32_t lun)
{
	unsigned int i;

	for (i = 0; i < fake.nr_luns; i++)
		if (fake.luns[i].tid == tid && fake.luns[i].lun == lun)
			return i;
	return -1;
}

static int call(void)
{
	fake.msg[0] = '\0';
	fake.calls++;
	return 0;
}

int kern_target_new(struct kern *k, uint32_t *tid, const char *name,
		    const unsigned int *params)
{
	struct fake_target *t;
	unsigned int i;

	call();
	for (i = 0; i < fake.nr_targets; i++)
		if (!strcmp(fake.targets[i].name, name))
			return -EEXIST;
	if (*tid && find_target(*tid))
		return -EEXIST;
	if (!*tid) {
		*tid = fake.last_tid;
		do {
			++*tid;
		} while (!*tid || find_target(*tid));
	}
	if (fake.nr_targets == ARRAY_SIZE(fake.targets))
		return -ENOSPC;
	if (*tid > fake.last_tid)
		fake.last_tid = *tid;
	t = &fake.targets[fake.nr_targets++];
	memset(t, 0, sizeof(*t));
	t->tid = *tid;
	snprintf(t->name, sizeof(t->name), "%s", name);
	memcpy(t->params, params, sizeof(t->params));
	t->params[TGT_TYPE] = 0;
	fake.target_news++;
	fake_save();
	return 0;
}

static void session_end(unsigned int i);

static bool has_sessions(uint32_t tid)
{
	unsigned int i;

	for (i = 0; i < fake.nr_sessions; i++)
		if (fake.sessions[i].tid == tid)
			return true;
	return false;
}

int kern_target_del(struct kern *k, uint32_t tid, bool force)
{
	struct fake_target *t = find_target(tid);
	unsigned int i;

	call();
	if (!t)
		return -ENOENT;
	/* As the module: a target with sessions stays, unless forced. */
	if (has_sessions(tid) && !force)
		return -EBUSY;
	for (i = 0; i < fake.nr_sessions; i++)
		if (fake.sessions[i].tid == tid)
			session_end(i--);
	for (i = 0; i < fake.nr_luns; i++)
		if (fake.luns[i].tid == tid)
			fake.luns[i--] = fake.luns[--fake.nr_luns];
	*t = fake.targets[--fake.nr_targets];
	fake_save();
	return 0;
}

int kern_target_set(struct kern *k, uint32_t tid,
		    const unsigned int *params, unsigned int mask)
{
	struct fake_target *t = find_target(tid);
	unsigned int i;

	call();
	if (!t)
		return -ENOENT;
	for (i = 0; i < TGT_NR; i++)
		if (i != TGT_TYPE && (mask & (1U << i)))
			t->params[i] = params[i];
	fake.target_sets++;
	fake_save();
	return 0;
}

static void fill_target(struct kern_target *kt, const struct fake_target *t)
{
	memset(kt, 0, sizeof(*kt));
	kt->tid = t->tid;
	snprintf(kt->name, sizeof(kt->name), "%s", t->name);
	memcpy(kt->params, t->params, sizeof(kt->params));
}

int kern_target_get(struct kern *k, uint32_t tid, struct kern_target *kt)
{
	struct fake_target *t = find_target(tid);

	call();
	if (!t)
		return -ENOENT;
	fill_target(kt, t);
	return 0;
}

int kern_target_dump(struct kern *k, struct kern_target **targets,
		     unsigned int *nr)
{
	unsigned int i;

	call();
	*targets = calloc(fake.nr_targets + 1, sizeof(**targets));
	if (!*targets)
		return -ENOMEM;
	for (i = 0; i < fake.nr_targets; i++)
		fill_target(&(*targets)[i], &fake.targets[i]);
	*nr = fake.nr_targets;
	return 0;
}

/* The fake keeps no reservations: the descriptor is only closed. */
void kern_set_pr_dir(struct kern *k, int fd)
{
	if (fd >= 0)
		close(fd);
}

int kern_lun_new(struct kern *k, uint32_t tid, uint32_t lun,
		 const struct lun_params *p)
{
	struct fake_lun *l;

	call();
	if (!find_target(tid))
		return -ENOENT;
	if (find_lun(tid, lun) >= 0)
		return -EEXIST;
	if (p->path && strstr(p->path, "/fail")) {
		snprintf(fake.msg, sizeof(fake.msg), "injected failure");
		return -EIO;
	}
	if (fake.nr_luns == ARRAY_SIZE(fake.luns))
		return -ENOSPC;
	l = &fake.luns[fake.nr_luns++];
	memset(l, 0, sizeof(*l));
	l->tid = tid;
	l->lun = lun;
	l->type = p->type;
	snprintf(l->path, sizeof(l->path), "%s", p->path ? p->path : "");
	fake.lun_news++;
	fake_save();
	return 0;
}

int kern_lun_del(struct kern *k, uint32_t tid, uint32_t lun, bool force)
{
	int i;

	call();
	i = find_lun(tid, lun);
	if (i < 0)
		return -ENOENT;
	if (has_sessions(tid) && !force)
		return -EBUSY;
	fake.luns[i] = fake.luns[--fake.nr_luns];
	fake_save();
	return 0;
}

int kern_lun_dump(struct kern *k, uint32_t tid, struct kern_lun **luns,
		  unsigned int *nr)
{
	unsigned int i, n = 0;
	struct kern_lun *kl;

	call();
	*luns = calloc(fake.nr_luns + 1, sizeof(**luns));
	if (!*luns)
		return -ENOMEM;
	for (i = 0; i < fake.nr_luns; i++) {
		if (tid && fake.luns[i].tid != tid)
			continue;
		kl = &(*luns)[n++];
		kl->tid = fake.luns[i].tid;
		kl->lun = fake.luns[i].lun;
		kl->params.type = fake.luns[i].type;
		if (*fake.luns[i].path)
			kl->params.path = strdup(fake.luns[i].path);
	}
	*nr = n;
	return 0;
}

void kern_luns_free(struct kern_lun *luns, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		lun_params_free(&luns[i].params);
	free(luns);
}

static bool conns_supported(void)
{
	return getenv("IET_FAKE_CONN");
}

int kern_conn_new(struct kern *k, const struct kern_conn *c)
{
	struct fake_session *s;

	call();
	fake.conn_news++;
	if (!conns_supported())
		return -EOPNOTSUPP;
	if (fake.nr_sessions == ARRAY_SIZE(fake.sessions))
		return -ENOSPC;
	s = &fake.sessions[fake.nr_sessions++];
	s->tid = c->tid;
	s->sid = c->sid;
	s->cid = c->cid;
	memcpy(s->params, c->params, sizeof(s->params));
	snprintf(s->initiator, sizeof(s->initiator), "%s", c->initiator);
	s->fd = dup(c->fd);
	fprintf(stderr, "fake: NEW_CONN tid %u sid %llu cid %u statsn %u expcmdsn %u hd %u dd %u mrdsl %u mxdsl %u\n",
		c->tid, (unsigned long long)c->sid, c->cid, c->stat_sn,
		c->exp_cmd_sn, c->params[IET_P_HEADER_DIGEST],
		c->params[IET_P_DATA_DIGEST], c->params[IET_P_MAX_RECV_DSL],
		c->params[IET_P_MAX_XMIT_DSL]);
	return 0;
}

static void session_end(unsigned int i)
{
	if (fake.sessions[i].fd >= 0)
		close(fake.sessions[i].fd);
	fake.sessions[i] = fake.sessions[--fake.nr_sessions];
}

int kern_session_del(struct kern *k, uint32_t tid, uint64_t sid)
{
	unsigned int i;

	call();
	fake.session_dels++;
	if (!conns_supported())
		return -EOPNOTSUPP;
	for (i = 0; i < fake.nr_sessions; i++) {
		if (fake.sessions[i].tid == tid && fake.sessions[i].sid == sid) {
			session_end(i);
			fprintf(stderr, "fake: DEL_SESSION tid %u sid %llu\n",
				tid, (unsigned long long)sid);
			return 0;
		}
	}
	return -ENOENT;
}

/* Each fake session has one connection: it goes with it. */
int kern_conn_del(struct kern *k, uint32_t tid, uint64_t sid, uint32_t cid)
{
	unsigned int i;

	call();
	fake.conn_dels++;
	if (!conns_supported())
		return -EOPNOTSUPP;
	for (i = 0; i < fake.nr_sessions; i++) {
		if (fake.sessions[i].tid == tid &&
		    fake.sessions[i].sid == sid && fake.sessions[i].cid == cid) {
			session_end(i);
			fprintf(stderr, "fake: DEL_CONN tid %u sid %llu cid %u\n",
				tid, (unsigned long long)sid, cid);
			return 0;
		}
	}
	return -ENOENT;
}

int kern_session_dump(struct kern *k, uint32_t tid, struct kern_session **s,
		      unsigned int *nr)
{
	unsigned int i, n = 0;

	call();
	if (!conns_supported())
		return -EOPNOTSUPP;
	*s = calloc(fake.nr_sessions + 1, sizeof(**s));
	if (!*s)
		return -ENOMEM;
	for (i = 0; i < fake.nr_sessions; i++) {
		if (tid && fake.sessions[i].tid != tid)
			continue;
		(*s)[n].tid = fake.sessions[i].tid;
		(*s)[n].sid = fake.sessions[i].sid;
		(*s)[n].has_params = true;
		memcpy((*s)[n].params, fake.sessions[i].params,
		       sizeof((*s)[n].params));
		(*s)[n].nr_conns = 1;
		(*s)[n].conns[0].cid = fake.sessions[i].cid;
		snprintf((*s)[n].conns[0].addr, sizeof((*s)[n].conns[0].addr),
			 "127.0.0.1");
		snprintf((*s)[n].initiator, sizeof((*s)[n].initiator), "%s",
			 fake.sessions[i].initiator);
		n++;
	}
	*nr = n;
	return 0;
}
