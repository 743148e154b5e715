/*
 * Illegal instructions with a SIGILL handler installed (rt_sigaction, SA_SIGINFO). For every
 * encoding below the handler must run exactly once with signal 4, si_code ILL_ILLOPC and
 * si_addr = the faulting pc, the ucontext pc must be that pc too, and after the handler moves
 * the ucontext pc past it and returns, the interrupted program continues with the registers it
 * had (the handler clobbers t0 and f5; sigreturn must restore them).
 *
 * The encodings: c.unimp (0x0000), the all-ones word, unimp (csrrw x0, cycle, x0), the
 * reserved compressed forms the decoder rejects, reserved major opcodes and funct fields,
 * FP with reserved rounding modes (static 5/6, dyn under frm = 5 and 7), writes to read-only
 * counters (including csrrs with a zero-valued rs1 that is not x0), CSRs a user-mode program
 * does not have, and the privileged instructions. The same handler, installed for SIGTRAP,
 * checks ebreak and c.ebreak (SIGTRAP, TRAP_BRKPT, si_addr = their pc).
 */
#include "macros.h"

#define SIGILL 4
#define SIGTRAP 5
#define SA_SIGINFO 4
#define ILL_ILLOPC 1
#define TRAP_BRKPT 1
#define UC_PC 176                   /* offsetof(ucontext_t, uc_mcontext.__gregs[0]) on riscv64 */

/*
 * Executes the one instruction given, which must raise `signal` with `code` (a3, a4, a5, s1,
 * t0 and f5 are used around it), and checks what the handler recorded.
 */
#define TEST_ILLEGAL(...) TEST_SIGNAL(SIGILL, ILL_ILLOPC, __VA_ARGS__)
#define TEST_SIGNAL(signal, code, ...) \
        NEXT_TEST; .set SIGNALS, SIGNALS + 1; lla a5, 8883f; lla a3, resume_pc; sd a5, 0(a3); \
        lla a3, ill_count; ld s1, 0(a3); li t0, 0x7070; li a5, 0x5f5f; fmv.d.x f5, a5; \
        8882: __VA_ARGS__; \
        8883: lla a3, ill_count; ld a4, 0(a3); sub a4, a4, s1; CHECK_A4(1, #__VA_ARGS__ ": one signal"); \
        lla a3, ill_signo; ld a4, 0(a3); CHECK_A4(signal, #__VA_ARGS__ ": signal number"); \
        lla a3, ill_code; ld a4, 0(a3); CHECK_A4(code, #__VA_ARGS__ ": si_code"); \
        lla a3, ill_addr; ld a4, 0(a3); CHECK_A4_ADDR(8882b, #__VA_ARGS__ ": si_addr"); \
        lla a3, ill_pc; ld a4, 0(a3); CHECK_A4_ADDR(8882b, #__VA_ARGS__ ": ucontext pc"); \
        mv a4, t0; CHECK_A4(0x7070, #__VA_ARGS__ ": t0 after sigreturn"); \
        fmv.x.d a4, f5; CHECK_A4(0x5f5f, #__VA_ARGS__ ": f5 after sigreturn")

TEST_BEGIN
        .set SIGNALS, 0             /* how many signals the tests expect */
        /* rt_sigaction(SIGILL, &ill_action, NULL, sizeof(sigset_t)) */
        li a0, SIGILL
        lla a1, ill_action
        li a2, 0
        li a3, 8
        li a7, SYS_rt_sigaction
        ecall
        mv a4, a0
        NEXT_TEST
        CHECK_A4(0, "rt_sigaction(SIGILL)")
        li a0, SIGTRAP
        lla a1, ill_action
        li a2, 0
        li a3, 8
        li a7, SYS_rt_sigaction
        ecall
        mv a4, a0
        NEXT_TEST
        CHECK_A4(0, "rt_sigaction(SIGTRAP)")

        /* ---- the all-zero halfword and the all-ones word ---- */
        TEST_ILLEGAL(.insn 2, 0x0000)       /* c.unimp */
        TEST_ILLEGAL(.4byte 0x00000000)     /* two c.unimp: the first one traps */
        TEST_ILLEGAL(.4byte 0xffffffff)
        TEST_ILLEGAL(unimp)                 /* csrrw x0, cycle, x0 */

        /* ---- reserved compressed encodings ---- */
        TEST_ILLEGAL(.insn 2, 0x0008)       /* c.addi4spn a0, sp, 0 */
        TEST_ILLEGAL(.insn 2, 0x6101)       /* c.addi16sp sp, 0 */
        TEST_ILLEGAL(.insn 2, 0x6701)       /* c.lui a4, 0 */
        TEST_ILLEGAL(.insn 2, 0x4002)       /* c.lwsp x0, 0(sp) */
        TEST_ILLEGAL(.insn 2, 0x6002)       /* c.ldsp x0, 0(sp) */
        TEST_ILLEGAL(.insn 2, 0x8002)       /* c.jr x0 */
        TEST_ILLEGAL(.insn 2, 0x2001)       /* c.addiw x0, 0 */
        TEST_ILLEGAL(.insn 2, 0x9c41)       /* CA funct6 100111, funct2 10: reserved on RV64 */

        /* ---- reserved opcodes and function fields ---- */
        TEST_ILLEGAL(.insn 4, 0x0000000b)   /* custom-0 */
        TEST_ILLEGAL(.insn 4, 0xfe000033)   /* OP with funct7 = 0x7f */
        TEST_ILLEGAL(.insn 4, 0x00007003)   /* LOAD funct3 = 7 */
        TEST_ILLEGAL(.insn 4, 0x00004023)   /* STORE funct3 = 4 */
        TEST_ILLEGAL(.insn 4, 0x00002063)   /* BRANCH funct3 = 2 */
        TEST_ILLEGAL(.insn 4, 0x00001067)   /* JALR funct3 = 1 */
        TEST_ILLEGAL(.insn 4, 0x0205151b)   /* slliw a0, a0, 32: shamt[5] set */
        TEST_ILLEGAL(.insn 4, 0x4205551b)   /* sraiw with shamt[5] set */
        TEST_ILLEGAL(.insn 4, 0xfe00003b)   /* OP-32 with funct7 = 0x7f */
        TEST_ILLEGAL(.insn 4, 0x0000201b)   /* OP-IMM-32 funct3 = 2 */
        TEST_ILLEGAL(.insn 4, 0x2805252f)   /* AMO funct5 = 00101 */
        TEST_ILLEGAL(.insn 4, 0x1015252f)   /* lr.w with rs2 = 1 */
        TEST_ILLEGAL(.insn 4, 0x0005452f)   /* AMO width funct3 = 4 */
        TEST_ILLEGAL(.insn 4, 0xe0151553)   /* fmv.x.w with rs2 = 1 */

        /* ---- FP rounding modes 5 and 6 are reserved, and so is dyn under frm 5..7 ---- */
        TEST_ILLEGAL(.insn 4, 0x00a55553)   /* fadd.s fa0, fa0, fa0, rm = 5 */
        TEST_ILLEGAL(.insn 4, 0x02a56553)   /* fadd.d fa0, fa0, fa0, rm = 6 */
        TEST_ILLEGAL(.insn 4, 0xc0056553)   /* fcvt.w.s a0, fa0, rm = 6 */
        fsrmi 5
        TEST_ILLEGAL(fadd.s fa0, fa0, fa0)
        fsrmi 7
        TEST_ILLEGAL(fmul.d fa0, fa0, fa0, dyn)
        fsrmi 6
        TEST_ILLEGAL(fsqrt.d fa0, fa0)
        fsrmi 0

        /* ---- CSRs: writing a read-only counter, CSRs a user-mode program does not have ---- */
        TEST_ILLEGAL(csrw cycle, a1)
        TEST_ILLEGAL(csrrwi a0, instret, 0)
        li s2, 0
        /* rs1 is not x0, so these write (an unchanged value), which a read-only CSR forbids */
        QEMU_BUG(TEST_ILLEGAL(csrrs a0, time, s2))      /* qemu 7.2: no trap */
        QEMU_BUG(TEST_ILLEGAL(csrrc a0, instret, s2))   /* qemu 7.2: no trap */
        TEST_ILLEGAL(csrrci a0, cycle, 1)
        TEST_ILLEGAL(csrr a0, 0xc80)        /* cycleh: RV32 only */
        TEST_ILLEGAL(csrr a0, mstatus)
        TEST_ILLEGAL(csrr a0, sstatus)
        TEST_ILLEGAL(csrr a0, satp)
        TEST_ILLEGAL(csrr a0, mhartid)
        TEST_ILLEGAL(csrw 0x7ff, a1)

        /* ---- privileged instructions ---- */
        TEST_ILLEGAL(mret)
        TEST_ILLEGAL(sret)
        TEST_ILLEGAL(wfi)
        TEST_ILLEGAL(sfence.vma)
        TEST_ILLEGAL(.insn 4, 0x00200073)   /* uret */
        TEST_ILLEGAL(.insn 4, 0x20200073)   /* hret */
        TEST_ILLEGAL(.insn 4, 0x7b200073)   /* dret */
        TEST_ILLEGAL(.insn 4, 0x10400073)   /* sfence.vm (privileged spec 1.9) */
        TEST_ILLEGAL(.insn 4, 0x10450073)   /* sfence.vm a0 */
        TEST_ILLEGAL(.insn 4, 0x12a50073)   /* sfence.vma a0, a0 */

        /* ---- ebreak and c.ebreak are legal: they raise SIGTRAP (TRAP_BRKPT) at their pc ---- */
        TEST_SIGNAL(SIGTRAP, TRAP_BRKPT, ebreak)
        TEST_SIGNAL(SIGTRAP, TRAP_BRKPT, .insn 2, 0x9002)  /* c.ebreak */

        /* the handler ran once per test above */
        NEXT_TEST
        lla a3, ill_count
        ld a4, 0(a3)
        CHECK_A4(SIGNALS, "total signal count")

        j 1f

        /* the handler: a0 = signal, a1 = siginfo, a2 = ucontext */
ill_handler:
        lla t1, ill_count
        ld t2, 0(t1)
        addi t2, t2, 1
        sd t2, 0(t1)
        lla t1, ill_signo
        sd a0, 0(t1)
        lw t2, 8(a1)                /* si_code */
        lla t1, ill_code
        sd t2, 0(t1)
        ld t2, 16(a1)               /* si_addr */
        lla t1, ill_addr
        sd t2, 0(t1)
        ld t2, UC_PC(a2)
        lla t1, ill_pc
        sd t2, 0(t1)
        lla t1, resume_pc           /* continue after the illegal instruction */
        ld t2, 0(t1)
        sd t2, UC_PC(a2)
        li t0, 0xdead               /* clobbered here, restored by sigreturn */
        fmv.d.x f5, t0
        ret
1:

        .data
        .balign 8
ill_action:                         /* struct sigaction: handler, flags, mask */
        .dword ill_handler, SA_SIGINFO, 0
resume_pc:      .dword 0
ill_count:      .dword 0
ill_signo:      .dword 0
ill_code:       .dword 0
ill_addr:       .dword 0
ill_pc:         .dword 0

TEST_END
