package dev.emu.isa.riscv.translate;

import dev.emu.engine.cpu.IllegalInstruction;
import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;
import org.junit.jupiter.api.Test;

import static dev.emu.isa.riscv.translate.CsrHelpers.CYCLE;
import static dev.emu.isa.riscv.translate.CsrHelpers.FCSR;
import static dev.emu.isa.riscv.translate.CsrHelpers.FFLAGS;
import static dev.emu.isa.riscv.translate.CsrHelpers.FRM;
import static dev.emu.isa.riscv.translate.CsrHelpers.INSTRET;
import static dev.emu.isa.riscv.translate.CsrHelpers.TIME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The user-mode CSRs: FP status views with their masks, read-only counters, everything else illegal. */
class CsrHelpersTest {
    private final Vcpu cpu = new Vcpu(0, 64, new GuestMemory());

    @Test
    void fcsrIsFrmAndFflagsTogether() {
        CsrHelpers.write(cpu, FCSR, 0xfff);
        assertEquals(0x1f, cpu.fpFlags);
        assertEquals(7, cpu.fpRoundingMode);
        assertEquals(0xff, CsrHelpers.read(cpu, FCSR, 0), "bits 8 and up are not kept");
        CsrHelpers.write(cpu, FRM, 0x21);
        assertEquals(1, CsrHelpers.read(cpu, FRM, 0));
        assertEquals(0x3f, CsrHelpers.read(cpu, FCSR, 0));
        CsrHelpers.write(cpu, FFLAGS, 0x104);
        assertEquals(4, CsrHelpers.read(cpu, FFLAGS, 0));
        assertEquals(0x24, CsrHelpers.read(cpu, FCSR, 0));
    }

    @Test
    void countersAreReadOnly() {
        cpu.instret = 1234;
        assertEquals(1234 + 5, CsrHelpers.read(cpu, INSTRET, 5));
        assertEquals(1234, CsrHelpers.read(cpu, CYCLE, 0));
        for (int csr : new int[] {CYCLE, TIME, INSTRET}) {
            assertThrows(IllegalInstruction.class, () -> CsrHelpers.write(cpu, csr, 0));
        }
    }

    @Test
    void timeCountsAtTenMegahertz() throws InterruptedException {
        long n0 = System.nanoTime();
        long t0 = CsrHelpers.read(cpu, TIME, 0);
        Thread.sleep(20);
        long t1 = CsrHelpers.read(cpu, TIME, 0);
        long n1 = System.nanoTime();
        long ticks = t1 - t0;
        assertTrue(ticks > 0 && ticks <= (n1 - n0) / 100 + 1, ticks + " ticks in " + (n1 - n0) + " ns");
        assertTrue(ticks >= 20 * 10_000 - 1, ticks + " ticks after sleeping 20 ms");
    }

    @Test
    void otherCsrsAreIllegal() {
        for (int csr : new int[] {0x000, 0x004, 0x300, 0xc03, 0xc80, 0xf14, 0x7b2}) {
            assertThrows(IllegalInstruction.class, () -> CsrHelpers.read(cpu, csr, 0), Integer.toHexString(csr));
            assertThrows(IllegalInstruction.class, () -> CsrHelpers.write(cpu, csr, 0), Integer.toHexString(csr));
        }
    }
}
