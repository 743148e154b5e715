/*
 * Zicsr on the CSRs a user-mode program has: fflags, frm and fcsr through every CSR
 * instruction (register and immediate forms, rd = x0 and rs1 = x0 forms, the objdump aliases
 * frflags/fsflags/frrm/fsrm/frcsr/fscsr and their immediate forms), the field masks of each,
 * and the read-only counters cycle, time and instret (readable through rdcycle/rdtime/
 * rdinstret and the general forms that do not write, increasing). The accesses that must be
 * illegal (writing a counter, an unknown or machine-mode CSR) are in sigill_handled.S.
 */
#include "macros.h"

#define SYS_nanosleep 101

TEST_BEGIN
        fscsr x0

        /* ---- csrrw / csrrs / csrrc on fflags: old value in rd, 5-bit field ---- */
        TEST_CASE(0, li a1, 0x15; csrrw a4, fflags, a1)
        TEST_CASE(0x15, li a1, 0x0a; csrrw a4, fflags, a1)
        TEST_CASE(0x0a, csrr a4, fflags)
        TEST_CASE(0x0a, li a1, 0x11; csrrs a4, fflags, a1)
        TEST_CASE(0x1b, csrr a4, fflags)
        TEST_CASE(0x1b, li a1, 0x03; csrrc a4, fflags, a1)
        TEST_CASE(0x18, csrr a4, fflags)
        TEST_CASE(0x1f, li a1, 0xffffffffffffffff; csrw fflags, a1; csrr a4, fflags)   /* masked */
        TEST_CASE(0x1f, li a1, 0x20; csrw fflags, a1; li a1, 0x0f; csrs fflags, a1; csrr a4, fflags; xori a4, a4, 0x10)
        TEST_CASE(0x0e, li a1, 0x01; csrc fflags, a1; csrr a4, fflags)
        TEST_CASE(0x0e, csrrs a4, fflags, x0)          /* rs1 = x0: read without writing */
        TEST_CASE(0x0e, csrrc a4, fflags, x0)
        TEST_CASE(0x0e, csrr a4, fflags)
        /* rd = rs1: the old value lands in the register after the new value was taken from it */
        TEST_CASE(0x0e, li a4, 0x03; csrrw a4, fflags, a4)
        TEST_CASE(0x03, csrr a4, fflags)

        /* ---- immediate forms: 5-bit zero-extended uimm ---- */
        TEST_CASE(0x03, csrrwi a4, fflags, 0x1c)
        TEST_CASE(0x1c, csrrsi a4, fflags, 0x01)
        TEST_CASE(0x1d, csrrci a4, fflags, 0x18)
        TEST_CASE(0x05, csrr a4, fflags)
        TEST_CASE(0x05, csrrsi a4, fflags, 0)          /* uimm = 0: no write */
        TEST_CASE(0x05, csrrci a4, fflags, 0)
        TEST_CASE(0x1f, csrwi fflags, 0x1f; csrr a4, fflags)
        TEST_CASE(0x0f, csrci fflags, 0x10; csrr a4, fflags)
        TEST_CASE(0x1f, csrsi fflags, 0x10; csrr a4, fflags)
        TEST_CASE(0x00, csrwi fflags, 0; csrr a4, fflags)

        /* ---- frm: 3-bit field; reserved values 5-7 can be written (using them is illegal) ---- */
        TEST_CASE(0, li a1, 3; csrrw a4, frm, a1)
        TEST_CASE(3, csrr a4, frm)
        TEST_CASE(3, li a1, 4; csrrs a4, frm, a1)
        TEST_CASE(7, csrr a4, frm)
        TEST_CASE(7, li a1, 2; csrrc a4, frm, a1)
        TEST_CASE(5, csrr a4, frm)
        TEST_CASE(7, li a1, 0xff; csrw frm, a1; csrr a4, frm)   /* masked to 3 bits */
        TEST_CASE(7, csrrwi a4, frm, 1)
        TEST_CASE(1, csrrsi a4, frm, 2)
        TEST_CASE(3, csrrci a4, frm, 1)
        TEST_CASE(2, csrr a4, frm)
        TEST_CASE(0, csrwi frm, 0x18; csrr a4, frm)             /* uimm 0x18 masked to 0 */
        /* frm does not touch fflags and the reverse */
        TEST_CASE(0x15, csrwi fflags, 0x15; csrwi frm, 4; csrr a4, fflags)
        TEST_CASE(4, csrwi fflags, 0x0a; csrr a4, frm)

        /* ---- fcsr = frm << 5 | fflags; bits above 7 read as zero ---- */
        TEST_CASE(0x8a, csrr a4, fcsr)
        TEST_CASE(0x8a, li a1, 0x65; csrrw a4, fcsr, a1)
        TEST_CASE(3, csrr a4, frm)
        TEST_CASE(5, csrr a4, fflags)
        TEST_CASE(0xff, li a1, 0xffffffffffffffff; csrw fcsr, a1; csrr a4, fcsr)
        TEST_CASE(0xff, li a1, 0x100; csrw fcsr, a1; li a1, 0xffff; csrs fcsr, a1; csrr a4, fcsr)
        TEST_CASE(0xe0, li a1, 0x1f; csrc fcsr, a1; csrr a4, fcsr)
        TEST_CASE(0xe0, csrrwi a4, fcsr, 0x1f)
        TEST_CASE(0x1f, csrr a4, fcsr)
        TEST_CASE(0x1f, csrrsi a4, fcsr, 0)
        TEST_CASE(0x1f, csrrci a4, fcsr, 0x0f)
        TEST_CASE(0x10, csrr a4, fcsr)

        /* ---- the aliases objdump prints: frcsr fscsr frrm fsrm fsrmi frflags fsflags fsflagsi ---- */
        TEST_CASE(0x10, frcsr a4)
        TEST_CASE(0x10, li a1, 0x4c; fscsr a4, a1)
        TEST_CASE(0x4c, frcsr a4)
        TEST_CASE(0, li a1, 0x00; fscsr a1; frcsr a4)
        TEST_CASE(0, frrm a4)
        TEST_CASE(0, li a1, 1; fsrm a4, a1)
        TEST_CASE(2, li a1, 2; fsrm a1; frrm a4)
        TEST_CASE(2, fsrmi a4, 4)
        TEST_CASE(3, fsrmi 3; frrm a4)
        TEST_CASE(0, frflags a4)
        TEST_CASE(0, li a1, 0x11; fsflags a4, a1)
        TEST_CASE(0x06, li a1, 0x06; fsflags a1; frflags a4)
        TEST_CASE(0x06, fsflagsi a4, 0x08)
        TEST_CASE(0x09, fsflagsi 0x09; frflags a4)
        TEST_CASE(0x69, frcsr a4)

        /* ---- FP instructions raise flags visible in all three CSRs; the frm field rounds ---- */
        fscsr x0
        TEST_CASE(0x08, li a1, 0x3f800000; fmv.w.x f1, a1; fmv.w.x f2, x0; fdiv.s f3, f1, f2; frflags a4)
        TEST_CASE(0x08, frcsr a4)
        TEST_CASE(0x28, li a1, 1; fsrm a1; frcsr a4)
        /* 1/3 rounded toward zero under frm = rtz, then up under frm = rup */
        TEST_CASE(0x3eaaaaaa, li a1, 0x40400000; fmv.w.x f2, a1; fdiv.s f3, f1, f2; fmv.x.w a4, f3)
        TEST_CASE(0x29, frcsr a4)
        TEST_CASE(0x3eaaaaab, fsrmi 3; fdiv.s f3, f1, f2; fmv.x.w a4, f3)
        TEST_CASE(0x69, frcsr a4)
        fscsr x0

        /* ---- counters: cycle, time, instret through every read-only form ---- */
        /* cycle and time never go backwards; instret moves with every instruction */
        TEST_CASE(1, rdcycle a1; rdcycle a2; sltu a4, a2, a1; seqz a4, a4)
        TEST_CASE(1, rdinstret a1; nop; rdinstret a2; sltu a4, a1, a2)
        TEST_CASE(1, rdtime a1; rdtime a2; sltu a4, a2, a1; seqz a4, a4)
        TEST_CASE(1, csrr a1, cycle; csrr a2, cycle; sltu a4, a2, a1; seqz a4, a4)
        TEST_CASE(1, csrr a1, instret; csrr a2, instret; sltu a4, a1, a2)
        TEST_CASE(1, csrrs a1, instret, x0; csrrc a2, instret, x0; sltu a4, a1, a2)
        TEST_CASE(1, csrrsi a1, instret, 0; csrrci a2, instret, 0; sltu a4, a1, a2)
        TEST_CASE(1, csrrsi a1, cycle, 0; csrrci a2, cycle, 0; sltu a4, a2, a1; seqz a4, a4)
        TEST_CASE(1, csrrs a1, time, x0; csrrci a2, time, 0; sltu a4, a2, a1; seqz a4, a4)
        /* instret counts the instructions in between: a 1000-iteration loop adds at least 2000 */
        NEXT_TEST
        li a5, 1000
        rdinstret a1
1:      addi a5, a5, -1
        bnez a5, 1b
        rdinstret a2
        sub a4, a2, a1
        sltiu a4, a4, 2000
        CHECK_A4(0, "instret across a 1000-iteration loop")
        /* time moves on across a 2 ms sleep */
        NEXT_TEST
        rdtime s0
        lla a0, sleep_2ms
        li a1, 0
        li a7, SYS_nanosleep
        ecall
        rdtime s1
        sltu a4, s0, s1
        CHECK_A4(1, "time after nanosleep(2 ms)")
        /* the counters are 64 bits wide and never read as zero in a running program */
        TEST_CASE(1, rdcycle a4; snez a4, a4)
        TEST_CASE(1, rdinstret a4; snez a4, a4)

        .section .rodata
        .balign 8
sleep_2ms:
        .dword 0, 2000000

TEST_END
