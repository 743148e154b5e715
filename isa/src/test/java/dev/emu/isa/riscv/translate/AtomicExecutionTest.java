package dev.emu.isa.riscv.translate;

import dev.emu.engine.exec.FatalSignal;
import org.junit.jupiter.api.Test;

import static dev.emu.isa.riscv.translate.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The A extension executed through translated code; semantics in detail are in AtomicHelpersTest. */
class AtomicExecutionTest {

    @Test
    void amoOperandsAndResult() {
        Machine m = new Machine().data(0, 0xffff_fffeL, 4).data(8, 40, 8).x(A0, Machine.DATA).x(A1, Machine.DATA + 8)
                .x(A2, 3).code(asm("amoadd.w", T0, A2, A0), asm("amoswap.d.aqrl", T1, A2, A1),
                        asm("amoor.w.aq", ZERO, A2, A0)).run();
        assertEquals(-2, m.x(T0));
        assertEquals(1 | 3, m.load(Machine.DATA, 4));
        assertEquals(40, m.x(T1));
        assertEquals(3, m.load(Machine.DATA + 8, 8));
    }

    @Test
    void lrScIncrementLoop() {
        // loop: lr.d t0,(a0); addi t0,t0,1; sc.d t1,t0,(a0); bnez t1,loop
        Machine m = new Machine().data(0, 41, 8).x(A0, Machine.DATA).code(
                asm("lr.d.aq", T0, A0), asm("addi", T0, T0, 1), asm("sc.d.rl", T1, T0, A0), asm("bne", T1, ZERO, -12)).run();
        assertEquals(42, m.load(Machine.DATA, 8));
        assertEquals(0, m.x(T1));
        assertEquals(-1, m.cpu.reservation);
    }

    @Test
    void scWithoutReservationFails() {
        Machine m = new Machine().x(A0, Machine.DATA).x(A1, 5).code(asm("sc.w", A2, A1, A0)).run();
        assertEquals(1, m.x(A2));
        assertEquals(0, m.load(Machine.DATA, 4));
    }

    @Test
    void misalignedAmoIsSigbus() {
        RuntimeException stop = new Machine().x(A0, Machine.DATA + 4).code(asm("amoadd.d", T0, A1, A0)).runExpectingStop();
        assertEquals(FatalSignal.SIGBUS, assertInstanceOf(FatalSignal.class, stop).signal);
    }
}
