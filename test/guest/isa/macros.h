/*
 * Harness for emu's ISA test programs (test/guest/isa/*.S): static Linux user-mode programs
 * that check one instruction at a time and exit 0 when every check passed. A failed check
 * prints
 *     FAIL <file>:<test number>: <what>, got 0x<64 bits>, expected 0x<64 bits>
 * on stdout with the write syscall and exits with the test number (255 for numbers above 255,
 * so that a failure can never wrap around to status 0).
 *
 * Register conventions, chosen so that a check needs no memory and no stack (only the failure
 * report uses a buffer):
 *   gp (x3)      current test number (the macros set it, tests must not change it)
 *   a4 (x14)     the value under test; t2 (x7) the expected value
 *   a1..a3       integer operands; a5 scratch (FP operand loading, fflags)
 *   f1..f3       FP operands; f4 the FP result
 * The test numbers are counted by the assembler (TESTNUM), one per TEST_* macro or NEXT_TEST; a
 * test may make several checks under its number (an FP result and its fflags, say) and <what>
 * tells which one failed.
 *
 * A program is
 *     #include "macros.h"
 *     TEST_BEGIN
 *         ...TEST_* lines and hand-written checks (TEST_CASE)...
 *     TEST_END
 * Files are preprocessed by cpp, so comments are C comments: a '#' line would be a directive.
 * Everything except rv64c.S is assembled with .option norvc, so each mnemonic is checked in
 * its 32-bit encoding and the compressed program checks the 16-bit ones on its own.
 */
#ifndef EMU_ISA_MACROS_H
#define EMU_ISA_MACROS_H

#define SYS_write 64
#define SYS_exit 93
#define SYS_getpid 172
#define SYS_mmap 222
#define SYS_rt_sigaction 134

/* fflags bits */
#define NV 0x10
#define DZ 0x08
#define OF 0x04
#define UF 0x02
#define NX 0x01

/* Canonical NaNs, and a single NaN-boxed in a 64-bit register as fmv.x.d reads it. */
#define QNAN_S 0x7fc00000
#define QNAN_D 0x7ff8000000000000
#define BOX_S(bits) (0xffffffff00000000 | (bits))
#define BOX_D(bits) (bits)

/* ---- program frame ---------------------------------------------------------------------- */

#define TEST_BEGIN \
        .file __FILE_NAME__; .option norelax; .option norvc; .text; .globl _start; _start: ; \
        .set TESTNUM, 0; li gp, 0; \
        .pushsection .rodata.isa_name, "a"; test_file_name: .asciz __FILE_NAME__; .popsection

#define TEST_END \
        .text; li a0, 0; li a7, SYS_exit; ecall; .option rvc; \
        isa_test_runtime

/* Starts the next numbered test. */
#define NEXT_TEST .set TESTNUM, TESTNUM + 1; li gp, TESTNUM

/*
 * Compares a4 with t2 and reports the failure of the current test with the description
 * `what` (string literals, concatenated). Labels 8888/8889 are the harness's own; test code
 * may use any other numeric local label around a CHECK.
 */
#define CHECK(what) \
        beq a4, t2, 8889f; lla a0, 8888f; j test_fail; \
        .pushsection .rodata.isa_what, "a"; 8888: .ascii what; .byte 0; .popsection; \
        8889:

/* a4 must equal `result` (an integer expression). */
#define CHECK_A4(result, what) li t2, result; CHECK(what)

/* a4 must equal the address of `label` */
#define CHECK_A4_ADDR(label, what) lla t2, label; CHECK(what)

/*
 * The general form: run `code` (any instructions, ';'-separated) which leaves its value in
 * a4, and compare it with `result`. The code itself is the description.
 */
#define TEST_CASE(result, ...) \
        NEXT_TEST; __VA_ARGS__; CHECK_A4(result, #__VA_ARGS__)

/*
 * A check that qemu-riscv64 7.2 (Debian 12's qemu-user, the reference these programs are
 * verified with) gets wrong although the expected value follows the specification; README.md
 * lists each one. Built with -DQEMU_7_2 (make qemu-check) the check is skipped, keeping the
 * test numbers of everything after it.
 */
#ifdef QEMU_7_2
#define QEMU_BUG(test) NEXT_TEST
#else
#define QEMU_BUG(test) test
#endif

/* ---- integer ----------------------------------------------------------------------------- */

/* rd = a4, rs1 = a1, rs2 = a2 */
#define TEST_RR_OP(inst, result, v1, v2) \
        NEXT_TEST; li a1, v1; li a2, v2; inst a4, a1, a2; \
        CHECK_A4(result, #inst " " #v1 ", " #v2)

/* rd == rs1, rd == rs2, rd == rs1 == rs2, rd == x0 (the result is dropped) */
#define TEST_RR_SRC1_EQ_DEST(inst, result, v1, v2) \
        NEXT_TEST; li a4, v1; li a2, v2; inst a4, a4, a2; \
        CHECK_A4(result, #inst " rd=rs1 " #v1 ", " #v2)
#define TEST_RR_SRC2_EQ_DEST(inst, result, v1, v2) \
        NEXT_TEST; li a1, v1; li a4, v2; inst a4, a1, a4; \
        CHECK_A4(result, #inst " rd=rs2 " #v1 ", " #v2)
#define TEST_RR_SRC12_EQ_DEST(inst, result, v1) \
        NEXT_TEST; li a4, v1; inst a4, a4, a4; \
        CHECK_A4(result, #inst " rd=rs1=rs2 " #v1)
#define TEST_RR_ZERO_DEST(inst, v1, v2) \
        NEXT_TEST; li a1, v1; li a2, v2; inst x0, a1, a2; mv a4, x0; \
        CHECK_A4(0, #inst " rd=x0 " #v1 ", " #v2)
/* x0 as a source reads zero whatever was written to it */
#define TEST_RR_ZERO_SRC1(inst, result, v2) \
        NEXT_TEST; li a2, v2; inst a4, x0, a2; \
        CHECK_A4(result, #inst " x0, " #v2)
#define TEST_RR_ZERO_SRC2(inst, result, v1) \
        NEXT_TEST; li a1, v1; inst a4, a1, x0; \
        CHECK_A4(result, #inst " " #v1 ", x0")

/* rd = a4, rs1 = a1, an immediate */
#define TEST_IMM_OP(inst, result, v1, imm) \
        NEXT_TEST; li a1, v1; inst a4, a1, imm; \
        CHECK_A4(result, #inst " " #v1 ", imm " #imm)
#define TEST_IMM_SRC1_EQ_DEST(inst, result, v1, imm) \
        NEXT_TEST; li a4, v1; inst a4, a4, imm; \
        CHECK_A4(result, #inst " rd=rs1 " #v1 ", imm " #imm)
#define TEST_IMM_ZERO_DEST(inst, v1, imm) \
        NEXT_TEST; li a1, v1; inst x0, a1, imm; mv a4, x0; \
        CHECK_A4(0, #inst " rd=x0 " #v1 ", imm " #imm)

/* one source: rd = a4, rs1 = a1 */
#define TEST_R_OP(inst, result, v1) \
        NEXT_TEST; li a1, v1; inst a4, a1; \
        CHECK_A4(result, #inst " " #v1)
#define TEST_R_SRC1_EQ_DEST(inst, result, v1) \
        NEXT_TEST; li a4, v1; inst a4, a4; \
        CHECK_A4(result, #inst " rd=rs1 " #v1)

/* A load of `inst` at offset(base) where base is a label (a1 holds its address). */
#define TEST_LD_OP(inst, result, offset, base) \
        NEXT_TEST; lla a1, base; inst a4, offset(a1); \
        CHECK_A4(result, #inst " " #offset "(" #base ")")

/*
 * Stores `value` with `st` at offset(base), reads it back with `ld` and checks the loaded value
 * (`result`, which differs from `value` when the store truncates or the load extends).
 */
#define TEST_ST_OP(st, ld, result, value, offset, base) \
        NEXT_TEST; lla a1, base; li a2, value; st a2, offset(a1); ld a4, offset(a1); \
        CHECK_A4(result, #st "/" #ld " " #value " at " #offset "(" #base ")")

/*
 * Branches: a4 = 2 when the branch was taken, 1 when it fell through. The backward form
 * branches to a target before the branch.
 */
#define BRANCH_BODY(inst, v1, v2) \
        li a1, v1; li a2, v2; li a4, 1; inst a1, a2, 8887f; j 8886f; 8887: li a4, 2; 8886:
#define BRANCH_BACK_BODY(inst, v1, v2) \
        li a1, v1; li a2, v2; li a4, 0; j 8885f; \
        8884: li a4, 2; j 8886f; \
        8885: li a4, 1; inst a1, a2, 8884b; 8886:
/* the one-register aliases (beqz, bnez, blez, bgez, bltz, bgtz) */
#define BRANCH1_BODY(inst, v1) \
        li a1, v1; li a4, 1; inst a1, 8887f; j 8886f; 8887: li a4, 2; 8886:
#define TEST_BR1_TAKEN(inst, v1) \
        NEXT_TEST; BRANCH1_BODY(inst, v1); CHECK_A4(2, #inst " " #v1 " taken")
#define TEST_BR1_NOT_TAKEN(inst, v1) \
        NEXT_TEST; BRANCH1_BODY(inst, v1); CHECK_A4(1, #inst " " #v1 " not taken")
#define TEST_BR_TAKEN(inst, v1, v2) \
        NEXT_TEST; BRANCH_BODY(inst, v1, v2); CHECK_A4(2, #inst " " #v1 ", " #v2 " taken")
#define TEST_BR_NOT_TAKEN(inst, v1, v2) \
        NEXT_TEST; BRANCH_BODY(inst, v1, v2); CHECK_A4(1, #inst " " #v1 ", " #v2 " not taken")
#define TEST_BR_BACK_TAKEN(inst, v1, v2) \
        NEXT_TEST; BRANCH_BACK_BODY(inst, v1, v2); \
        CHECK_A4(2, #inst " " #v1 ", " #v2 " taken backward")
#define TEST_BR_BACK_NOT_TAKEN(inst, v1, v2) \
        NEXT_TEST; BRANCH_BACK_BODY(inst, v1, v2); \
        CHECK_A4(1, #inst " " #v1 ", " #v2 " not taken backward")

/* ---- floating point ---------------------------------------------------------------------- */
/*
 * FP operands and results are bit patterns. Singles are loaded with fmv.w.x (properly
 * NaN-boxed) unless a _RAW macro loads a full 64-bit pattern with fmv.d.x; FP results are read
 * with fmv.x.d, so a single result must come back NaN-boxed. Every FP test clears fflags before
 * the instruction and checks the flags it raised as a second check under the same number.
 * A trailing optional argument is the static rounding mode (rne, rtz, rdn, rup, rmm, dyn).
 */
#define LOAD_S(freg, bits) li a5, bits; fmv.w.x freg, a5
#define LOAD_D(freg, bits) li a5, bits; fmv.d.x freg, a5
#define LOAD_RAW(freg, bits) li a5, bits; fmv.d.x freg, a5

#define CHECK_FFLAGS(flags, what) \
        frflags a4; CHECK_A4(flags, what " fflags")
#define CHECK_FP_RESULT(box, result, flags, what) \
        frflags a5; fmv.x.d a4, f4; CHECK_A4(box(result), what); \
        mv a4, a5; CHECK_A4(flags, what " fflags")
#define CHECK_INT_RESULT(result, flags, what) \
        frflags a5; CHECK_A4(result, what); mv a4, a5; CHECK_A4(flags, what " fflags")

#define FP_OP1(load, box, inst, flags, result, a, ...) \
        NEXT_TEST; load(f1, a); fsflags x0; inst f4, f1, ##__VA_ARGS__; \
        CHECK_FP_RESULT(box, result, flags, #inst " " #a " " #__VA_ARGS__)
#define FP_OP2(load, box, inst, flags, result, a, b, ...) \
        NEXT_TEST; load(f1, a); load(f2, b); fsflags x0; inst f4, f1, f2, ##__VA_ARGS__; \
        CHECK_FP_RESULT(box, result, flags, #inst " " #a ", " #b " " #__VA_ARGS__)
#define FP_OP3(load, box, inst, flags, result, a, b, c, ...) \
        NEXT_TEST; load(f1, a); load(f2, b); load(f3, c); fsflags x0; \
        inst f4, f1, f2, f3, ##__VA_ARGS__; \
        CHECK_FP_RESULT(box, result, flags, #inst " " #a ", " #b ", " #c " " #__VA_ARGS__)
/* FP source, integer result (compare, classify, convert to integer, move) */
#define FP_INT_OP1(load, inst, flags, result, a, ...) \
        NEXT_TEST; load(f1, a); fsflags x0; inst a4, f1, ##__VA_ARGS__; \
        CHECK_INT_RESULT(result, flags, #inst " " #a " " #__VA_ARGS__)
#define FP_INT_OP2(load, inst, flags, result, a, b) \
        NEXT_TEST; load(f1, a); load(f2, b); fsflags x0; inst a4, f1, f2; \
        CHECK_INT_RESULT(result, flags, #inst " " #a ", " #b)
/* integer source, FP result */
#define INT_FP_OP1(box, inst, flags, result, v, ...) \
        NEXT_TEST; li a1, v; fsflags x0; inst f4, a1, ##__VA_ARGS__; \
        CHECK_FP_RESULT(box, result, flags, #inst " " #v " " #__VA_ARGS__)

#define TEST_FP_OP1_S(...) FP_OP1(LOAD_S, BOX_S, __VA_ARGS__)
#define TEST_FP_OP2_S(...) FP_OP2(LOAD_S, BOX_S, __VA_ARGS__)
#define TEST_FP_OP3_S(...) FP_OP3(LOAD_S, BOX_S, __VA_ARGS__)
#define TEST_FP_INT_OP1_S(...) FP_INT_OP1(LOAD_S, __VA_ARGS__)
#define TEST_FP_CMP_S(...) FP_INT_OP2(LOAD_S, __VA_ARGS__)
#define TEST_INT_FP_OP_S(...) INT_FP_OP1(BOX_S, __VA_ARGS__)
/* single-precision operations on raw 64-bit register patterns (NaN-boxing checks) */
#define TEST_FP_OP1_S_RAW(...) FP_OP1(LOAD_RAW, BOX_S, __VA_ARGS__)
#define TEST_FP_OP2_S_RAW(...) FP_OP2(LOAD_RAW, BOX_S, __VA_ARGS__)
#define TEST_FP_OP3_S_RAW(...) FP_OP3(LOAD_RAW, BOX_S, __VA_ARGS__)
#define TEST_FP_INT_OP1_S_RAW(...) FP_INT_OP1(LOAD_RAW, __VA_ARGS__)
#define TEST_FP_CMP_S_RAW(...) FP_INT_OP2(LOAD_RAW, __VA_ARGS__)

#define TEST_FP_OP1_D(...) FP_OP1(LOAD_D, BOX_D, __VA_ARGS__)
#define TEST_FP_OP2_D(...) FP_OP2(LOAD_D, BOX_D, __VA_ARGS__)
#define TEST_FP_OP3_D(...) FP_OP3(LOAD_D, BOX_D, __VA_ARGS__)
#define TEST_FP_INT_OP1_D(...) FP_INT_OP1(LOAD_D, __VA_ARGS__)
#define TEST_FP_CMP_D(...) FP_INT_OP2(LOAD_D, __VA_ARGS__)
#define TEST_INT_FP_OP_D(...) INT_FP_OP1(BOX_D, __VA_ARGS__)
/* a double source producing a single (fcvt.s.d) and the reverse */
#define TEST_FP_OP1_D_TO_S(...) FP_OP1(LOAD_D, BOX_S, __VA_ARGS__)
#define TEST_FP_OP1_S_TO_D(...) FP_OP1(LOAD_S, BOX_D, __VA_ARGS__)
#define TEST_FP_OP1_RAW_TO_D(...) FP_OP1(LOAD_RAW, BOX_D, __VA_ARGS__)

/* ---- runtime: failure report and exit (expanded once, by TEST_END) ---------------------- */

        .macro isa_test_runtime
        /* a0 = what, gp = test number, a4 = got, t2 = expected */
test_fail:
        mv s0, a0
        mv s1, a4
        mv s2, t2
        lla a0, isa_str_fail
        jal isa_puts
        lla a0, test_file_name
        jal isa_puts
        lla a0, isa_str_colon
        jal isa_puts
        mv a0, gp
        jal isa_put_dec
        lla a0, isa_str_colon_space
        jal isa_puts
        mv a0, s0
        jal isa_puts
        lla a0, isa_str_got
        jal isa_puts
        mv a0, s1
        jal isa_put_hex
        lla a0, isa_str_expected
        jal isa_puts
        mv a0, s2
        jal isa_put_hex
        lla a0, isa_str_newline
        jal isa_puts
        /* exit status: the test number, at least 1 and at most 255 */
        mv a0, gp
        li t0, 255
        bleu a0, t0, 1f
        mv a0, t0
1:      bnez a0, 2f
        li a0, 255
2:      li a7, SYS_exit
        ecall

        /* isa_puts(a0 = NUL-terminated string); clobbers a0-a2, a7, t0 */
isa_puts:
        mv a1, a0
        mv a2, a0
1:      lbu t0, 0(a2)
        beqz t0, 2f
        addi a2, a2, 1
        j 1b
2:      sub a2, a2, a1
        li a0, 1
        li a7, SYS_write
        ecall
        ret

        /* isa_put_dec(a0 = unsigned value) */
isa_put_dec:
        lla a1, isa_numbuf + 31
        sb zero, 0(a1)
        li t1, 10
1:      remu t0, a0, t1
        divu a0, a0, t1
        addi t0, t0, 48          /* '0' */
        addi a1, a1, -1
        sb t0, 0(a1)
        bnez a0, 1b
        mv a0, a1
        j isa_puts

        /* isa_put_hex(a0 = value): 16 hex digits */
isa_put_hex:
        lla a1, isa_numbuf
        li t1, 60
1:      srl t0, a0, t1
        andi t0, t0, 15
        addi t0, t0, 48          /* '0' */
        li t2, 57               /* '9' */
        bleu t0, t2, 2f
        addi t0, t0, 39          /* 'a' - '9' - 1 */
2:      sb t0, 0(a1)
        addi a1, a1, 1
        addi t1, t1, -4
        bgez t1, 1b
        sb zero, 0(a1)
        lla a0, isa_numbuf
        j isa_puts

        .section .rodata.isa_runtime, "a"
isa_str_fail:           .asciz "FAIL "
isa_str_colon:          .asciz ":"
isa_str_colon_space:    .asciz ": "
isa_str_got:            .asciz ", got 0x"
isa_str_expected:       .asciz ", expected 0x"
isa_str_newline:        .asciz "\n"
        .bss
isa_numbuf:             .zero 32
        .section .note.GNU-stack, "", @progbits
        .endm

#endif
