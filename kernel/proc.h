/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IET_PROC_H
#define IET_PROC_H

int iet_proc_init(void);
void iet_proc_exit(void);

#endif /* IET_PROC_H */
