package dev.emu.isa.riscv.translate;

import org.junit.jupiter.api.Test;

import static dev.emu.isa.riscv.translate.Asm.A0;
import static dev.emu.isa.riscv.translate.Asm.A1;
import static dev.emu.isa.riscv.translate.Asm.A2;
import static dev.emu.isa.riscv.translate.Asm.asm;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Zba, Zbb, Zbc and Zbs executed; the helpers' own cases are in BitManipHelpersTest. */
class BitManipExecutionTest {
    private static final long A = 0x8765_4321_fedc_ba98L;
    private static final long B = 0x0000_0000_0000_0042L;

    private static long reg(String op, long a, long b) {
        return new Machine().x(A1, a).x(A2, b).code(asm(op, A0, A1, A2)).run().x(A0);
    }

    private static long imm(String op, long a, long imm) {
        return new Machine().x(A1, a).code(asm(op, A0, A1, imm)).run().x(A0);
    }

    private static long unary(String op, long a) {
        return new Machine().x(A1, a).code(asm(op, A0, A1)).run().x(A0);
    }

    @Test
    void zba() {
        assertEquals((A << 1) + B, reg("sh1add", A, B));
        assertEquals((A << 2) + B, reg("sh2add", A, B));
        assertEquals((A << 3) + B, reg("sh3add", A, B));
        assertEquals(((A & 0xffff_ffffL) << 1) + B, reg("sh1add.uw", A, B));
        assertEquals(((A & 0xffff_ffffL) << 2) + B, reg("sh2add.uw", A, B));
        assertEquals(((A & 0xffff_ffffL) << 3) + B, reg("sh3add.uw", A, B));
        assertEquals((A & 0xffff_ffffL) + B, reg("add.uw", A, B));
        assertEquals((A & 0xffff_ffffL) << 40, imm("slli.uw", A, 40));
    }

    @Test
    void zbbLogicAndMinMax() {
        assertEquals(A & ~B, reg("andn", A, B));
        assertEquals(A | ~B, reg("orn", A, B));
        assertEquals(~(A ^ B), reg("xnor", A, B));
        assertEquals(A, reg("min", A, B));
        assertEquals(B, reg("max", A, B));
        assertEquals(B, reg("minu", A, B));
        assertEquals(A, reg("maxu", A, B));
        assertEquals(-5, reg("min", -5, -5));
    }

    @Test
    void zbbUnary() {
        assertEquals((byte) A, unary("sext.b", A));
        assertEquals((short) A, unary("sext.h", A));
        assertEquals(A & 0xffff, unary("zext.h", A));
        assertEquals(0, unary("clz", A));
        assertEquals(3, unary("ctz", A));
        assertEquals(Long.bitCount(A), unary("cpop", A));
        assertEquals(0, unary("clzw", A));
        assertEquals(32, unary("ctzw", 0xffff_ffff_0000_0000L));
        assertEquals(32, unary("ctzw", Long.MIN_VALUE));
        assertEquals(Integer.bitCount((int) A), unary("cpopw", A));
        assertEquals(0xffff_ffff_ff00_ffffL, unary("orc.b", 0x0102_0304_0500_0607L));
        assertEquals(Long.reverseBytes(A), unary("rev8", A));
    }

    @Test
    void zbbRotates() {
        assertEquals(Long.rotateLeft(A, 7), reg("rol", A, 64 + 7));
        assertEquals(Long.rotateRight(A, 7), reg("ror", A, 7));
        assertEquals((long) Integer.rotateLeft((int) A, 7), reg("rolw", A, 32 + 7));
        assertEquals((long) Integer.rotateRight((int) A, 7), reg("rorw", A, 7));
        assertEquals(Long.rotateRight(A, 63), imm("rori", A, 63));
        assertEquals((long) Integer.rotateRight((int) A, 31), imm("roriw", A, 31));
    }

    @Test
    void zbc() {
        assertEquals(BitManipHelpers.clmul(A, B), reg("clmul", A, B));
        assertEquals(BitManipHelpers.clmulh(A, A), reg("clmulh", A, A));
        assertEquals(BitManipHelpers.clmulr(A, B), reg("clmulr", A, B));
    }

    @Test
    void zbs() {
        assertEquals(A & ~(1L << 63), reg("bclr", A, 63 + 64));
        assertEquals(A | 1L << 2, reg("bset", A, 2));
        assertEquals(A ^ 1L << 40, reg("binv", A, 40));
        assertEquals(1, reg("bext", A, 63));
        assertEquals(0, reg("bext", A, 0));
        assertEquals(A & ~(1L << 3), imm("bclri", A, 3));
        assertEquals(A | 1L << 62, imm("bseti", A, 62));
        assertEquals(A ^ 1L << 63, imm("binvi", A, 63));
        assertEquals(1, imm("bexti", A, 3));
    }
}
