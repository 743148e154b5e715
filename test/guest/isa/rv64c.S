/*
 * C extension: every RV64 compressed instruction, written explicitly as c.* (the harness
 * around them may be compressed too, which is fine). Immediates at their limits, the
 * register-prime forms, sp-relative loads and stores, c.jalr linking pc + 2, branches on full
 * 64-bit values, and the HINT encodings (c.nop with an immediate, c.addi with 0, c.li/c.lui/
 * c.mv/c.add/c.slli with rd = x0, c.slli64/c.srli64/c.srai64), which must do nothing.
 * c.ebreak is left out: it raises SIGTRAP.
 */
#include "macros.h"

/* Runs `code`, which must change nothing: a4 keeps its value and x0 stays zero. */
#define TEST_HINT(...) \
        NEXT_TEST; li a4, 0x123456789abcdef0; __VA_ARGS__; \
        CHECK_A4(0x123456789abcdef0, "HINT " #__VA_ARGS__ ": rd"); \
        mv a4, x0; CHECK_A4(0, "HINT " #__VA_ARGS__ ": x0")

TEST_BEGIN
        .option rvc
        mv s11, sp                  /* sp is borrowed for the sp-relative forms */

        /* ---- c.li, c.lui: 6-bit immediates, sign-extended ---- */
        TEST_CASE(31, c.li a4, 31)
        TEST_CASE(0xffffffffffffffe0, c.li a4, -32)
        TEST_CASE(0, li a4, 5; c.li a4, 0)
        TEST_CASE(0xffffffffffffffff, c.li t0, -1; mv a4, t0)
        TEST_CASE(0x1000, c.lui a4, 1)
        TEST_CASE(0x1f000, c.lui a4, 0x1f)
        TEST_CASE(0xfffffffffffe0000, c.lui a4, 0xfffe0)
        TEST_CASE(0xfffffffffffff000, c.lui a4, 0xfffff)
        TEST_CASE(0x3000, c.lui s2, 3; mv a4, s2)

        /* ---- c.addi, c.addiw, c.addi16sp, c.addi4spn ---- */
        TEST_CASE(6, li a4, 5; c.addi a4, 1)
        TEST_CASE(0xffffffffffffffdf, li a4, -1; c.addi a4, -32)
        TEST_CASE(0x8000000000000000, li a4, 0x7fffffffffffffe1; c.addi a4, 31)
        TEST_CASE(0x101, li t3, 0x100; c.addi t3, 1; mv a4, t3)
        TEST_CASE(0xffffffff80000000, li a4, 0x7fffffff; c.addiw a4, 1)
        TEST_CASE(0xffffffff80000000, li a4, 0x1234567880000000; c.addiw a4, 0)   /* sext.w */
        TEST_CASE(0x000000007fffffff, li a4, 0xffffffff80000000; c.addiw a4, -1)
        TEST_CASE(0xffffffffffffffe0, li a4, 0xffffffff00000000; c.addiw a4, -32)
        TEST_CASE(0x1f, li s3, 0; c.addiw s3, 31; mv a4, s3)
        TEST_CASE(-512, mv a1, sp; c.addi16sp sp, -512; sub a4, sp, a1; mv sp, a1)
        TEST_CASE(496, mv a1, sp; c.addi16sp sp, 496; sub a4, sp, a1; mv sp, a1)
        TEST_CASE(16, mv a1, sp; c.addi16sp sp, 16; sub a4, sp, a1; mv sp, a1)
        TEST_CASE(-16, mv a1, sp; c.addi16sp sp, -16; sub a4, sp, a1; mv sp, a1)
        TEST_CASE(4, c.addi4spn a4, sp, 4; sub a4, a4, sp)
        TEST_CASE(1020, c.addi4spn a4, sp, 1020; sub a4, a4, sp)
        TEST_CASE(8, c.addi4spn s0, sp, 8; sub a4, s0, sp)
        TEST_CASE(512, c.addi4spn a5, sp, 512; sub a4, a5, sp)

        /* ---- c.slli, c.srli, c.srai, c.andi ---- */
        TEST_CASE(2, li a4, 1; c.slli a4, 1)
        TEST_CASE(0x8000000000000000, li a4, 1; c.slli a4, 63)
        TEST_CASE(0x100000000, li a4, 1; c.slli a4, 32)
        TEST_CASE(0xfffffffffffffff8, li t4, -1; c.slli t4, 3; mv a4, t4)
        TEST_CASE(0x4000000000000000, li a4, 0x8000000000000001; c.srli a4, 1)
        TEST_CASE(0x80000000, li a4, 0x8000000000000001; c.srli a4, 32)
        TEST_CASE(1, li a4, 0x8000000000000001; c.srli a4, 63)
        TEST_CASE(0xc000000000000000, li a4, 0x8000000000000001; c.srai a4, 1)
        TEST_CASE(0xffffffff80000000, li a4, 0x8000000000000001; c.srai a4, 32)
        TEST_CASE(0xffffffffffffffff, li a4, 0x8000000000000001; c.srai a4, 63)
        TEST_CASE(0x3fffffffffffffff, li a4, 0x7fffffffffffffff; c.srai a4, 1)
        TEST_CASE(0x0123456789abcdef, li a4, 0x0123456789abcdef; c.andi a4, -1)
        TEST_CASE(0, li a4, 0x0123456789abcdef; c.andi a4, 0)
        TEST_CASE(0x0123456789abcde0, li a4, 0x0123456789abcdef; c.andi a4, -32)
        TEST_CASE(0xf, li a4, 0x0123456789abcdef; c.andi a4, 31)
        TEST_CASE(0x10, li s1, 0xff; c.andi s1, 0x10; mv a4, s1)
        TEST_CASE(0xffffffffffffffef, li s1, -1; c.andi s1, -17; mv a4, s1)

        /* ---- c.mv, c.add and the CA-format register operations ---- */
        TEST_CASE(0x0123456789abcdef, li a1, 0x0123456789abcdef; c.mv a4, a1)
        TEST_CASE(0x77, li ra, 0x77; c.mv t6, ra; mv a4, t6)
        TEST_CASE(0x8000000000000000, li a4, 0x7fffffffffffffff; li a1, 1; c.add a4, a1)
        TEST_CASE(0x30, li s2, 0x10; li t0, 0x20; c.add s2, t0; mv a4, s2)
        TEST_CASE(0x8000000000000001, li a4, 0x8000000000000000; li a5, -1; c.sub a4, a5)
        TEST_CASE(0xfffffffffffffffe, li a4, 0; li a5, 2; c.sub a4, a5)
        TEST_CASE(0xf00ff00ff00ff00f, li a4, 0xff00ff00ff00ff00; li a5, 0x0f0f0f0f0f0f0f0f; c.xor a4, a5)
        TEST_CASE(0xff0fff0fff0fff0f, li a4, 0xff00ff00ff00ff00; li a5, 0x0f0f0f0f0f0f0f0f; c.or a4, a5)
        TEST_CASE(0x0f000f000f000f00, li a4, 0xff00ff00ff00ff00; li a5, 0x0f0f0f0f0f0f0f0f; c.and a4, a5)
        TEST_CASE(0xffffffff80000000, li a4, 0x7fffffff; li a5, 1; c.addw a4, a5)
        TEST_CASE(0x0000000000000002, li a4, 0xffffffff00000001; li a5, 0x1234567800000001; c.addw a4, a5)
        TEST_CASE(0x000000007fffffff, li a4, 0x80000000; li a5, 1; c.subw a4, a5)
        TEST_CASE(0xffffffffffffffff, li a4, 0x100000000; li a5, 1; c.subw a4, a5)
        TEST_CASE(0x3, li s0, 1; li s1, 2; c.or s0, s1; mv a4, s0)
        TEST_CASE(0x0, li a0, 5; c.sub a0, a0; mv a4, a0)
        TEST_CASE(0x0, li a3, 5; c.xor a3, a3; mv a4, a3)
        TEST_CASE(0x8, li s0, 0xc; li a2, 0xa; c.and s0, a2; mv a4, s0)
        TEST_CASE(0xffffffffffffffff, li a1, 0; li a5, -1; c.or a1, a5; mv a4, a1)
        TEST_CASE(0xfffffffffffffffe, li a2, -1; li s1, 1; c.xor a2, s1; mv a4, a2)
        TEST_CASE(0x7fffffffffffffff, li a3, 0x8000000000000000; li a0, 1; c.sub a3, a0; mv a4, a3)
        TEST_CASE(0x0, li a5, 0xffffffff; li s0, 1; c.addw a5, s0; mv a4, a5)
        TEST_CASE(0xffffffff80000000, li s1, 0x7fffffff; li a1, -1; c.subw s1, a1; mv a4, s1)
        TEST_CASE(0x1, li a4, 0xffffffffffffffff; c.srli a4, 63)
        TEST_CASE(0x00ffffffffffffff, li a4, 0xffffffffffffffff; c.srli a4, 8)
        TEST_CASE(0xff80000000000000, li a4, 0x8000000000000000; c.srai a4, 8)

        /* ---- c.lw, c.ld, c.sw, c.sd: offsets 0 and the largest, sign-extension of c.lw ---- */
        lla a5, c_data
        TEST_CASE(0xffffffff80000001, c.lw a4, 0(a5))
        TEST_CASE(0x7ffffffe, c.lw a4, 4(a5))
        TEST_CASE(0xffffffffcafef00d, c.lw a4, 124(a5))
        TEST_CASE(0x7ffffffe80000001, c.ld a4, 0(a5))
        TEST_CASE(0x0123456789abcdef, c.ld a4, 248(a5))
        TEST_CASE(0xffffffff87654321, li a4, 0x1234567887654321; c.sw a4, 64(a5); lw a4, 64(a5))
        TEST_CASE(0x12345678, lw a4, 68(a5))    /* c.sw wrote only its four bytes */
        TEST_CASE(0x1234567887654321, li a4, 0x1234567887654321; c.sd a4, 240(a5); ld a4, 240(a5))
        TEST_CASE(0x5a5a, li s1, 0x5a5a; c.sw s1, 124(a5); c.lw a4, 124(a5))
        TEST_CASE(0x7ffffffe80000001, mv s0, a5; c.ld s0, 0(s0); mv a4, s0)   /* rd = rs1 */
        TEST_CASE(0x8877665544332211, li a0, 0x8877665544332211; c.sd a0, 8(a5); ld a4, 8(a5))
        TEST_CASE(0xffffffff87654321, li s0, 0x87654321; mv a2, a5; c.sw s0, 16(a2); c.lw a4, 16(a2))
        TEST_CASE(0x11, li a3, 0x11; mv s1, a5; c.sd a3, 32(s1); c.ld a4, 32(s1))

        /* ---- sp-relative: c.lwsp, c.ldsp, c.swsp, c.sdsp (sp points into sp_buf) ---- */
        lla sp, sp_buf
        TEST_CASE(0xffffffff80000001, c.lwsp a4, 0(sp))
        TEST_CASE(0xffffffffcafef00d, c.lwsp a4, 252(sp))
        TEST_CASE(0x7ffffffe80000001, c.ldsp a4, 0(sp))
        TEST_CASE(0x0123456789abcdef, c.ldsp a4, 504(sp))
        TEST_CASE(0x1111, li t1, 0x1111; c.swsp t1, 252(sp); lw a4, 252(sp))
        TEST_CASE(0x2222, li t1, 0x2222; c.sdsp t1, 496(sp); ld a4, 496(sp))
        TEST_CASE(0xffffffffcafef00d, c.lwsp t2, 8(sp); mv a4, t2)
        TEST_CASE(0x3333, li ra, 0x3333; c.sdsp ra, 16(sp); c.ldsp t5, 16(sp); mv a4, t5)
        /* sp itself as the stored register */
        TEST_CASE(0, c.sdsp sp, 24(sp); c.ldsp a4, 24(sp); sub a4, a4, sp)
        TEST_CASE(0xffffffffabcdef01, li a1, 0xabcdef01; c.swsp a1, 40(sp); c.lwsp a4, 40(sp))
        TEST_CASE(0x44, li t6, 0x44; c.swsp t6, 56(sp); lwu a4, 56(sp))

        /* ---- c.fld, c.fsd, c.fldsp, c.fsdsp ---- */
        TEST_CASE(0x7ffffffe80000001, c.fld fa0, 0(a5); fmv.x.d a4, fa0)
        TEST_CASE(0x0123456789abcdef, c.fld fs1, 248(a5); fmv.x.d a4, fs1)
        TEST_CASE(0x7ff0000000000001, li a1, 0x7ff0000000000001; fmv.d.x fa5, a1; c.fsd fa5, 128(a5); ld a4, 128(a5))
        TEST_CASE(0x0123456789abcdef, c.fldsp ft7, 504(sp); fmv.x.d a4, ft7)
        TEST_CASE(0x7ffffffe80000001, c.fldsp f31, 0(sp); fmv.x.d a4, f31)
        TEST_CASE(0xfff0000000000000, li a1, 0xfff0000000000000; fmv.d.x f20, a1; c.fsdsp f20, 32(sp); ld a4, 32(sp))
        TEST_CASE(0xffffffff3f800000, li a1, 0x3f800000; fmv.w.x fs0, a1; c.fsd fs0, 136(a5); ld a4, 136(a5))
        TEST_CASE(0xffffffff3f800000, c.fld fa3, 136(a5); fmv.x.d a4, fa3)
        TEST_CASE(0x4000000000000000, li a1, 0x4000000000000000; fmv.d.x f0, a1; c.fsdsp f0, 48(sp); c.fldsp f9, 48(sp); fmv.x.d a4, f9)
        mv sp, s11

        /* ---- c.j, c.jr, c.jalr (links pc + 2) ---- */
        TEST_CASE(1, li a4, 1; c.j 1f; li a4, 2; 1:)
        NEXT_TEST
        li a4, 0
        c.j 2f
1:      li a4, 1
        c.j 3f
2:      c.j 1b
3:      CHECK_A4(1, "c.j backward")
        TEST_CASE(3, li a4, 1; lla a1, 1f; c.jr a1; li a4, 2; 1: addi a4, a4, 2)
        NEXT_TEST
        li a4, 0
        lla t0, 1f
        c.jalr t0
2:      j 3f
1:      mv a4, ra
        jr ra
3:      CHECK_A4_ADDR(2b, "c.jalr link is pc + 2")
        NEXT_TEST
        li a4, 0
        lla ra, 1f
        c.jalr ra                   /* rs1 = ra: jumps to the old ra, then links */
2:      j 3f
1:      mv a4, ra
        jr ra
3:      CHECK_A4_ADDR(2b, "c.jalr ra")
        NEXT_TEST
        li a4, 0
        lla a1, 1f
        c.jalr a1
        addi a4, a4, 1
        j 2f
1:      addi a4, a4, 10
        c.jr ra
2:      CHECK_A4(11, "c.jalr call, c.jr ra return")

        /* ---- c.beqz, c.bnez: the whole 64-bit register is compared with zero ---- */
#define C_BRANCH(inst, v, expected) \
        TEST_CASE(expected, li a5, v; li a4, 1; inst a5, 1f; j 2f; 1: li a4, 2; 2:)
        C_BRANCH(c.beqz, 0, 2)
        C_BRANCH(c.beqz, 1, 1)
        C_BRANCH(c.beqz, -1, 1)
        C_BRANCH(c.beqz, 0x100000000, 1)
        C_BRANCH(c.beqz, 0x8000000000000000, 1)
        C_BRANCH(c.bnez, 0, 1)
        C_BRANCH(c.bnez, 1, 2)
        C_BRANCH(c.bnez, -1, 2)
        C_BRANCH(c.bnez, 0x100000000, 2)
        C_BRANCH(c.bnez, 0x8000000000000000, 2)
        NEXT_TEST
        li s0, 3
        li a4, 0
1:      addi a4, a4, 10
        addi s0, s0, -1
        c.bnez s0, 1b               /* backward, taken twice */
        CHECK_A4(30, "c.bnez loop")
        NEXT_TEST
        li a4, 0
        li s1, 0
        c.j 2f
1:      li a4, 7
        c.j 3f
2:      c.beqz s1, 1b
3:      CHECK_A4(7, "c.beqz backward")
        /* the largest offsets: +254 and -256 */
        NEXT_TEST
        li a4, 1
        li a5, 0
        c.beqz a5, 1f
        c.li a4, 2
        .skip 250
1:      CHECK_A4(1, "c.beqz forward 254")
        NEXT_TEST
        li a4, 0
        li a5, 1
        c.j 2f
1:      c.li a4, 5
        c.j 3f
        .skip 252
2:      c.bnez a5, 1b
3:      CHECK_A4(5, "c.bnez backward 256")

        /* ---- c.nop and the HINTs: no effect on any register ---- */
        TEST_HINT(c.nop)
        TEST_HINT(c.nop 5)
        TEST_HINT(c.nop 31)
        TEST_HINT(c.addi a4, 0)
        TEST_HINT(c.li x0, 5)
        TEST_HINT(c.li x0, -32)
        TEST_HINT(c.lui x0, 1)
        TEST_HINT(c.lui x0, 0xfffff)
        TEST_HINT(c.mv x0, a4)
        TEST_HINT(c.add x0, a4)
        TEST_HINT(c.slli x0, 1)
        TEST_HINT(c.slli x0, 63)
        TEST_HINT(c.slli64 a4)
        TEST_HINT(c.slli64 x0)
        TEST_HINT(c.srli64 a4)
        TEST_HINT(c.srai64 a4)
        TEST_CASE(0x8000000000000001, li s0, 0x8000000000000001; c.srli64 s0; c.srai64 s0; c.slli64 s0; mv a4, s0)

        mv sp, s11

        .data
        .balign 8
c_data:                             /* for c.lw, c.ld, c.sw, c.sd, c.fld, c.fsd */
        .word 0x80000001, 0x7ffffffe
        .fill 14, 4, 0
        .word 0, 0x12345678         /* offset 64 */
        .fill 13, 4, 0
        .word 0xcafef00d            /* offset 124 */
        .fill 14, 8, 0
        .dword 0, 0x0123456789abcdef /* offsets 240, 248 */
sp_buf:                             /* for the sp-relative forms */
        .dword 0x7ffffffe80000001
        .word 0xcafef00d, 0         /* offset 8 */
        .fill 29, 8, 0
        .word 0, 0xcafef00d         /* offset 248 */
        .fill 31, 8, 0
        .dword 0x0123456789abcdef   /* offset 504 */
        .dword 0

TEST_END
