package dev.emu.isa.riscv.translate;

import dev.emu.engine.exec.FatalSignal;
import org.junit.jupiter.api.Test;

import static dev.emu.isa.riscv.translate.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Instructions that hand control to the run loop, fences, and what user mode may not run. */
class SystemExecutionTest {

    private static int signal(Machine m) {
        return assertInstanceOf(FatalSignal.class, m.runExpectingStop()).signal;
    }

    @Test
    void ebreakTraps() {
        assertEquals(FatalSignal.SIGTRAP, signal(new Machine().code(asm("ebreak"))));
    }

    @Test
    void unimpAndPrivilegedInstructionsAreIllegal() {
        assertEquals(FatalSignal.SIGILL, signal(new Machine().code(asm("unimp"))));
        int mret = 0x30200073;
        int wfi = 0x10500073;
        int sfenceVma = 0x12000073;
        for (int word : new int[] {mret, wfi, sfenceVma, 0xffffffff, 0x0000007f}) {
            assertEquals(FatalSignal.SIGILL, signal(new Machine().code(word)), Integer.toHexString(word));
        }
    }

    @Test
    void theFaultIsAtTheIllegalInstruction() {
        Machine m = new Machine().code(asm("addi", A0, ZERO, 1), asm("addi", A1, ZERO, 2), asm("unimp"));
        FatalSignal stop = assertInstanceOf(FatalSignal.class, m.runExpectingStop());
        assertEquals(Machine.CODE + 8, stop.address);
        assertEquals(2, m.x(A1), "the instructions before it ran");
    }

    @Test
    void fencesDoNotChangeState() {
        Machine m = new Machine().x(A0, 5).code(asm("fence", 0xf, 0xf), asm("fence.tso"), asm("fence", 1, 0),
                asm("fence.i"), asm("addi", A0, A0, 1)).run();
        assertEquals(6, m.x(A0), "execution goes on after fence.i");
    }
}
