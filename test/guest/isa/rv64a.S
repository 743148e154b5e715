/*
 * A extension: lr/sc success and failure (no reservation, reservation already used by an sc,
 * sc to another address), every AMO in .w and .d with each ordering suffix, sign-extension of
 * the .w results and of lr.w, the upper word next to a .w AMO left alone, signed against
 * unsigned amomin/amomax, and rd = x0 / rd = rs2.
 */
#include "macros.h"

/*
 * The doubleword at amo_buf holds `init`; `inst` with rs2 = `operand` must return `rd_value`
 * and leave `mem_value` in the doubleword (for .w, the upper word is a sentinel that must not
 * change).
 */
#define TEST_AMO(inst, rd_value, mem_value, init, operand) \
        NEXT_TEST; lla a1, amo_buf; li a2, init; sd a2, 0(a1); li a3, operand; \
        inst a4, a3, (a1); CHECK_A4(rd_value, #inst " " #init ", " #operand ": rd"); \
        ld a4, 0(a1); CHECK_A4(mem_value, #inst " " #init ", " #operand ": memory")

TEST_BEGIN
        lla s0, lr_word             /* s0: a word for lr/sc, s1: a doubleword, s2: far away */
        lla s1, lr_dword
        lla s2, far_word

        /* ---- sc without any reservation fails and does not store ---- */
        li a2, 0x11111111
        sw a2, 0(s0)
        TEST_CASE(1, li a3, 0x22; sc.w a4, a3, (s0); snez a4, a4)
        TEST_CASE(0x11111111, lw a4, 0(s0))
        TEST_CASE(1, li a3, 0x22; sc.d a4, a3, (s1); snez a4, a4)

        /* ---- lr.w / sc.w: lr sign-extends, sc writes 0 on success and stores ---- */
        li a2, 0x80000001
        sw a2, 0(s0)
        TEST_CASE(0xffffffff80000001, lr.w a4, (s0))
        TEST_CASE(0, li a3, 0x12345678; sc.w a4, a3, (s0))
        TEST_CASE(0x12345678, lw a4, 0(s0))
        /* the reservation is used up: a second sc fails */
        TEST_CASE(1, li a3, 0x77; sc.w a4, a3, (s0); snez a4, a4)
        TEST_CASE(0x12345678, lw a4, 0(s0))
        /* an sc to another address fails, and ends the reservation for the first one too */
        li a2, 0x33333333
        sw a2, 0(s2)
        TEST_CASE(0x12345678, lr.w a4, (s0))
        TEST_CASE(1, li a3, 0x44; sc.w a4, a3, (s2); snez a4, a4)
        TEST_CASE(0x33333333, lw a4, 0(s2))
        TEST_CASE(1, li a3, 0x55; sc.w a4, a3, (s0); snez a4, a4)
        TEST_CASE(0x12345678, lw a4, 0(s0))
        /* ordering suffixes */
        TEST_CASE(0x12345678, lr.w.aq a4, (s0))
        TEST_CASE(0, li a3, -1; sc.w.rl a4, a3, (s0))
        TEST_CASE(0xffffffffffffffff, lr.w.aqrl a4, (s0))
        TEST_CASE(0, li a3, 0x7fffffff; sc.w.aqrl a4, a3, (s0))
        TEST_CASE(0x7fffffff, lr.w.rl a4, (s0))
        TEST_CASE(0, li a3, 5; sc.w.aq a4, a3, (s0))
        TEST_CASE(5, lw a4, 0(s0))
        /* sc.w stores only the low word of rs2 */
        li a2, 0x6666666666666666
        sd a2, 0(s1)
        TEST_CASE(0x66666666, lr.w a4, (s1))
        TEST_CASE(0, li a3, 0xabcdef0180000000; sc.w a4, a3, (s1))
        TEST_CASE(0x6666666680000000, ld a4, 0(s1))

        /* ---- lr.d / sc.d ---- */
        li a2, 0x8000000000000001
        sd a2, 0(s1)
        TEST_CASE(0x8000000000000001, lr.d a4, (s1))
        TEST_CASE(0, li a3, 0x0123456789abcdef; sc.d a4, a3, (s1))
        TEST_CASE(0x0123456789abcdef, ld a4, 0(s1))
        TEST_CASE(1, li a3, 0x77; sc.d a4, a3, (s1); snez a4, a4)
        TEST_CASE(0x0123456789abcdef, ld a4, 0(s1))
        TEST_CASE(0x0123456789abcdef, lr.d.aq a4, (s1))
        TEST_CASE(0, li a3, -2; sc.d.rl a4, a3, (s1))
        TEST_CASE(0xfffffffffffffffe, lr.d.aqrl a4, (s1))
        TEST_CASE(0, li a3, 3; sc.d.aqrl a4, a3, (s1))
        TEST_CASE(3, lr.d.rl a4, (s1))
        TEST_CASE(0, li a3, 4; sc.d.aq a4, a3, (s1))
        TEST_CASE(4, ld a4, 0(s1))
        /* lr.d; sc.d to another address fails */
        TEST_CASE(4, lr.d a4, (s1))
        TEST_CASE(1, li a3, 9; sc.d a4, a3, (s2); snez a4, a4)
        TEST_CASE(1, li a3, 9; sc.d a4, a3, (s1); snez a4, a4)
        TEST_CASE(4, ld a4, 0(s1))
        /* rd = rs2 on sc: the status overwrites the source after the store */
        TEST_CASE(0, lr.d a4, (s1); li a4, 0x4242; sc.d a4, a4, (s1))
        TEST_CASE(0x4242, ld a4, 0(s1))

        /* ---- an lr/sc retry loop: 100 atomic increments ---- */
        NEXT_TEST
        sw x0, 0(s0)
        li a5, 100
1:      lr.w a2, (s0)
        addi a2, a2, 1
        sc.w a3, a2, (s0)
        bnez a3, 1b
        addi a5, a5, -1
        bnez a5, 1b
        lw a4, 0(s0)
        CHECK_A4(100, "lr/sc increment loop")

        /* ---- AMOs: rd = x0 drops the old value, rd = rs2, rd = rs1 ---- */
        TEST_CASE(0x15, li a2, 5; sd a2, 0(s1); li a3, 0x10; amoor.d x0, a3, (s1); ld a4, 0(s1))
        TEST_CASE(0x10, li a2, 7; sw a2, 0(s0); li a4, 0x10; amoswap.w a4, a4, (s0); lw a4, 0(s0))
        TEST_CASE(7, li a2, 7; sw a2, 0(s0); li a4, 0x10; amoswap.w a4, a4, (s0))
        TEST_CASE(9, li a2, 9; sd a2, 0(s1); mv a4, s1; li a3, 1; amoadd.d a4, a3, (a4))
        TEST_CASE(10, ld a4, 0(s1))

        /* amoswap.w */
        TEST_AMO(amoswap.w, 0x1, 0x5a5a5a5a00000002, 0x5a5a5a5a00000001, 0x2)
        TEST_AMO(amoswap.w.aq, 0xffffffff80000000, 0x5a5a5a5a00000001, 0x5a5a5a5a80000000, 0x1)
        TEST_AMO(amoswap.w.rl, 0xffffffffffffffff, 0x5a5a5a5a00000001, 0x5a5a5a5affffffff, 0x1)
        TEST_AMO(amoswap.w.aqrl, 0x7fffffff, 0x5a5a5a5a80000000, 0x5a5a5a5a7fffffff, 0x80000000)
        TEST_AMO(amoswap.w, 0x12345678, 0x5a5a5a5a0f0f0f0f, 0x5a5a5a5a12345678, 0xffffffff0f0f0f0f)
        TEST_AMO(amoswap.w.aq, 0xffffffffffffffff, 0x5a5a5a5affffffff, 0x5a5a5a5affffffff, 0xffffffff)
        TEST_AMO(amoswap.w.rl, 0x0, 0x5a5a5a5a80000000, 0x5a5a5a5a00000000, 0x80000000)

        /* amoadd.w */
        TEST_AMO(amoadd.w, 0x1, 0x5a5a5a5a00000003, 0x5a5a5a5a00000001, 0x2)
        TEST_AMO(amoadd.w.aq, 0xffffffff80000000, 0x5a5a5a5a80000001, 0x5a5a5a5a80000000, 0x1)
        TEST_AMO(amoadd.w.rl, 0xffffffffffffffff, 0x5a5a5a5a00000000, 0x5a5a5a5affffffff, 0x1)
        TEST_AMO(amoadd.w.aqrl, 0x7fffffff, 0x5a5a5a5affffffff, 0x5a5a5a5a7fffffff, 0x80000000)
        TEST_AMO(amoadd.w, 0x12345678, 0x5a5a5a5a21436587, 0x5a5a5a5a12345678, 0xffffffff0f0f0f0f)
        TEST_AMO(amoadd.w.aq, 0xffffffffffffffff, 0x5a5a5a5afffffffe, 0x5a5a5a5affffffff, 0xffffffff)
        TEST_AMO(amoadd.w.rl, 0x0, 0x5a5a5a5a80000000, 0x5a5a5a5a00000000, 0x80000000)

        /* amoand.w */
        TEST_AMO(amoand.w, 0x1, 0x5a5a5a5a00000000, 0x5a5a5a5a00000001, 0x2)
        TEST_AMO(amoand.w.aq, 0xffffffff80000000, 0x5a5a5a5a00000000, 0x5a5a5a5a80000000, 0x1)
        TEST_AMO(amoand.w.rl, 0xffffffffffffffff, 0x5a5a5a5a00000001, 0x5a5a5a5affffffff, 0x1)
        TEST_AMO(amoand.w.aqrl, 0x7fffffff, 0x5a5a5a5a00000000, 0x5a5a5a5a7fffffff, 0x80000000)
        TEST_AMO(amoand.w, 0x12345678, 0x5a5a5a5a02040608, 0x5a5a5a5a12345678, 0xffffffff0f0f0f0f)
        TEST_AMO(amoand.w.aq, 0xffffffffffffffff, 0x5a5a5a5affffffff, 0x5a5a5a5affffffff, 0xffffffff)
        TEST_AMO(amoand.w.rl, 0x0, 0x5a5a5a5a00000000, 0x5a5a5a5a00000000, 0x80000000)

        /* amoor.w */
        TEST_AMO(amoor.w, 0x1, 0x5a5a5a5a00000003, 0x5a5a5a5a00000001, 0x2)
        TEST_AMO(amoor.w.aq, 0xffffffff80000000, 0x5a5a5a5a80000001, 0x5a5a5a5a80000000, 0x1)
        TEST_AMO(amoor.w.rl, 0xffffffffffffffff, 0x5a5a5a5affffffff, 0x5a5a5a5affffffff, 0x1)
        TEST_AMO(amoor.w.aqrl, 0x7fffffff, 0x5a5a5a5affffffff, 0x5a5a5a5a7fffffff, 0x80000000)
        TEST_AMO(amoor.w, 0x12345678, 0x5a5a5a5a1f3f5f7f, 0x5a5a5a5a12345678, 0xffffffff0f0f0f0f)
        TEST_AMO(amoor.w.aq, 0xffffffffffffffff, 0x5a5a5a5affffffff, 0x5a5a5a5affffffff, 0xffffffff)
        TEST_AMO(amoor.w.rl, 0x0, 0x5a5a5a5a80000000, 0x5a5a5a5a00000000, 0x80000000)

        /* amoxor.w */
        TEST_AMO(amoxor.w, 0x1, 0x5a5a5a5a00000003, 0x5a5a5a5a00000001, 0x2)
        TEST_AMO(amoxor.w.aq, 0xffffffff80000000, 0x5a5a5a5a80000001, 0x5a5a5a5a80000000, 0x1)
        TEST_AMO(amoxor.w.rl, 0xffffffffffffffff, 0x5a5a5a5afffffffe, 0x5a5a5a5affffffff, 0x1)
        TEST_AMO(amoxor.w.aqrl, 0x7fffffff, 0x5a5a5a5affffffff, 0x5a5a5a5a7fffffff, 0x80000000)
        TEST_AMO(amoxor.w, 0x12345678, 0x5a5a5a5a1d3b5977, 0x5a5a5a5a12345678, 0xffffffff0f0f0f0f)
        TEST_AMO(amoxor.w.aq, 0xffffffffffffffff, 0x5a5a5a5a00000000, 0x5a5a5a5affffffff, 0xffffffff)
        TEST_AMO(amoxor.w.rl, 0x0, 0x5a5a5a5a80000000, 0x5a5a5a5a00000000, 0x80000000)

        /* amomax.w */
        TEST_AMO(amomax.w, 0x1, 0x5a5a5a5a00000002, 0x5a5a5a5a00000001, 0x2)
        TEST_AMO(amomax.w.aq, 0xffffffff80000000, 0x5a5a5a5a00000001, 0x5a5a5a5a80000000, 0x1)
        TEST_AMO(amomax.w.rl, 0xffffffffffffffff, 0x5a5a5a5a00000001, 0x5a5a5a5affffffff, 0x1)
        TEST_AMO(amomax.w.aqrl, 0x7fffffff, 0x5a5a5a5a7fffffff, 0x5a5a5a5a7fffffff, 0x80000000)
        TEST_AMO(amomax.w, 0x12345678, 0x5a5a5a5a12345678, 0x5a5a5a5a12345678, 0xffffffff0f0f0f0f)
        TEST_AMO(amomax.w.aq, 0xffffffffffffffff, 0x5a5a5a5affffffff, 0x5a5a5a5affffffff, 0xffffffff)
        TEST_AMO(amomax.w.rl, 0x0, 0x5a5a5a5a00000000, 0x5a5a5a5a00000000, 0x80000000)

        /* amomaxu.w */
        TEST_AMO(amomaxu.w, 0x1, 0x5a5a5a5a00000002, 0x5a5a5a5a00000001, 0x2)
        TEST_AMO(amomaxu.w.aq, 0xffffffff80000000, 0x5a5a5a5a80000000, 0x5a5a5a5a80000000, 0x1)
        TEST_AMO(amomaxu.w.rl, 0xffffffffffffffff, 0x5a5a5a5affffffff, 0x5a5a5a5affffffff, 0x1)
        TEST_AMO(amomaxu.w.aqrl, 0x7fffffff, 0x5a5a5a5a80000000, 0x5a5a5a5a7fffffff, 0x80000000)
        TEST_AMO(amomaxu.w, 0x12345678, 0x5a5a5a5a12345678, 0x5a5a5a5a12345678, 0xffffffff0f0f0f0f)
        TEST_AMO(amomaxu.w.aq, 0xffffffffffffffff, 0x5a5a5a5affffffff, 0x5a5a5a5affffffff, 0xffffffff)
        TEST_AMO(amomaxu.w.rl, 0x0, 0x5a5a5a5a80000000, 0x5a5a5a5a00000000, 0x80000000)

        /* amomin.w */
        TEST_AMO(amomin.w, 0x1, 0x5a5a5a5a00000001, 0x5a5a5a5a00000001, 0x2)
        TEST_AMO(amomin.w.aq, 0xffffffff80000000, 0x5a5a5a5a80000000, 0x5a5a5a5a80000000, 0x1)
        TEST_AMO(amomin.w.rl, 0xffffffffffffffff, 0x5a5a5a5affffffff, 0x5a5a5a5affffffff, 0x1)
        TEST_AMO(amomin.w.aqrl, 0x7fffffff, 0x5a5a5a5a80000000, 0x5a5a5a5a7fffffff, 0x80000000)
        TEST_AMO(amomin.w, 0x12345678, 0x5a5a5a5a0f0f0f0f, 0x5a5a5a5a12345678, 0xffffffff0f0f0f0f)
        TEST_AMO(amomin.w.aq, 0xffffffffffffffff, 0x5a5a5a5affffffff, 0x5a5a5a5affffffff, 0xffffffff)
        TEST_AMO(amomin.w.rl, 0x0, 0x5a5a5a5a80000000, 0x5a5a5a5a00000000, 0x80000000)

        /* amominu.w */
        TEST_AMO(amominu.w, 0x1, 0x5a5a5a5a00000001, 0x5a5a5a5a00000001, 0x2)
        TEST_AMO(amominu.w.aq, 0xffffffff80000000, 0x5a5a5a5a00000001, 0x5a5a5a5a80000000, 0x1)
        TEST_AMO(amominu.w.rl, 0xffffffffffffffff, 0x5a5a5a5a00000001, 0x5a5a5a5affffffff, 0x1)
        TEST_AMO(amominu.w.aqrl, 0x7fffffff, 0x5a5a5a5a7fffffff, 0x5a5a5a5a7fffffff, 0x80000000)
        TEST_AMO(amominu.w, 0x12345678, 0x5a5a5a5a0f0f0f0f, 0x5a5a5a5a12345678, 0xffffffff0f0f0f0f)
        TEST_AMO(amominu.w.aq, 0xffffffffffffffff, 0x5a5a5a5affffffff, 0x5a5a5a5affffffff, 0xffffffff)
        TEST_AMO(amominu.w.rl, 0x0, 0x5a5a5a5a00000000, 0x5a5a5a5a00000000, 0x80000000)

        /* amoswap.d */
        TEST_AMO(amoswap.d, 0x1, 0x2, 0x1, 0x2)
        TEST_AMO(amoswap.d.aq, 0x8000000000000000, 0x1, 0x8000000000000000, 0x1)
        TEST_AMO(amoswap.d.rl, 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0x1)
        TEST_AMO(amoswap.d.aqrl, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_AMO(amoswap.d, 0x123456789abcdef0, 0xf0f0f0f0f0f0f0f, 0x123456789abcdef0, 0xf0f0f0f0f0f0f0f)
        TEST_AMO(amoswap.d.aq, 0xffffffff, 0x100000000, 0xffffffff, 0x100000000)
        TEST_AMO(amoswap.d.rl, 0x0, 0x8000000000000000, 0x0, 0x8000000000000000)

        /* amoadd.d */
        TEST_AMO(amoadd.d, 0x1, 0x3, 0x1, 0x2)
        TEST_AMO(amoadd.d.aq, 0x8000000000000000, 0x8000000000000001, 0x8000000000000000, 0x1)
        TEST_AMO(amoadd.d.rl, 0xffffffffffffffff, 0x0, 0xffffffffffffffff, 0x1)
        TEST_AMO(amoadd.d.aqrl, 0x7fffffffffffffff, 0xffffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_AMO(amoadd.d, 0x123456789abcdef0, 0x21436587a9cbedff, 0x123456789abcdef0, 0xf0f0f0f0f0f0f0f)
        TEST_AMO(amoadd.d.aq, 0xffffffff, 0x1ffffffff, 0xffffffff, 0x100000000)
        TEST_AMO(amoadd.d.rl, 0x0, 0x8000000000000000, 0x0, 0x8000000000000000)

        /* amoand.d */
        TEST_AMO(amoand.d, 0x1, 0x0, 0x1, 0x2)
        TEST_AMO(amoand.d.aq, 0x8000000000000000, 0x0, 0x8000000000000000, 0x1)
        TEST_AMO(amoand.d.rl, 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0x1)
        TEST_AMO(amoand.d.aqrl, 0x7fffffffffffffff, 0x0, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_AMO(amoand.d, 0x123456789abcdef0, 0x20406080a0c0e00, 0x123456789abcdef0, 0xf0f0f0f0f0f0f0f)
        TEST_AMO(amoand.d.aq, 0xffffffff, 0x0, 0xffffffff, 0x100000000)
        TEST_AMO(amoand.d.rl, 0x0, 0x0, 0x0, 0x8000000000000000)

        /* amoor.d */
        TEST_AMO(amoor.d, 0x1, 0x3, 0x1, 0x2)
        TEST_AMO(amoor.d.aq, 0x8000000000000000, 0x8000000000000001, 0x8000000000000000, 0x1)
        TEST_AMO(amoor.d.rl, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, 0x1)
        TEST_AMO(amoor.d.aqrl, 0x7fffffffffffffff, 0xffffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_AMO(amoor.d, 0x123456789abcdef0, 0x1f3f5f7f9fbfdfff, 0x123456789abcdef0, 0xf0f0f0f0f0f0f0f)
        TEST_AMO(amoor.d.aq, 0xffffffff, 0x1ffffffff, 0xffffffff, 0x100000000)
        TEST_AMO(amoor.d.rl, 0x0, 0x8000000000000000, 0x0, 0x8000000000000000)

        /* amoxor.d */
        TEST_AMO(amoxor.d, 0x1, 0x3, 0x1, 0x2)
        TEST_AMO(amoxor.d.aq, 0x8000000000000000, 0x8000000000000001, 0x8000000000000000, 0x1)
        TEST_AMO(amoxor.d.rl, 0xffffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff, 0x1)
        TEST_AMO(amoxor.d.aqrl, 0x7fffffffffffffff, 0xffffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_AMO(amoxor.d, 0x123456789abcdef0, 0x1d3b597795b3d1ff, 0x123456789abcdef0, 0xf0f0f0f0f0f0f0f)
        TEST_AMO(amoxor.d.aq, 0xffffffff, 0x1ffffffff, 0xffffffff, 0x100000000)
        TEST_AMO(amoxor.d.rl, 0x0, 0x8000000000000000, 0x0, 0x8000000000000000)

        /* amomax.d */
        TEST_AMO(amomax.d, 0x1, 0x2, 0x1, 0x2)
        TEST_AMO(amomax.d.aq, 0x8000000000000000, 0x1, 0x8000000000000000, 0x1)
        TEST_AMO(amomax.d.rl, 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0x1)
        TEST_AMO(amomax.d.aqrl, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_AMO(amomax.d, 0x123456789abcdef0, 0x123456789abcdef0, 0x123456789abcdef0, 0xf0f0f0f0f0f0f0f)
        TEST_AMO(amomax.d.aq, 0xffffffff, 0x100000000, 0xffffffff, 0x100000000)
        TEST_AMO(amomax.d.rl, 0x0, 0x0, 0x0, 0x8000000000000000)

        /* amomaxu.d */
        TEST_AMO(amomaxu.d, 0x1, 0x2, 0x1, 0x2)
        TEST_AMO(amomaxu.d.aq, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x1)
        TEST_AMO(amomaxu.d.rl, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, 0x1)
        TEST_AMO(amomaxu.d.aqrl, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_AMO(amomaxu.d, 0x123456789abcdef0, 0x123456789abcdef0, 0x123456789abcdef0, 0xf0f0f0f0f0f0f0f)
        TEST_AMO(amomaxu.d.aq, 0xffffffff, 0x100000000, 0xffffffff, 0x100000000)
        TEST_AMO(amomaxu.d.rl, 0x0, 0x8000000000000000, 0x0, 0x8000000000000000)

        /* amomin.d */
        TEST_AMO(amomin.d, 0x1, 0x1, 0x1, 0x2)
        TEST_AMO(amomin.d.aq, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x1)
        TEST_AMO(amomin.d.rl, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, 0x1)
        TEST_AMO(amomin.d.aqrl, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_AMO(amomin.d, 0x123456789abcdef0, 0xf0f0f0f0f0f0f0f, 0x123456789abcdef0, 0xf0f0f0f0f0f0f0f)
        TEST_AMO(amomin.d.aq, 0xffffffff, 0xffffffff, 0xffffffff, 0x100000000)
        TEST_AMO(amomin.d.rl, 0x0, 0x8000000000000000, 0x0, 0x8000000000000000)

        /* amominu.d */
        TEST_AMO(amominu.d, 0x1, 0x1, 0x1, 0x2)
        TEST_AMO(amominu.d.aq, 0x8000000000000000, 0x1, 0x8000000000000000, 0x1)
        TEST_AMO(amominu.d.rl, 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0x1)
        TEST_AMO(amominu.d.aqrl, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_AMO(amominu.d, 0x123456789abcdef0, 0xf0f0f0f0f0f0f0f, 0x123456789abcdef0, 0xf0f0f0f0f0f0f0f)
        TEST_AMO(amominu.d.aq, 0xffffffff, 0xffffffff, 0xffffffff, 0x100000000)
        TEST_AMO(amominu.d.rl, 0x0, 0x0, 0x0, 0x8000000000000000)

        .data
        .balign 64
amo_buf:   .dword 0
lr_word:   .word 0, 0
lr_dword:  .dword 0
        .balign 256
far_word:  .dword 0

TEST_END
