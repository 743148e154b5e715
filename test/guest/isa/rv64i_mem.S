/*
 * RV64I loads and stores: every size and sign at aligned and misaligned addresses, positive
 * and negative offsets, stores changing exactly their bytes, accesses crossing a page
 * boundary (two pages from mmap), x0 and register aliasing, and self-modifying code made
 * visible by fence.i.
 */
#include "macros.h"

/*
 * Fills the 24 bytes at `base` with 0x55, stores `value` with `st` at offset(base) and checks
 * the three doublewords of the window.
 */
#define TEST_ST_WINDOW_AT(base, st, value, offset, w0, w1, w2) \
        NEXT_TEST; li a2, 0x5555555555555555; sd a2, 0(base); sd a2, 8(base); sd a2, 16(base); \
        li a2, value; st a2, offset(base); \
        ld a4, 0(base); CHECK_A4(w0, #st " " #value " at " #offset ": bytes 0-7"); \
        ld a4, 8(base); CHECK_A4(w1, #st " " #value " at " #offset ": bytes 8-15"); \
        ld a4, 16(base); CHECK_A4(w2, #st " " #value " at " #offset ": bytes 16-23")

TEST_BEGIN

        /* ---- loads of every size and sign, aligned, at offsets from a base, negative offsets ---- */
        TEST_LD_OP(lb, 0xffffffffffffff81, 0, ld_data)
        TEST_LD_OP(lb, 0x2, 1, ld_data)
        TEST_LD_OP(lb, 0xffffffffffffff83, 2, ld_data)
        TEST_LD_OP(lb, 0x4, 3, ld_data)
        TEST_LD_OP(lb, 0xfffffffffffffff5, 4, ld_data)
        TEST_LD_OP(lb, 0x76, 5, ld_data)
        TEST_LD_OP(lb, 0xffffffffffffff87, 6, ld_data)
        TEST_LD_OP(lb, 0x8, 7, ld_data)
        TEST_LD_OP(lb, 0x19, 8, ld_data)
        TEST_LD_OP(lb, 0xffffffffffffffaa, 9, ld_data)
        TEST_LD_OP(lb, 0x3b, 10, ld_data)
        TEST_LD_OP(lb, 0xffffffffffffffcc, 11, ld_data)
        TEST_LD_OP(lb, 0x5d, 12, ld_data)
        TEST_LD_OP(lb, 0xffffffffffffffee, 13, ld_data)
        TEST_LD_OP(lb, 0x7f, 14, ld_data)
        TEST_LD_OP(lb, 0xffffffffffffff90, 15, ld_data)
        TEST_LD_OP(lb, 0xffffffffffffff81, -8, ld_data_mid)
        TEST_LD_OP(lb, 0x8, -1, ld_data_mid)
        TEST_LD_OP(lbu, 0x81, 0, ld_data)
        TEST_LD_OP(lbu, 0x2, 1, ld_data)
        TEST_LD_OP(lbu, 0x83, 2, ld_data)
        TEST_LD_OP(lbu, 0x4, 3, ld_data)
        TEST_LD_OP(lbu, 0xf5, 4, ld_data)
        TEST_LD_OP(lbu, 0x76, 5, ld_data)
        TEST_LD_OP(lbu, 0x87, 6, ld_data)
        TEST_LD_OP(lbu, 0x8, 7, ld_data)
        TEST_LD_OP(lbu, 0x19, 8, ld_data)
        TEST_LD_OP(lbu, 0xaa, 9, ld_data)
        TEST_LD_OP(lbu, 0x3b, 10, ld_data)
        TEST_LD_OP(lbu, 0xcc, 11, ld_data)
        TEST_LD_OP(lbu, 0x5d, 12, ld_data)
        TEST_LD_OP(lbu, 0xee, 13, ld_data)
        TEST_LD_OP(lbu, 0x7f, 14, ld_data)
        TEST_LD_OP(lbu, 0x90, 15, ld_data)
        TEST_LD_OP(lbu, 0x81, -8, ld_data_mid)
        TEST_LD_OP(lbu, 0x8, -1, ld_data_mid)
        TEST_LD_OP(lh, 0x281, 0, ld_data)
        TEST_LD_OP(lh, 0x483, 2, ld_data)
        TEST_LD_OP(lh, 0x76f5, 4, ld_data)
        TEST_LD_OP(lh, 0x887, 6, ld_data)
        TEST_LD_OP(lh, 0xffffffffffffaa19, 8, ld_data)
        TEST_LD_OP(lh, 0xffffffffffffcc3b, 10, ld_data)
        TEST_LD_OP(lh, 0xffffffffffffee5d, 12, ld_data)
        TEST_LD_OP(lh, 0xffffffffffff907f, 14, ld_data)
        TEST_LD_OP(lh, 0x281, -8, ld_data_mid)
        TEST_LD_OP(lh, 0x887, -2, ld_data_mid)
        TEST_LD_OP(lhu, 0x281, 0, ld_data)
        TEST_LD_OP(lhu, 0x483, 2, ld_data)
        TEST_LD_OP(lhu, 0x76f5, 4, ld_data)
        TEST_LD_OP(lhu, 0x887, 6, ld_data)
        TEST_LD_OP(lhu, 0xaa19, 8, ld_data)
        TEST_LD_OP(lhu, 0xcc3b, 10, ld_data)
        TEST_LD_OP(lhu, 0xee5d, 12, ld_data)
        TEST_LD_OP(lhu, 0x907f, 14, ld_data)
        TEST_LD_OP(lhu, 0x281, -8, ld_data_mid)
        TEST_LD_OP(lhu, 0x887, -2, ld_data_mid)
        TEST_LD_OP(lw, 0x4830281, 0, ld_data)
        TEST_LD_OP(lw, 0x88776f5, 4, ld_data)
        TEST_LD_OP(lw, 0xffffffffcc3baa19, 8, ld_data)
        TEST_LD_OP(lw, 0xffffffff907fee5d, 12, ld_data)
        TEST_LD_OP(lw, 0x4830281, -8, ld_data_mid)
        TEST_LD_OP(lw, 0x88776f5, -4, ld_data_mid)
        TEST_LD_OP(lwu, 0x4830281, 0, ld_data)
        TEST_LD_OP(lwu, 0x88776f5, 4, ld_data)
        TEST_LD_OP(lwu, 0xcc3baa19, 8, ld_data)
        TEST_LD_OP(lwu, 0x907fee5d, 12, ld_data)
        TEST_LD_OP(lwu, 0x4830281, -8, ld_data_mid)
        TEST_LD_OP(lwu, 0x88776f5, -4, ld_data_mid)
        TEST_LD_OP(ld, 0x88776f504830281, 0, ld_data)
        TEST_LD_OP(ld, 0x907fee5dcc3baa19, 8, ld_data)
        TEST_LD_OP(ld, 0x88776f504830281, -8, ld_data_mid)
        TEST_LD_OP(ld, 0x88776f504830281, -8, ld_data_mid)

        /* ---- misaligned loads ---- */
        TEST_LD_OP(lh, 0xffffffffffff8302, 1, ld_data)
        TEST_LD_OP(lh, 0x3baa, 9, ld_data)
        TEST_LD_OP(lh, 0xffffffffffffa190, 15, ld_data)
        TEST_LD_OP(lhu, 0x8302, 1, ld_data)
        TEST_LD_OP(lhu, 0x3baa, 9, ld_data)
        TEST_LD_OP(lhu, 0xa190, 15, ld_data)
        TEST_LD_OP(lw, 0xfffffffff5048302, 1, ld_data)
        TEST_LD_OP(lw, 0x76f50483, 2, ld_data)
        TEST_LD_OP(lw, 0xffffffff8776f504, 3, ld_data)
        TEST_LD_OP(lw, 0x5dcc3baa, 9, ld_data)
        TEST_LD_OP(lw, 0xffffffffb312a190, 15, ld_data)
        TEST_LD_OP(lwu, 0xf5048302, 1, ld_data)
        TEST_LD_OP(lwu, 0x76f50483, 2, ld_data)
        TEST_LD_OP(lwu, 0x8776f504, 3, ld_data)
        TEST_LD_OP(lwu, 0x5dcc3baa, 9, ld_data)
        TEST_LD_OP(lwu, 0xb312a190, 15, ld_data)
        TEST_LD_OP(ld, 0x19088776f5048302, 1, ld_data)
        TEST_LD_OP(ld, 0xaa19088776f50483, 2, ld_data)
        TEST_LD_OP(ld, 0x3baa19088776f504, 3, ld_data)
        TEST_LD_OP(ld, 0xcc3baa19088776f5, 4, ld_data)
        TEST_LD_OP(ld, 0x5dcc3baa19088776, 5, ld_data)
        TEST_LD_OP(ld, 0xee5dcc3baa190887, 6, ld_data)
        TEST_LD_OP(ld, 0x7fee5dcc3baa1908, 7, ld_data)
        TEST_LD_OP(ld, 0xa1907fee5dcc3baa, 9, ld_data)
        TEST_LD_OP(ld, 0xe756c544b312a190, 15, ld_data)

        /* ---- stores of every size, aligned and misaligned: exactly the stored bytes change ---- */
        lla s2, st_window
        TEST_ST_WINDOW_AT(s2, sb, 0xa5, 0, 0x55555555555555a5, 0x5555555555555555, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sb, -1, 1, 0x555555555555ff55, 0x5555555555555555, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sb, 0x1234, 3, 0x5555555534555555, 0x5555555555555555, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sb, 0xa5, 5, 0x5555a55555555555, 0x5555555555555555, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sb, -1, 7, 0xff55555555555555, 0x5555555555555555, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sb, 0x1234, 8, 0x5555555555555555, 0x5555555555555534, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sb, 0xa5, 15, 0x5555555555555555, 0xa555555555555555, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sh, 0xa55a, 0, 0x555555555555a55a, 0x5555555555555555, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sh, -1, 1, 0x5555555555ffff55, 0x5555555555555555, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sh, 0x12345, 2, 0x5555555523455555, 0x5555555555555555, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sh, 0xa55a, 3, 0x555555a55a555555, 0x5555555555555555, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sh, -1, 5, 0x55ffff5555555555, 0x5555555555555555, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sh, 0x12345, 7, 0x4555555555555555, 0x5555555555555523, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sh, 0xa55a, 8, 0x5555555555555555, 0x555555555555a55a, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sh, -1, 15, 0x5555555555555555, 0xff55555555555555, 0x55555555555555ff)
        TEST_ST_WINDOW_AT(s2, sw, 0xa55aa55a, 0, 0x55555555a55aa55a, 0x5555555555555555, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sw, -1, 1, 0x555555ffffffff55, 0x5555555555555555, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sw, 0x123456789, 3, 0x5523456789555555, 0x5555555555555555, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sw, 0xa55aa55a, 4, 0xa55aa55a55555555, 0x5555555555555555, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sw, -1, 5, 0xffffff5555555555, 0x55555555555555ff, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sw, 0x123456789, 7, 0x8955555555555555, 0x5555555555234567, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sw, 0xa55aa55a, 8, 0x5555555555555555, 0x55555555a55aa55a, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sw, -1, 15, 0x5555555555555555, 0xff55555555555555, 0x5555555555ffffff)
        TEST_ST_WINDOW_AT(s2, sd, 0x123456789abcdef, 0, 0x123456789abcdef, 0x5555555555555555, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sd, -1, 1, 0xffffffffffffff55, 0x55555555555555ff, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sd, 0x123456789abcdef, 3, 0x6789abcdef555555, 0x5555555555012345, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sd, -1, 5, 0xffffff5555555555, 0x555555ffffffffff, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sd, 0x123456789abcdef, 7, 0xef55555555555555, 0x550123456789abcd, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sd, -1, 8, 0x5555555555555555, 0xffffffffffffffff, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sd, 0x123456789abcdef, 15, 0x5555555555555555, 0xef55555555555555, 0x550123456789abcd)
        TEST_ST_OP(sb, lb, 0xffffffffffffff80, 0x80, 0, st_buf)
        TEST_ST_OP(sb, lb, 0xffffffffffffff80, 0x80, 1, st_buf)
        TEST_ST_OP(sb, lb, 0xffffffffffffff80, 0x80, 6, st_buf)
        TEST_ST_OP(sb, lbu, 0x80, 0x80, 0, st_buf)
        TEST_ST_OP(sb, lbu, 0x80, 0x80, 1, st_buf)
        TEST_ST_OP(sb, lbu, 0x80, 0x80, 6, st_buf)
        TEST_ST_OP(sh, lh, 0xffffffffffff8001, 0x8001, 0, st_buf)
        TEST_ST_OP(sh, lh, 0xffffffffffff8001, 0x8001, 1, st_buf)
        TEST_ST_OP(sh, lh, 0xffffffffffff8001, 0x8001, 6, st_buf)
        TEST_ST_OP(sh, lhu, 0x8001, 0x8001, 0, st_buf)
        TEST_ST_OP(sh, lhu, 0x8001, 0x8001, 1, st_buf)
        TEST_ST_OP(sh, lhu, 0x8001, 0x8001, 6, st_buf)
        TEST_ST_OP(sw, lw, 0xffffffff80000001, 0x80000001, 0, st_buf)
        TEST_ST_OP(sw, lw, 0xffffffff80000001, 0x80000001, 1, st_buf)
        TEST_ST_OP(sw, lw, 0xffffffff80000001, 0x80000001, 6, st_buf)
        TEST_ST_OP(sw, lwu, 0x80000001, 0x80000001, 0, st_buf)
        TEST_ST_OP(sw, lwu, 0x80000001, 0x80000001, 1, st_buf)
        TEST_ST_OP(sw, lwu, 0x80000001, 0x80000001, 6, st_buf)
        TEST_ST_OP(sd, ld, 0x8000000000000001, 0x8000000000000001, 0, st_buf)
        TEST_ST_OP(sd, ld, 0x8000000000000001, 0x8000000000000001, 1, st_buf)
        TEST_ST_OP(sd, ld, 0x8000000000000001, 0x8000000000000001, 6, st_buf)
        TEST_ST_OP(sb, lb, 0x7f, 0x7f, 0, st_buf)
        TEST_ST_OP(sb, lb, 0x7f, 0x7f, 1, st_buf)
        TEST_ST_OP(sb, lb, 0x7f, 0x7f, 6, st_buf)
        TEST_ST_OP(sh, lh, 0x7fff, 0x7fff, 0, st_buf)
        TEST_ST_OP(sh, lh, 0x7fff, 0x7fff, 1, st_buf)
        TEST_ST_OP(sh, lh, 0x7fff, 0x7fff, 6, st_buf)
        TEST_ST_OP(sw, lw, 0x7fffffff, 0x7fffffff, 0, st_buf)
        TEST_ST_OP(sw, lw, 0x7fffffff, 0x7fffffff, 1, st_buf)
        TEST_ST_OP(sw, lw, 0x7fffffff, 0x7fffffff, 6, st_buf)
        TEST_ST_OP(sh, lh, 0x180, 0xffffffffffff0180, 0, st_buf)
        TEST_ST_OP(sh, lh, 0x180, 0xffffffffffff0180, 1, st_buf)
        TEST_ST_OP(sh, lh, 0x180, 0xffffffffffff0180, 6, st_buf)
        TEST_ST_OP(sw, lwu, 0x76543210, 0xfedcba9876543210, 0, st_buf)
        TEST_ST_OP(sw, lwu, 0x76543210, 0xfedcba9876543210, 1, st_buf)
        TEST_ST_OP(sw, lwu, 0x76543210, 0xfedcba9876543210, 6, st_buf)

        /* ---- the extreme 12-bit offsets, -2048 and +2047 ---- */
        TEST_CASE(0xffffffffffffff81, lla a1, ld_data + 2048; lb a4, -2048(a1))
        TEST_CASE(0x08, lla a1, ld_data + 7 - 2047; lbu a4, 2047(a1))
        TEST_CASE(0x04830281, lla a1, ld_data + 2048; lw a4, -2048(a1))
        TEST_CASE(0xffffffffaa190887, lla a1, ld_data + 6 - 2047; lw a4, 2047(a1))
        TEST_CASE(0x1122334455667788, lla a1, st_buf + 2048; li a2, 0x1122334455667788; sd a2, -2048(a1); lla a3, st_buf; ld a4, 0(a3))
        TEST_CASE(0x99, lla a1, st_buf + 5 - 2047; li a2, 0x99; sb a2, 2047(a1); lla a3, st_buf; lbu a4, 5(a3))

        /* ---- x0 and register aliasing ---- */
        TEST_CASE(0, lla a1, ld_data; ld x0, 0(a1); mv a4, x0)
        TEST_CASE(0xffffffffffffff81, lla a4, ld_data; lb a4, 0(a4))
        NEXT_TEST
        lla a1, st_buf
        sd a1, 0(a1)                /* rs2 = rs1: stores the address */
        ld a4, 0(a1)
        mv t2, a1
        CHECK("sd a1, 0(a1) stores its own address")
        TEST_CASE(0, lla a1, st_buf; sd x0, 0(a1); ld a4, 0(a1))

        /* ---- two fresh anonymous pages from mmap ---- */
        li a0, 0
        li a1, 8192
        li a2, 3                    /* PROT_READ | PROT_WRITE */
        li a3, 0x22                 /* MAP_PRIVATE | MAP_ANONYMOUS */
        li a4, -1
        li a5, 0
        li a7, SYS_mmap
        ecall
        mv s0, a0
        TEST_CASE(0, slli a4, s0, 52)  /* page-aligned, not an error */
        TEST_CASE(0, ld a4, 0(s0))  /* anonymous memory reads as zero */
        li s1, 4096
        add s1, s0, s1
        addi s2, s1, -8
        TEST_CASE(0, ld a4, -8(s1))

        /* ---- page-crossing loads (s1 = start of the second page) ---- */
        li a2, 0xf7f6f5f4f3f2f1f0; sd a2, -8(s1); li a2, 0xf7e6d5c4b3a29180; sd a2, 0(s1)
        TEST_CASE(0xffffffffffff80f7, lh a4, -1(s1))
        TEST_CASE(0x80f7, lhu a4, -1(s1))
        TEST_CASE(0xffffffffa29180f7, lw a4, -1(s1))
        TEST_CASE(0xffffffff9180f7f6, lw a4, -2(s1))
        TEST_CASE(0xffffffff80f7f6f5, lw a4, -3(s1))
        TEST_CASE(0xa29180f7, lwu a4, -1(s1))
        TEST_CASE(0x9180f7f6, lwu a4, -2(s1))
        TEST_CASE(0x80f7f6f5, lwu a4, -3(s1))
        TEST_CASE(0xe6d5c4b3a29180f7, ld a4, -1(s1))
        TEST_CASE(0xd5c4b3a29180f7f6, ld a4, -2(s1))
        TEST_CASE(0xc4b3a29180f7f6f5, ld a4, -3(s1))
        TEST_CASE(0xb3a29180f7f6f5f4, ld a4, -4(s1))
        TEST_CASE(0xa29180f7f6f5f4f3, ld a4, -5(s1))
        TEST_CASE(0x9180f7f6f5f4f3f2, ld a4, -6(s1))
        TEST_CASE(0x80f7f6f5f4f3f2f1, ld a4, -7(s1))

        /* ---- page-crossing stores (s2 = 8 bytes before the second page) ---- */
        TEST_ST_WINDOW_AT(s2, sh, 0xa55a, 7, 0x5a55555555555555, 0x55555555555555a5, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sw, 0xa55aa55a, 7, 0x5a55555555555555, 0x5555555555a55aa5, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sw, 0xa55aa55a, 6, 0xa55a555555555555, 0x555555555555a55a, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sw, 0xa55aa55a, 5, 0x5aa55a5555555555, 0x55555555555555a5, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sd, 0x123456789abcdef, 7, 0xef55555555555555, 0x550123456789abcd, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sd, 0x123456789abcdef, 6, 0xcdef555555555555, 0x55550123456789ab, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sd, 0x123456789abcdef, 5, 0xabcdef5555555555, 0x5555550123456789, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sd, 0x123456789abcdef, 4, 0x89abcdef55555555, 0x5555555501234567, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sd, 0x123456789abcdef, 3, 0x6789abcdef555555, 0x5555555555012345, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sd, 0x123456789abcdef, 2, 0x456789abcdef5555, 0x5555555555550123, 0x5555555555555555)
        TEST_ST_WINDOW_AT(s2, sd, 0x123456789abcdef, 1, 0x23456789abcdef55, 0x5555555555555501, 0x5555555555555555)

        /* ---- self-modifying code: a fresh RWX page, rewritten between calls, fence.i ---- */
        li a0, 0
        li a1, 4096
        li a2, 7                    /* PROT_READ | PROT_WRITE | PROT_EXEC */
        li a3, 0x22
        li a4, -1
        li a5, 0
        li a7, SYS_mmap
        ecall
        mv s3, a0
        li a2, 0x00100713           /* addi a4, zero, 1 */
        sw a2, 0(s3)
        li a2, 0x00008067           /* ret */
        sw a2, 4(s3)
        fence.i
        TEST_CASE(1, li a4, 0; jalr s3)
        TEST_CASE(1, li a4, 0; jalr s3)
        li a2, 0x00200713           /* addi a4, zero, 2 */
        sw a2, 0(s3)
        fence.i
        TEST_CASE(2, li a4, 0; jalr s3)
        li a2, 0x00170713           /* addi a4, a4, 1 */
        sw a2, 0(s3)
        li a2, 0x00270713           /* addi a4, a4, 2 */
        sw a2, 4(s3)
        li a2, 0x00008067           /* ret */
        sw a2, 8(s3)
        fence.i
        TEST_CASE(13, li a4, 10; jalr s3)
        li a2, 0x0057               /* a halfword store: addi a4, a4, 1 -> addi a4, a4, 5 */
        sh a2, 2(s3)
        fence.i
        TEST_CASE(17, li a4, 10; jalr s3)

        .data
        .balign 16
ld_data:
        .byte 0x81, 0x02, 0x83, 0x04, 0xf5, 0x76, 0x87, 0x08
ld_data_mid:
        .byte 0x19, 0xaa, 0x3b, 0xcc, 0x5d, 0xee, 0x7f, 0x90
        .byte 0xa1, 0x12, 0xb3, 0x44, 0xc5, 0x56, 0xe7, 0x68
        .balign 16
st_buf:
        .zero 32
st_window:
        .zero 32

TEST_END
