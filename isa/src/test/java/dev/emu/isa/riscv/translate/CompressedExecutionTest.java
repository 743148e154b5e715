package dev.emu.isa.riscv.translate;

import dev.emu.engine.exec.FatalSignal;
import org.junit.jupiter.api.Test;

import static dev.emu.isa.riscv.translate.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The C extension executed: each instruction behaves as its expansion, with 2-byte lengths. */
class CompressedExecutionTest {
    private static final long BIG = 0x8765_4321_fedc_ba98L;

    @Test
    void immediatesAndMoves() {
        Machine m = new Machine().x(S0, BIG).x(S1, 100).x(SP, 0x1000).code(
                asm("c.li", A0, -32), asm("c.lui", A1, -0x20000), asm("c.addi", S1, -1), asm("c.mv", A2, S0),
                asm("c.addiw", S0, 1), asm("c.addi16sp", -512), asm("c.addi4spn", A3, 1020)).run();
        assertEquals(-32, m.x(A0));
        assertEquals(0xffff_ffff_fffe_0000L, m.x(A1));
        assertEquals(99, m.x(S1));
        assertEquals(BIG, m.x(A2));
        assertEquals((long) (int) (BIG + 1), m.x(S0));
        assertEquals(0x1000 - 512, m.x(SP));
        assertEquals(0x1000 - 512 + 1020, m.x(A3));
    }

    @Test
    void registerArithmetic() {
        Machine m = new Machine().x(S0, BIG).x(S1, 0xff).x(A0, BIG).x(A1, 0xff).x(A2, BIG).x(A3, 0x7fff_ffff)
                .x(A4, 1).x(A5, 3).x(T0, 5).code(
                asm("c.and", S0, S1), asm("c.or", A0, A1), asm("c.xor", A2, A1), asm("c.addw", A3, A4),
                asm("c.sub", S1, A1), asm("c.subw", A4, A5), asm("c.add", T0, A5)).run();
        assertEquals(BIG & 0xff, m.x(S0));
        assertEquals(BIG | 0xff, m.x(A0));
        assertEquals(BIG ^ 0xff, m.x(A2));
        assertEquals(Integer.MIN_VALUE, m.x(A3));
        assertEquals(0, m.x(S1));
        assertEquals(-2, m.x(A4));
        assertEquals(8, m.x(T0));
    }

    @Test
    void shiftsAndAndi() {
        Machine m = new Machine().x(T0, BIG).x(S0, BIG).x(S1, BIG).x(A0, BIG).code(
                asm("c.slli", T0, 63), asm("c.srli", S0, 60), asm("c.srai", S1, 60), asm("c.andi", A0, -16),
                asm("c.slli64", A0), asm("c.srli64", S0), asm("c.srai64", S1)).run();
        assertEquals(BIG << 63, m.x(T0));
        assertEquals(BIG >>> 60, m.x(S0));
        assertEquals(BIG >> 60, m.x(S1));
        assertEquals(BIG & -16, m.x(A0));
    }

    @Test
    void loadsAndStores() {
        long sp = Machine.DATA + 0x100;
        Machine m = new Machine().x(SP, sp).x(S0, Machine.DATA).x(A0, BIG).f(8, 0x4000_0000_0000_0000L).code(
                asm("c.sd", A0, 8, S0), asm("c.sw", A0, 16, S0), asm("c.ld", A1, 8, S0), asm("c.lw", A2, 8, S0),
                asm("c.sdsp", A0, 64), asm("c.swsp", A0, 128), asm("c.ldsp", A3, 64), asm("c.lwsp", A4, 64),
                asm("c.fsd", 8, 24, S0), asm("c.fld", 9, 24, S0), asm("c.fsdsp", 8, 256), asm("c.fldsp", 10, 256)).run();
        assertEquals(BIG, m.load(Machine.DATA + 8, 8));
        assertEquals(BIG & 0xffff_ffffL, m.load(Machine.DATA + 16, 8));
        assertEquals(BIG, m.x(A1));
        assertEquals((int) BIG, m.x(A2));
        assertEquals(BIG, m.load(sp + 64, 8));
        assertEquals(BIG & 0xffff_ffffL, m.load(sp + 128, 4));
        assertEquals(BIG, m.x(A3));
        assertEquals((int) BIG, m.x(A4));
        assertEquals(0x4000_0000_0000_0000L, m.f(9));
        assertEquals(0x4000_0000_0000_0000L, m.load(sp + 256, 8));
        assertEquals(0x4000_0000_0000_0000L, m.f(10));
    }

    @Test
    void jumpsUseTwoByteLengths() {
        // c.jal does not exist on RV64; c.jalr links pc+2
        Machine m = new Machine();
        m.x(T0, Machine.CODE + 2 + 4).code(
                asm("c.jalr", T0),              // CODE:    -> CODE+6, ra = CODE+2
                asm("addi", A0, ZERO, 1),       // CODE+2:  skipped
                asm("c.j", 6),                  // CODE+6:  -> CODE+12
                asm("addi", A1, ZERO, 1),       // CODE+8:  skipped
                asm("c.addi", A2, 1),          // CODE+12
                asm("c.jr", T1)                 // CODE+14: -> the ecall at CODE+16
        );
        m.x(T1, Machine.CODE + 16).run();
        assertEquals(Machine.CODE + 2, m.x(RA));
        assertEquals(0, m.x(A0));
        assertEquals(0, m.x(A1));
        assertEquals(1, m.x(A2));
    }

    @Test
    void compressedBranches() {
        for (long value : new long[] {0, 5}) {
            Machine m = new Machine().x(S0, value).code(
                    asm("c.beqz", S0, 4), asm("c.li", A0, 1), asm("c.bnez", S0, 4), asm("c.li", A1, 1)).run();
            assertEquals(value == 0 ? 0 : 1, m.x(A0));
            assertEquals(value != 0 ? 0 : 1, m.x(A1));
        }
    }

    @Test
    void ebreakAndTheZeroWord() {
        RuntimeException brk = new Machine().code(asm("c.ebreak")).runExpectingStop();
        assertEquals(FatalSignal.SIGTRAP, assertInstanceOf(FatalSignal.class, brk).signal);
        // the all-zero halfword is defined to be illegal (c.unimp)
        RuntimeException ill = new Machine().code(0x0000).runExpectingStop();
        assertEquals(FatalSignal.SIGILL, assertInstanceOf(FatalSignal.class, ill).signal);
    }
}
