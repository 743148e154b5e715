/*
 * Guest side of FpOpsDifferentialTest: runs RISC-V F/D instructions on the reference (qemu's
 * softfloat under qemu-riscv64) and reports what they wrote and which fflags they raised.
 *
 * stdin:  records of { u32 op, u32 rm, u32 frm, u32 flags, u64 a, u64 b, u64 c }, little
 *         endian. op indexes the table below; rm 0-4 is encoded into the instruction, 7 (or
 *         anything else) uses the dynamic mode; frm is written to the frm CSR and flags to
 *         fflags before the instruction (a preset NX is what lets qemu use its host-FPU path).
 * stdout: per record { u64 result, u64 fflags }: fflags as the instruction left them, or 0x100
 *         if it trapped with SIGILL (a dynamic rounding mode with frm holding a reserved value).
 * "--list" prints the mnemonics of the op table, one a line, in index order.
 *
 * Operands go into f registers with fmv.d.x and come back with fmv.x.d, so every bit of the
 * 64-bit patterns (NaN boxing included) is passed through untouched.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct in { uint32_t op, rm, frm, flags; uint64_t a, b, c; };
struct out { uint64_t result, flags; };

/* One asm block: set frm and fflags, load operands, run BODY, read and clear fflags. */
#define RUN(BODY)                                                                      \
    __asm__ volatile("fsrm %[frm]\n\tfsflags %[pre]\n\t"                               \
                     "fmv.d.x ft0, %[a]\n\tfmv.d.x ft1, %[b]\n\tfmv.d.x ft2, %[c]\n\t" \
                     BODY "\n\tfsflags %[fl], zero"                                    \
                     : [r] "=&r"(r), [fl] "=&r"(fl)                                    \
                     : [a] "r"(a), [b] "r"(b), [c] "r"(c), [frm] "r"(frm), [pre] "r"(pre) \
                     : "ft0", "ft1", "ft2", "ft3")

#define TO_X "\n\tfmv.x.d %[r], ft3"

/* Operand shapes; RMN is the mode's assembler name, RMV its number (for .insn). */
#define FF_RM(I, RMN, RMV) RUN(I " ft3, ft0, ft1, " RMN TO_X)
#define F_RM(I, RMN, RMV) RUN(I " ft3, ft0, " RMN TO_X)
#define FFF_RM(I, RMN, RMV) RUN(I " ft3, ft0, ft1, ft2, " RMN TO_X)
#define XF_RM(I, RMN, RMV) RUN(I " %[r], ft0, " RMN)
#define FX_RM(I, RMN, RMV) RUN(I " ft3, %[a], " RMN TO_X)
/* binutils 2.40 accepts only rm=rne for the exact conversions: spell them as .insn */
#define DW_RM(RS2, RMN, RMV) RUN(".insn r 0x53, " RMV ", 0x69, ft3, %[a], " RS2 TO_X)
#define DS_RM(RS2, RMN, RMV) RUN(".insn r 0x53, " RMV ", 0x21, ft3, ft0, " RS2 TO_X)
#define FF(I) RUN(I " ft3, ft0, ft1" TO_X)
#define XFF(I) RUN(I " %[r], ft0, ft1")
#define XF(I) RUN(I " %[r], ft0")
#define FX(I) RUN(I " ft3, %[a]" TO_X)

#define WITH_RM(SHAPE, I)                                          \
    switch (in->rm) {                                              \
    case 0: SHAPE(I, "rne", "0"); break;                           \
    case 1: SHAPE(I, "rtz", "1"); break;                           \
    case 2: SHAPE(I, "rdn", "2"); break;                           \
    case 3: SHAPE(I, "rup", "3"); break;                           \
    case 4: SHAPE(I, "rmm", "4"); break;                           \
    default: SHAPE(I, "dyn", "7"); break;                          \
    }

#define OPS(R, N)                                                                          \
    R(FF_RM, fadd_s, "fadd.s") R(FF_RM, fsub_s, "fsub.s") R(FF_RM, fmul_s, "fmul.s")       \
    R(FF_RM, fdiv_s, "fdiv.s") R(F_RM, fsqrt_s, "fsqrt.s")                                 \
    N(FF, fmin_s, "fmin.s") N(FF, fmax_s, "fmax.s")                                        \
    R(FFF_RM, fmadd_s, "fmadd.s") R(FFF_RM, fmsub_s, "fmsub.s")                            \
    R(FFF_RM, fnmsub_s, "fnmsub.s") R(FFF_RM, fnmadd_s, "fnmadd.s")                        \
    N(FF, fsgnj_s, "fsgnj.s") N(FF, fsgnjn_s, "fsgnjn.s") N(FF, fsgnjx_s, "fsgnjx.s")      \
    N(XFF, feq_s, "feq.s") N(XFF, flt_s, "flt.s") N(XFF, fle_s, "fle.s")                   \
    N(XF, fclass_s, "fclass.s")                                                            \
    R(XF_RM, fcvt_w_s, "fcvt.w.s") R(XF_RM, fcvt_wu_s, "fcvt.wu.s")                        \
    R(XF_RM, fcvt_l_s, "fcvt.l.s") R(XF_RM, fcvt_lu_s, "fcvt.lu.s")                        \
    R(FX_RM, fcvt_s_w, "fcvt.s.w") R(FX_RM, fcvt_s_wu, "fcvt.s.wu")                        \
    R(FX_RM, fcvt_s_l, "fcvt.s.l") R(FX_RM, fcvt_s_lu, "fcvt.s.lu")                        \
    N(XF, fmv_x_w, "fmv.x.w") N(FX, fmv_w_x, "fmv.w.x")                                    \
    R(FF_RM, fadd_d, "fadd.d") R(FF_RM, fsub_d, "fsub.d") R(FF_RM, fmul_d, "fmul.d")       \
    R(FF_RM, fdiv_d, "fdiv.d") R(F_RM, fsqrt_d, "fsqrt.d")                                 \
    N(FF, fmin_d, "fmin.d") N(FF, fmax_d, "fmax.d")                                        \
    R(FFF_RM, fmadd_d, "fmadd.d") R(FFF_RM, fmsub_d, "fmsub.d")                            \
    R(FFF_RM, fnmsub_d, "fnmsub.d") R(FFF_RM, fnmadd_d, "fnmadd.d")                        \
    N(FF, fsgnj_d, "fsgnj.d") N(FF, fsgnjn_d, "fsgnjn.d") N(FF, fsgnjx_d, "fsgnjx.d")      \
    N(XFF, feq_d, "feq.d") N(XFF, flt_d, "flt.d") N(XFF, fle_d, "fle.d")                   \
    N(XF, fclass_d, "fclass.d")                                                            \
    R(XF_RM, fcvt_w_d, "fcvt.w.d") R(XF_RM, fcvt_wu_d, "fcvt.wu.d")                        \
    R(XF_RM, fcvt_l_d, "fcvt.l.d") R(XF_RM, fcvt_lu_d, "fcvt.lu.d")                        \
    R(DW_RM, fcvt_d_w, "x0") R(DW_RM, fcvt_d_wu, "x1")                                     \
    R(FX_RM, fcvt_d_l, "fcvt.d.l") R(FX_RM, fcvt_d_lu, "fcvt.d.lu")                        \
    R(F_RM, fcvt_s_d, "fcvt.s.d") R(DS_RM, fcvt_d_s, "x0")                                 \
    N(XF, fmv_x_d, "fmv.x.d") N(FX, fmv_d_x, "fmv.d.x")

#define DEFINE_RM(SHAPE, ID, I)                                                  \
    static void run_##ID(const struct in *in, struct out *o) {                   \
        uint64_t r = 0, fl, a = in->a, b = in->b, c = in->c, frm = in->frm, pre = in->flags;      \
        WITH_RM(SHAPE, I)                                                        \
        o->result = r;                                                           \
        o->flags = fl;                                                           \
    }
#define DEFINE(SHAPE, ID, I)                                                     \
    static void run_##ID(const struct in *in, struct out *o) {                   \
        uint64_t r = 0, fl, a = in->a, b = in->b, c = in->c, frm = in->frm, pre = in->flags;      \
        SHAPE(I);                                                                \
        o->result = r;                                                           \
        o->flags = fl;                                                           \
    }
OPS(DEFINE_RM, DEFINE)

#define ENTRY(SHAPE, ID, I) {#ID, run_##ID},
static const struct { const char *name; void (*run)(const struct in *, struct out *); } ops[] = {
    OPS(ENTRY, ENTRY)
};
#define NOPS (sizeof ops / sizeof ops[0])

static sigjmp_buf trap;

static void on_sigill(int sig) {
    (void) sig;
    siglongjmp(trap, 1);
}

static size_t read_full(void *buf, size_t len) {
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(0, (char *) buf + got, len - got);
        if (n <= 0) break;
        got += (size_t) n;
    }
    return got;
}

static int write_full(const void *buf, size_t len) {
    while (len > 0) {
        ssize_t n = write(1, buf, len);
        if (n <= 0) return -1;
        buf = (const char *) buf + n;
        len -= (size_t) n;
    }
    return 0;
}

#define CHUNK 4096
static struct in ibuf[CHUNK];
static struct out obuf[CHUNK];

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--list") == 0) {
        for (size_t i = 0; i < NOPS; i++) printf("%s\n", ops[i].name);
        return 0;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigill;
    sa.sa_flags = SA_NODEFER; /* we leave the handler by siglongjmp, SIGILL must stay unblocked */
    sigaction(SIGILL, &sa, NULL);
    for (;;) {
        size_t bytes = read_full(ibuf, sizeof ibuf);
        size_t n = bytes / sizeof ibuf[0];
        for (volatile size_t i = 0; i < n; i++) {
            const struct in *in = &ibuf[i];
            if (in->op >= NOPS) return 2;
            if (in->frm > 4 && sigsetjmp(trap, 0)) {
                obuf[i].result = 0;
                obuf[i].flags = 0x100;
                __asm__ volatile("fsflags zero");
                continue;
            }
            ops[in->op].run(in, &obuf[i]);
        }
        if (n > 0 && write_full(obuf, n * sizeof obuf[0]) != 0) return 3;
        if (bytes < sizeof ibuf) return 0;
    }
}
