/*
 * RV64I control transfer and the other non-ALU base instructions: every branch taken and not
 * taken, forward and backward, at the signed and unsigned boundaries, with rs1 = rs2 and
 * across the full 13-bit range; jal and jalr (link values, rd = x0, rd = rs1, offsets, jalr
 * clearing bit 0, a 32-bit target at an address that is 2 mod 4); auipc; ecall (return values,
 * error returns, registers preserved); fence, fence.tso and fence.i.
 */
#include "macros.h"

TEST_BEGIN

        /* beq */
        TEST_BR_TAKEN(beq, 0, 0)
        TEST_BR_NOT_TAKEN(beq, 0, 1)
        TEST_BR_NOT_TAKEN(beq, 1, 0)
        TEST_BR_TAKEN(beq, -1, -1)
        TEST_BR_NOT_TAKEN(beq, -1, 0)
        TEST_BR_NOT_TAKEN(beq, 0, -1)
        TEST_BR_NOT_TAKEN(beq, -1, 1)
        TEST_BR_NOT_TAKEN(beq, 1, -1)
        TEST_BR_NOT_TAKEN(beq, -2, -1)
        TEST_BR_NOT_TAKEN(beq, -1, -2)
        TEST_BR_NOT_TAKEN(beq, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR_NOT_TAKEN(beq, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_BR_NOT_TAKEN(beq, 0x8000000000000000, 0)
        TEST_BR_NOT_TAKEN(beq, 0, 0x8000000000000000)
        TEST_BR_TAKEN(beq, 0x8000000000000000, 0x8000000000000000)
        TEST_BR_NOT_TAKEN(beq, 0x100000000, 0)
        TEST_BR_NOT_TAKEN(beq, 0xffffffff, 0x100000000)
        TEST_BR_NOT_TAKEN(beq, 0x80000000, 0x7fffffff)
        TEST_BR_NOT_TAKEN(beq, 0xffffffff80000000, 0x7fffffff)
        TEST_BR_BACK_NOT_TAKEN(beq, -1, 0)
        TEST_BR_BACK_NOT_TAKEN(beq, 0, -1)
        TEST_BR_BACK_NOT_TAKEN(beq, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR_BACK_TAKEN(beq, 1, 1)

        /* bne */
        TEST_BR_NOT_TAKEN(bne, 0, 0)
        TEST_BR_TAKEN(bne, 0, 1)
        TEST_BR_TAKEN(bne, 1, 0)
        TEST_BR_NOT_TAKEN(bne, -1, -1)
        TEST_BR_TAKEN(bne, -1, 0)
        TEST_BR_TAKEN(bne, 0, -1)
        TEST_BR_TAKEN(bne, -1, 1)
        TEST_BR_TAKEN(bne, 1, -1)
        TEST_BR_TAKEN(bne, -2, -1)
        TEST_BR_TAKEN(bne, -1, -2)
        TEST_BR_TAKEN(bne, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR_TAKEN(bne, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_BR_TAKEN(bne, 0x8000000000000000, 0)
        TEST_BR_TAKEN(bne, 0, 0x8000000000000000)
        TEST_BR_NOT_TAKEN(bne, 0x8000000000000000, 0x8000000000000000)
        TEST_BR_TAKEN(bne, 0x100000000, 0)
        TEST_BR_TAKEN(bne, 0xffffffff, 0x100000000)
        TEST_BR_TAKEN(bne, 0x80000000, 0x7fffffff)
        TEST_BR_TAKEN(bne, 0xffffffff80000000, 0x7fffffff)
        TEST_BR_BACK_TAKEN(bne, -1, 0)
        TEST_BR_BACK_TAKEN(bne, 0, -1)
        TEST_BR_BACK_TAKEN(bne, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR_BACK_NOT_TAKEN(bne, 1, 1)

        /* blt */
        TEST_BR_NOT_TAKEN(blt, 0, 0)
        TEST_BR_TAKEN(blt, 0, 1)
        TEST_BR_NOT_TAKEN(blt, 1, 0)
        TEST_BR_NOT_TAKEN(blt, -1, -1)
        TEST_BR_TAKEN(blt, -1, 0)
        TEST_BR_NOT_TAKEN(blt, 0, -1)
        TEST_BR_TAKEN(blt, -1, 1)
        TEST_BR_NOT_TAKEN(blt, 1, -1)
        TEST_BR_TAKEN(blt, -2, -1)
        TEST_BR_NOT_TAKEN(blt, -1, -2)
        TEST_BR_TAKEN(blt, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR_NOT_TAKEN(blt, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_BR_TAKEN(blt, 0x8000000000000000, 0)
        TEST_BR_NOT_TAKEN(blt, 0, 0x8000000000000000)
        TEST_BR_NOT_TAKEN(blt, 0x8000000000000000, 0x8000000000000000)
        TEST_BR_NOT_TAKEN(blt, 0x100000000, 0)
        TEST_BR_TAKEN(blt, 0xffffffff, 0x100000000)
        TEST_BR_NOT_TAKEN(blt, 0x80000000, 0x7fffffff)
        TEST_BR_TAKEN(blt, 0xffffffff80000000, 0x7fffffff)
        TEST_BR_BACK_TAKEN(blt, -1, 0)
        TEST_BR_BACK_NOT_TAKEN(blt, 0, -1)
        TEST_BR_BACK_TAKEN(blt, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR_BACK_NOT_TAKEN(blt, 1, 1)

        /* bge */
        TEST_BR_TAKEN(bge, 0, 0)
        TEST_BR_NOT_TAKEN(bge, 0, 1)
        TEST_BR_TAKEN(bge, 1, 0)
        TEST_BR_TAKEN(bge, -1, -1)
        TEST_BR_NOT_TAKEN(bge, -1, 0)
        TEST_BR_TAKEN(bge, 0, -1)
        TEST_BR_NOT_TAKEN(bge, -1, 1)
        TEST_BR_TAKEN(bge, 1, -1)
        TEST_BR_NOT_TAKEN(bge, -2, -1)
        TEST_BR_TAKEN(bge, -1, -2)
        TEST_BR_NOT_TAKEN(bge, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR_TAKEN(bge, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_BR_NOT_TAKEN(bge, 0x8000000000000000, 0)
        TEST_BR_TAKEN(bge, 0, 0x8000000000000000)
        TEST_BR_TAKEN(bge, 0x8000000000000000, 0x8000000000000000)
        TEST_BR_TAKEN(bge, 0x100000000, 0)
        TEST_BR_NOT_TAKEN(bge, 0xffffffff, 0x100000000)
        TEST_BR_TAKEN(bge, 0x80000000, 0x7fffffff)
        TEST_BR_NOT_TAKEN(bge, 0xffffffff80000000, 0x7fffffff)
        TEST_BR_BACK_NOT_TAKEN(bge, -1, 0)
        TEST_BR_BACK_TAKEN(bge, 0, -1)
        TEST_BR_BACK_NOT_TAKEN(bge, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR_BACK_TAKEN(bge, 1, 1)

        /* bltu */
        TEST_BR_NOT_TAKEN(bltu, 0, 0)
        TEST_BR_TAKEN(bltu, 0, 1)
        TEST_BR_NOT_TAKEN(bltu, 1, 0)
        TEST_BR_NOT_TAKEN(bltu, -1, -1)
        TEST_BR_NOT_TAKEN(bltu, -1, 0)
        TEST_BR_TAKEN(bltu, 0, -1)
        TEST_BR_NOT_TAKEN(bltu, -1, 1)
        TEST_BR_TAKEN(bltu, 1, -1)
        TEST_BR_TAKEN(bltu, -2, -1)
        TEST_BR_NOT_TAKEN(bltu, -1, -2)
        TEST_BR_NOT_TAKEN(bltu, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR_TAKEN(bltu, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_BR_NOT_TAKEN(bltu, 0x8000000000000000, 0)
        TEST_BR_TAKEN(bltu, 0, 0x8000000000000000)
        TEST_BR_NOT_TAKEN(bltu, 0x8000000000000000, 0x8000000000000000)
        TEST_BR_NOT_TAKEN(bltu, 0x100000000, 0)
        TEST_BR_TAKEN(bltu, 0xffffffff, 0x100000000)
        TEST_BR_NOT_TAKEN(bltu, 0x80000000, 0x7fffffff)
        TEST_BR_NOT_TAKEN(bltu, 0xffffffff80000000, 0x7fffffff)
        TEST_BR_BACK_NOT_TAKEN(bltu, -1, 0)
        TEST_BR_BACK_TAKEN(bltu, 0, -1)
        TEST_BR_BACK_NOT_TAKEN(bltu, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR_BACK_NOT_TAKEN(bltu, 1, 1)

        /* bgeu */
        TEST_BR_TAKEN(bgeu, 0, 0)
        TEST_BR_NOT_TAKEN(bgeu, 0, 1)
        TEST_BR_TAKEN(bgeu, 1, 0)
        TEST_BR_TAKEN(bgeu, -1, -1)
        TEST_BR_TAKEN(bgeu, -1, 0)
        TEST_BR_NOT_TAKEN(bgeu, 0, -1)
        TEST_BR_TAKEN(bgeu, -1, 1)
        TEST_BR_NOT_TAKEN(bgeu, 1, -1)
        TEST_BR_NOT_TAKEN(bgeu, -2, -1)
        TEST_BR_TAKEN(bgeu, -1, -2)
        TEST_BR_TAKEN(bgeu, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR_NOT_TAKEN(bgeu, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_BR_TAKEN(bgeu, 0x8000000000000000, 0)
        TEST_BR_NOT_TAKEN(bgeu, 0, 0x8000000000000000)
        TEST_BR_TAKEN(bgeu, 0x8000000000000000, 0x8000000000000000)
        TEST_BR_TAKEN(bgeu, 0x100000000, 0)
        TEST_BR_NOT_TAKEN(bgeu, 0xffffffff, 0x100000000)
        TEST_BR_TAKEN(bgeu, 0x80000000, 0x7fffffff)
        TEST_BR_TAKEN(bgeu, 0xffffffff80000000, 0x7fffffff)
        TEST_BR_BACK_TAKEN(bgeu, -1, 0)
        TEST_BR_BACK_NOT_TAKEN(bgeu, 0, -1)
        TEST_BR_BACK_TAKEN(bgeu, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR_BACK_TAKEN(bgeu, 1, 1)

        /* one-register aliases: beqz bnez blez bgez bltz bgtz */
        TEST_BR1_TAKEN(beqz, 0)
        TEST_BR1_NOT_TAKEN(beqz, 1)
        TEST_BR1_NOT_TAKEN(beqz, -1)
        TEST_BR1_NOT_TAKEN(beqz, 0x8000000000000000)
        TEST_BR1_NOT_TAKEN(beqz, 0x7fffffffffffffff)
        TEST_BR1_NOT_TAKEN(beqz, 0x100000000)
        TEST_BR1_NOT_TAKEN(bnez, 0)
        TEST_BR1_TAKEN(bnez, 1)
        TEST_BR1_TAKEN(bnez, -1)
        TEST_BR1_TAKEN(bnez, 0x8000000000000000)
        TEST_BR1_TAKEN(bnez, 0x7fffffffffffffff)
        TEST_BR1_TAKEN(bnez, 0x100000000)
        TEST_BR1_TAKEN(blez, 0)
        TEST_BR1_NOT_TAKEN(blez, 1)
        TEST_BR1_TAKEN(blez, -1)
        TEST_BR1_TAKEN(blez, 0x8000000000000000)
        TEST_BR1_NOT_TAKEN(blez, 0x7fffffffffffffff)
        TEST_BR1_NOT_TAKEN(blez, 0x100000000)
        TEST_BR1_TAKEN(bgez, 0)
        TEST_BR1_TAKEN(bgez, 1)
        TEST_BR1_NOT_TAKEN(bgez, -1)
        TEST_BR1_NOT_TAKEN(bgez, 0x8000000000000000)
        TEST_BR1_TAKEN(bgez, 0x7fffffffffffffff)
        TEST_BR1_TAKEN(bgez, 0x100000000)
        TEST_BR1_NOT_TAKEN(bltz, 0)
        TEST_BR1_NOT_TAKEN(bltz, 1)
        TEST_BR1_TAKEN(bltz, -1)
        TEST_BR1_TAKEN(bltz, 0x8000000000000000)
        TEST_BR1_NOT_TAKEN(bltz, 0x7fffffffffffffff)
        TEST_BR1_NOT_TAKEN(bltz, 0x100000000)
        TEST_BR1_NOT_TAKEN(bgtz, 0)
        TEST_BR1_TAKEN(bgtz, 1)
        TEST_BR1_NOT_TAKEN(bgtz, -1)
        TEST_BR1_NOT_TAKEN(bgtz, 0x8000000000000000)
        TEST_BR1_TAKEN(bgtz, 0x7fffffffffffffff)
        TEST_BR1_TAKEN(bgtz, 0x100000000)

        /* ---- branches comparing a register with itself ---- */
        TEST_CASE(2, li a1, -5; li a4, 1; beq a1, a1, 1f; j 2f; 1: li a4, 2; 2:)
        TEST_CASE(1, li a1, -5; li a4, 1; bne a1, a1, 1f; j 2f; 1: li a4, 2; 2:)
        TEST_CASE(1, li a1, -5; li a4, 1; blt a1, a1, 1f; j 2f; 1: li a4, 2; 2:)
        TEST_CASE(2, li a1, -5; li a4, 1; bge a1, a1, 1f; j 2f; 1: li a4, 2; 2:)
        TEST_CASE(1, li a1, -5; li a4, 1; bltu a1, a1, 1f; j 2f; 1: li a4, 2; 2:)
        TEST_CASE(2, li a1, -5; li a4, 1; bgeu a1, a1, 1f; j 2f; 1: li a4, 2; 2:)
        TEST_CASE(2, li a4, 1; beq x0, x0, 1f; j 2f; 1: li a4, 2; 2:)

        /* ---- branch offsets near the limits (+4092 and -4096 bytes) ---- */
        /* gas would turn a branch this far into a branch around a jal, so these two are
           encoded by hand (the disassembly shows their targets) */
        NEXT_TEST
        li a4, 1
        .insn 4, 0x7e000ee3  /* beq zero,zero,.+4092 */
        li a4, 3
        .skip 4084
        CHECK_A4(1, "beq forward by 4092")
        NEXT_TEST
        li a4, 0
        j 2f
1:      li a4, 2
        j 3f
        .skip 4084
2:      li a4, 1
        .insn 4, 0x80071063  /* bne a4,zero,.-4096 (to 1b) */
        li a4, 3
3:      CHECK_A4(2, "bne backward by 4096")

        /* ---- jal: link = pc + 4, rd = x0, offsets over 12 bits ---- */
        NEXT_TEST
        jal a4, 1f
2:      li a4, 0
1:      CHECK_A4_ADDR(2b, "jal link value")
        NEXT_TEST
        li a4, 1
        jal x0, 1f
        li a4, 2
1:      CHECK_A4(1, "jal x0 (j) skips")
        NEXT_TEST
        li a4, 0
        jal ra, 2f
1:      li a4, 5
        .skip 10238         /* offset 0x280a: imm bits 1, 3, 11 and 13 */
        li a4, 4
2:      mv a4, ra
        CHECK_A4_ADDR(1b, "jal forward 0x280a")
        NEXT_TEST
        li a4, 0
        j 2f
1:      li a4, 1
        j 3f
        .skip 10238
2:      jal t0, 1b          /* backward 0x2806: imm bits 20..14 all ones */
        li a4, 2
3:      CHECK_A4(1, "jal backward 0x2806")

        /* ---- jalr: target = (rs1 + imm) & ~1 ---- */
        NEXT_TEST
        lla a1, 1f
        li a4, 0
        jalr a2, 0(a1)
2:      li a4, 1
        j 3f
1:      li a4, 2
3:      CHECK_A4(2, "jalr 0(rs1) reaches target")
        NEXT_TEST
        mv a4, a2
        CHECK_A4_ADDR(2b, "jalr link value")
        NEXT_TEST
        lla a1, 1f - 2047
        li a4, 0
        jalr x0, 2047(a1)
        li a4, 1
        j 3f
1:      li a4, 2
3:      CHECK_A4(2, "jalr 2047(rs1)")
        NEXT_TEST
        lla a1, 1f + 2048
        li a4, 0
        jalr x0, -2048(a1)
        li a4, 1
        j 3f
1:      li a4, 2
3:      CHECK_A4(2, "jalr -2048(rs1)")
        NEXT_TEST
        lla a1, 1f + 1
        li a4, 0
        jalr x0, 0(a1)      /* bit 0 of the sum is cleared */
        li a4, 1
        j 3f
1:      li a4, 2
3:      CHECK_A4(2, "jalr clears bit 0 (odd rs1)")
        NEXT_TEST
        lla a1, 1f - 2
        li a4, 0
        jalr x0, 3(a1)      /* rs1 even, imm odd */
        li a4, 1
        j 3f
1:      li a4, 2
3:      CHECK_A4(2, "jalr clears bit 0 (odd imm)")
        NEXT_TEST
        lla a1, 1f
        li a4, 0
        jalr a1, 0(a1)      /* rd = rs1: the target uses the old value */
2:      li a4, 1
        j 3f
1:      li a4, 2
3:      CHECK_A4(2, "jalr rd=rs1 reaches target")
        NEXT_TEST
        mv a4, a1
        CHECK_A4_ADDR(2b, "jalr rd=rs1 link value")
        NEXT_TEST
        lla a1, 1f
        li a4, 0
        jr a1
        li a4, 1
1:      addi a4, a4, 2
        CHECK_A4(2, "jr (jalr x0)")
        NEXT_TEST
        li a4, 0
        jal ra, 1f
        addi a4, a4, 1      /* the function returns here */
        j 2f
1:      addi a4, a4, 10
        ret
2:      CHECK_A4(11, "jal ra / ret")
        NEXT_TEST
        li a4, 0
        lla a1, 1f
        jalr a1             /* jalr ra, 0(a1) */
        addi a4, a4, 1
        j 2f
1:      addi a4, a4, 10
        jalr x0, 0(ra)
2:      CHECK_A4(11, "jalr ra call and return")
        /* a 32-bit instruction at an address 2 mod 4 (legal with C) */
        NEXT_TEST
        li a4, 0
        lla a1, 1f
        jalr x0, 0(a1)
        .balign 4
        .option push
        .option rvc
        c.nop
        .option pop
1:      li a4, 7            /* starts at 2 mod 4 */
        jal t0, 2f          /* and so does its link value */
        li a4, 0
2:      andi a5, t0, 3
        CHECK_A4(7, "32-bit instruction at 2 mod 4")
        mv a4, a5
        CHECK_A4(2, "link value 2 mod 4")

        /* ---- auipc: pc-relative, immediate sign-extended from bit 31 ---- */
        TEST_CASE(0, jal a1, 1f; 1: auipc a4, 0; sub a4, a4, a1)
        TEST_CASE(0x1000, jal a1, 1f; 1: auipc a4, 1; sub a4, a4, a1)
        TEST_CASE(0x7ffff000, jal a1, 1f; 1: auipc a4, 0x7ffff; sub a4, a4, a1)
        TEST_CASE(0xffffffff80000000, jal a1, 1f; 1: auipc a4, 0x80000; sub a4, a4, a1)
        TEST_CASE(0xfffffffffffff000, jal a1, 1f; 1: auipc a4, 0xfffff; sub a4, a4, a1)
        TEST_CASE(0, auipc x0, 0x12345; mv a4, x0)

        /* ---- ecall: Linux syscalls (number in a7, result in a0) ---- */
        TEST_CASE(0, li a0, 1; lla a1, ecall_buf; li a2, 0; li a7, SYS_write; ecall; mv a4, a0)
        TEST_CASE(-9, li a0, -1; lla a1, ecall_buf; li a2, 1; li a7, SYS_write; ecall; mv a4, a0)
        TEST_CASE(1, li a7, SYS_getpid; ecall; sgtz a4, a0)
        TEST_CASE(-38, li a7, 999; ecall; mv a4, a0)    /* no such syscall: -ENOSYS */
        /* every register but a0 survives a syscall */
        li a1, 0x1111; li a2, 0x2222; li a3, 0x3333; li a5, 0x5555; li a6, 0x6666
        li t0, 0x7070; li t1, 0x7171; li t3, 0x7373; li t4, 0x7474; li t5, 0x7575; li t6, 0x7676
        li s0, 0x8080; li s1, 0x8181; li s2, 0x8282; li s11, 0x8b8b; li tp, 0x4444; li ra, 0x1010
        mv s3, sp
        li a7, SYS_getpid
        ecall
        TEST_CASE(0x1111, mv a4, a1)
        TEST_CASE(0x2222, mv a4, a2)
        TEST_CASE(0x3333, mv a4, a3)
        TEST_CASE(0x5555, mv a4, a5)
        TEST_CASE(0x6666, mv a4, a6)
        TEST_CASE(SYS_getpid, mv a4, a7)
        TEST_CASE(0x7070, mv a4, t0)
        TEST_CASE(0x7171, mv a4, t1)
        TEST_CASE(0x7373, mv a4, t3)
        TEST_CASE(0x7474, mv a4, t4)
        TEST_CASE(0x7575, mv a4, t5)
        TEST_CASE(0x7676, mv a4, t6)
        TEST_CASE(0x8080, mv a4, s0)
        TEST_CASE(0x8181, mv a4, s1)
        TEST_CASE(0x8282, mv a4, s2)
        TEST_CASE(0x8b8b, mv a4, s11)
        TEST_CASE(0x4444, mv a4, tp)
        TEST_CASE(0x1010, mv a4, ra)
        TEST_CASE(0, sub a4, sp, s3)

        /* ---- fences: ordering only, so memory must simply still work around them ---- */
        TEST_CASE(0x55, lla a1, ecall_buf; li a2, 0x55; sb a2, 0(a1); fence; lbu a4, 0(a1))
        TEST_CASE(0x56, lla a1, ecall_buf; li a2, 0x56; sb a2, 0(a1); fence rw, rw; lbu a4, 0(a1))
        TEST_CASE(0x57, lla a1, ecall_buf; li a2, 0x57; sb a2, 0(a1); fence w, r; lbu a4, 0(a1))
        TEST_CASE(0x58, lla a1, ecall_buf; li a2, 0x58; sb a2, 0(a1); fence iorw, iorw; lbu a4, 0(a1))
        TEST_CASE(0x59, lla a1, ecall_buf; li a2, 0x59; sb a2, 0(a1); fence.tso; lbu a4, 0(a1))
        TEST_CASE(0x5a, lla a1, ecall_buf; li a2, 0x5a; sb a2, 0(a1); fence.i; lbu a4, 0(a1))

        .pushsection .bss
ecall_buf: .zero 16
        .popsection

TEST_END
