/* Counts the guest instructions a program executes under qemu-user: a TCG
 * plugin for the QEMU 7.2 in Debian 12 (plugin API version 1). Debian's
 * qemu-user-static cannot load plugins and no plugin is packaged; the
 * dynamically linked qemu-user can:
 *   gcc -shared -fPIC -O2 -o /tmp/libinsn.so tests/arm/qemu_insn.c
 *   qemu-aarch64 -plugin /tmp/libinsn.so -d plugin build-arm64/app/rostrum \
 *       build-arm64/sample.sqlite --size 800x480 --screenshot /tmp/x.png
 * prints "insns: N" at exit. The count is added inline per translated block
 * (not atomically: with several busy threads it may come out a little low).
 * The declarations below are the few API calls used, as QEMU 7.2 exports
 * them. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stddef.h>
typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
typedef struct qemu_info_t qemu_info_t;
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
typedef void (*tb_trans_cb)(qemu_plugin_id_t, struct qemu_plugin_tb *);
typedef void (*udata_cb)(qemu_plugin_id_t, void *);
void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t, tb_trans_cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *, enum qemu_plugin_op, void *, uint64_t);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t, udata_cb, void *);
void qemu_plugin_outs(const char *);
__attribute__((visibility("default"))) int qemu_plugin_version = 1;
static uint64_t count;
static void trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    (void)id;
    qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &count, qemu_plugin_tb_n_insns(tb));
}
static void done(qemu_plugin_id_t id, void *p)
{
    (void)id, (void)p;
    char line[64];
    snprintf(line, sizeof line, "insns: %" PRIu64 "\n", count);
    qemu_plugin_outs(line);
}
__attribute__((visibility("default"))) int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv)
{
    (void)info, (void)argc, (void)argv;
    qemu_plugin_register_vcpu_tb_trans_cb(id, trans);
    qemu_plugin_register_atexit_cb(id, done, NULL);
    return 0;
}
