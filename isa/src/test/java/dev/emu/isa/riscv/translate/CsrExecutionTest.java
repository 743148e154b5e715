package dev.emu.isa.riscv.translate;

import dev.emu.engine.exec.FatalSignal;
import org.junit.jupiter.api.Test;

import static dev.emu.isa.riscv.translate.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Zicsr executed: read-modify-write forms, and when an access reads or writes at all. */
class CsrExecutionTest {
    private static final int FFLAGS = 1, FRM = 2, FCSR = 3, CYCLE = 0xc00, TIME = 0xc01, INSTRET = 0xc02;

    @Test
    void readModifyWriteForms() {
        Machine m = new Machine().x(A1, 0x0a).x(A2, 0x03).code(
                asm("csrrw", A0, FFLAGS, A1),   // a0 = 0, fflags = 0x0a
                asm("csrrs", T0, FFLAGS, A2),   // t0 = 0x0a, fflags = 0x0b
                asm("csrrc", T1, FFLAGS, A1),   // t1 = 0x0b, fflags = 0x01
                asm("csrrwi", T2, FRM, 4),      // t2 = 0, frm = 4
                asm("csrrsi", S0, FCSR, 0x10),  // s0 = 0x81, fflags |= 0x10
                asm("csrrci", S1, FCSR, 0x01),  // s1 = 0x91, fflags = 0x10
                asm("csrrs", A3, FCSR, ZERO)).run();
        assertEquals(0, m.x(A0));
        assertEquals(0x0a, m.x(T0));
        assertEquals(0x0b, m.x(T1));
        assertEquals(0, m.x(T2));
        assertEquals(0x81, m.x(S0));
        assertEquals(0x91, m.x(S1));
        assertEquals(0x90, m.x(A3));
        assertEquals(0x10, m.cpu.fpFlags);
        assertEquals(4, m.cpu.fpRoundingMode);
    }

    @Test
    void theSourceIsReadBeforeRdIsWritten() {
        // fscsr a0,a0: the old fcsr goes to a0, the old a0 to fcsr
        Machine m = new Machine().x(A0, 0x41).code(asm("csrrw", A0, FCSR, A0)).run();
        assertEquals(0, m.x(A0));
        assertEquals(2, m.cpu.fpRoundingMode);
        assertEquals(1, m.cpu.fpFlags);
    }

    @Test
    void instretCountsTheInstructionsBeforeTheRead() {
        // two blocks: the branch ends the first; single-stepped and in blocks alike
        Machine m = new Machine().code(asm("addi", A0, ZERO, 1), asm("beq", ZERO, ZERO, 4),
                asm("addi", A0, ZERO, 2), asm("csrrs", A1, INSTRET, ZERO), asm("csrrs", A2, CYCLE, ZERO)).run();
        assertEquals(3, m.x(A1));
        assertEquals(4, m.x(A2));
    }

    @Test
    void countersReadButDoNotWrite() {
        Machine m = new Machine().code(asm("csrrs", A0, TIME, ZERO), asm("csrrs", A1, INSTRET, ZERO),
                asm("csrrsi", A2, CYCLE, 0), asm("csrrc", A3, CYCLE, ZERO)).runInBlocks();
        assertEquals(true, m.x(A0) > 0, "time runs");
        assertEquals(1, m.x(A1));
    }

    @Test
    void writingACounterIsIllegalEvenWithAZeroValue() {
        // csrrs with a source register other than x0 writes, whatever the register holds
        for (int insn : new int[] {asm("csrrs", A0, CYCLE, A1), asm("csrrw", ZERO, INSTRET, ZERO), asm("csrrci", A0, TIME, 1)}) {
            RuntimeException stop = new Machine().x(A1, 0).code(insn).runExpectingStop();
            assertEquals(FatalSignal.SIGILL, assertInstanceOf(FatalSignal.class, stop).signal);
        }
    }

    @Test
    void unknownCsrsAreIllegal() {
        RuntimeException stop = new Machine().code(asm("csrrs", A0, 0x300, ZERO)).runExpectingStop();
        assertEquals(FatalSignal.SIGILL, assertInstanceOf(FatalSignal.class, stop).signal);
    }
}
