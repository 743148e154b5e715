package dev.emu.isa.riscv.translate;

import dev.emu.engine.exec.FatalSignal;
import org.junit.jupiter.api.Test;

import static dev.emu.isa.riscv.translate.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** RV64I executed: arithmetic, W forms, shifts, comparisons, memory, branches and jumps. */
class IntegerExecutionTest {
    private static final long BIG = 0x8765_4321_fedc_ba98L;

    /** rd = op(a, b) for an R-type op. */
    private static long reg(String op, long a, long b) {
        return new Machine().x(A1, a).x(A2, b).code(asm(op, A0, A1, A2)).run().x(A0);
    }

    /** rd = op(a, imm) for an I-type op (or a shift by an immediate amount). */
    private static long imm(String op, long a, long imm) {
        return new Machine().x(A1, a).code(asm(op, A0, A1, imm)).run().x(A0);
    }

    @Test
    void registerArithmetic() {
        assertEquals(BIG + 5, reg("add", BIG, 5));
        assertEquals(5 - BIG, reg("sub", 5, BIG));
        assertEquals(BIG ^ 0xff, reg("xor", BIG, 0xff));
        assertEquals(BIG | 0xff, reg("or", BIG, 0xff));
        assertEquals(BIG & 0xff, reg("and", BIG, 0xff));
        assertEquals(1, reg("slt", -1, 0));
        assertEquals(0, reg("sltu", -1, 0));
        assertEquals(1, reg("sltu", 0, -1));
        // shift amounts use the low 6 bits only
        assertEquals(BIG << 4, reg("sll", BIG, 64 + 4));
        assertEquals(BIG >>> 4, reg("srl", BIG, 64 + 4));
        assertEquals(BIG >> 4, reg("sra", BIG, 64 + 4));
    }

    @Test
    void immediateArithmetic() {
        assertEquals(BIG - 2048, imm("addi", BIG, -2048));
        assertEquals(1, imm("slti", -5, -4));
        // sltiu compares with the sign-extended immediate as unsigned: x < 2^64-1
        assertEquals(1, imm("sltiu", 12345, -1));
        assertEquals(BIG ^ -1L, imm("xori", BIG, -1));
        assertEquals(BIG | 0x7ff, imm("ori", BIG, 0x7ff));
        assertEquals(BIG & -16, imm("andi", BIG, -16));
        assertEquals(BIG << 63, imm("slli", BIG, 63));
        assertEquals(BIG >>> 33, imm("srli", BIG, 33));
        assertEquals(BIG >> 33, imm("srai", BIG, 33));
    }

    @Test
    void wordFormsSignExtendTheLowWord() {
        assertEquals(Integer.MIN_VALUE, reg("addw", Integer.MAX_VALUE, 1));
        assertEquals((int) (0x1_0000_0005L - 7), reg("subw", 0x1_0000_0005L, 7));
        assertEquals((long) (int) (BIG << 5), reg("sllw", BIG, 32 + 5));
        assertEquals((long) ((int) BIG >>> 5), reg("srlw", BIG, 32 + 5));
        assertEquals((long) ((int) BIG >> 5), reg("sraw", BIG, 32 + 5));
        assertEquals((long) (int) (BIG - 1), imm("addiw", BIG, -1));
        assertEquals((long) (int) (BIG << 31), imm("slliw", BIG, 31));
        assertEquals((long) ((int) BIG >>> 1), imm("srliw", BIG, 1));
        assertEquals(-1L, imm("sraiw", 0xffff_ffff_8000_0000L, 31));
        // srliw by zero still sign-extends bit 31
        assertEquals((long) (int) BIG, imm("srliw", BIG, 0));
    }

    @Test
    void upperImmediates() {
        Machine m = new Machine().code(asm("lui", A0, 0x80000), asm("auipc", A1, 0xfffff)).run();
        assertEquals(0xffff_ffff_8000_0000L, m.x(A0));
        assertEquals(Machine.CODE + 4 - 0x1000, m.x(A1));
    }

    @Test
    void x0ReadsZeroAndIgnoresWrites() {
        Machine m = new Machine().code(asm("addi", ZERO, ZERO, 5), asm("add", A0, ZERO, ZERO), asm("addi", A1, ZERO, 7)).run();
        assertEquals(0, m.x(ZERO));
        assertEquals(0, m.x(A0));
        assertEquals(7, m.x(A1));
    }

    @Test
    void loadsExtendBySize() {
        long value = 0x8182_8384_8586_8788L;
        Machine m = new Machine().data(8, value, 8).x(A0, Machine.DATA + 16).code(
                asm("lb", T0, -8, A0), asm("lbu", T1, -8, A0), asm("lh", T2, -8, A0), asm("lhu", S0, -8, A0),
                asm("lw", S1, -8, A0), asm("lwu", A2, -8, A0), asm("ld", A3, -8, A0)).run();
        assertEquals((byte) value, m.x(T0));
        assertEquals(value & 0xff, m.x(T1));
        assertEquals((short) value, m.x(T2));
        assertEquals(value & 0xffff, m.x(S0));
        assertEquals((int) value, m.x(S1));
        assertEquals(value & 0xffff_ffffL, m.x(A2));
        assertEquals(value, m.x(A3));
    }

    @Test
    void storesWriteTheLowBytes() {
        Machine m = new Machine().x(A0, Machine.DATA).x(A1, BIG).code(
                asm("sb", A1, 0, A0), asm("sh", A1, 8, A0), asm("sw", A1, 16, A0), asm("sd", A1, 24, A0),
                asm("sd", A1, 2047, A0)).run();
        assertEquals(BIG & 0xff, m.load(Machine.DATA, 8));
        assertEquals(BIG & 0xffff, m.load(Machine.DATA + 8, 8));
        assertEquals(BIG & 0xffff_ffffL, m.load(Machine.DATA + 16, 8));
        assertEquals(BIG, m.load(Machine.DATA + 24, 8));
        assertEquals(BIG, m.load(Machine.DATA + 2047, 8)); // misaligned is allowed for plain accesses
    }

    @Test
    void aLoadIntoX0StillFaults() {
        RuntimeException stop = new Machine().x(A0, 0x5000).code(asm("ld", ZERO, 0, A0)).runExpectingStop();
        assertEquals(FatalSignal.SIGSEGV, assertInstanceOf(FatalSignal.class, stop).signal);
    }

    /** Counts taken branches: each of the pairs, then whether the branch skipped an addi. */
    private static boolean taken(String op, long a, long b) {
        // beq a1,a2,+8 ; addi a0,zero,1 (skipped when taken) ; ecall
        return new Machine().x(A1, a).x(A2, b).x(A0, 0)
                .code(asm(op, A1, A2, 8), asm("addi", A0, ZERO, 1)).run().x(A0) == 0;
    }

    @Test
    void conditionalBranches() {
        assertEquals(true, taken("beq", 3, 3));
        assertEquals(false, taken("beq", 3, 4));
        assertEquals(true, taken("bne", 3, 4));
        assertEquals(true, taken("blt", -1, 0));
        assertEquals(false, taken("bltu", -1, 0));
        assertEquals(true, taken("bge", 0, -1));
        assertEquals(true, taken("bge", 5, 5));
        assertEquals(true, taken("bgeu", -1, 0));
        assertEquals(false, taken("bgeu", 0, -1));
    }

    @Test
    void aBackwardBranchLoops() {
        // a0 = 0; a1 = 10; loop: a0 += a1; a1 -= 1; bnez a1, loop
        Machine m = new Machine().code(asm("addi", A0, ZERO, 0), asm("addi", A1, ZERO, 10),
                asm("add", A0, A0, A1), asm("addi", A1, A1, -1), asm("bne", A1, ZERO, -8)).run();
        assertEquals(55, m.x(A0));
    }

    @Test
    void jalLinksAndJumps() {
        // jal ra,+8 skips one addi; ra holds the address after the jal
        Machine m = new Machine().code(asm("jal", RA, 8), asm("addi", A0, ZERO, 1)).run();
        assertEquals(Machine.CODE + 4, m.x(RA));
        assertEquals(0, m.x(A0));
    }

    @Test
    void jalrComputesTheTargetBeforeLinkingAndClearsBitZero() {
        // a1 = CODE+12 (+1: bit 0 is cleared); jalr a1,0(a1) with rd = rs1 reads the old a1
        Machine m = new Machine().x(A1, Machine.CODE + 12 + 1).code(
                asm("jalr", A1, 0, A1), asm("addi", A0, ZERO, 1), asm("addi", A0, ZERO, 2)).run();
        assertEquals(Machine.CODE + 4, m.x(A1));
        assertEquals(0, m.x(A0));
    }

    @Test
    void jalrWithAnOffset() {
        Machine m = new Machine().x(T0, Machine.CODE + 100).code(
                asm("jalr", ZERO, -88, T0), asm("addi", A0, ZERO, 1), asm("addi", A0, ZERO, 2)).run();
        // CODE+100-88 = CODE+12: the closing ecall, skipping both addi
        assertEquals(0, m.x(A0));
    }
}
