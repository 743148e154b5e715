package dev.emu.isa.riscv.translate;

import dev.emu.engine.cpu.IllegalInstruction;
import dev.emu.engine.cpu.Vcpu;

/**
 * The CSRs a user-mode program may touch: the floating-point status (fflags, frm, and fcsr,
 * which holds both) and the read-only counters (cycle, time, instret). Any other CSR, and any
 * write to a counter, is an illegal instruction. The Zicsr translators build csrrw/csrrs/csrrc
 * from {@link #read} and {@link #write}, leaving out the read or the write where the
 * specification says the instruction does not perform it.
 */
public final class CsrHelpers {
    private CsrHelpers() {}

    public static final int FFLAGS = 0x001;
    public static final int FRM = 0x002;
    public static final int FCSR = 0x003;
    public static final int CYCLE = 0xc00;
    public static final int TIME = 0xc01;
    public static final int INSTRET = 0xc02;

    /** The rate of the time CSR: 10 MHz, the timebase Linux reports on QEMU's virt board. */
    public static final long TIMEBASE_HZ = 10_000_000;

    /**
     * @param retiredInBlock instructions of the current block before this one: the run loop adds
     *                       a block's instructions to {@code cpu.instret} only when it leaves it
     */
    public static long read(Vcpu cpu, long csr, long retiredInBlock) {
        return switch ((int) csr) {
            case FFLAGS -> cpu.fpFlags & 0x1f;
            case FRM -> cpu.fpRoundingMode & 0x7;
            case FCSR -> (cpu.fpRoundingMode & 0x7) << 5 | (cpu.fpFlags & 0x1f);
            // No cycle model: one cycle per instruction, like a simple in-order core.
            case CYCLE, INSTRET -> cpu.instret + retiredInBlock;
            case TIME -> time();
            default -> throw unknown(csr);
        };
    }

    /** Writes the bits the CSR has and ignores the rest (fcsr's bits 8 and up are reserved). */
    public static void write(Vcpu cpu, long csr, long value) {
        switch ((int) csr) {
            case FFLAGS -> cpu.fpFlags = (int) value & 0x1f;
            case FRM -> cpu.fpRoundingMode = (int) value & 0x7;
            case FCSR -> {
                cpu.fpFlags = (int) value & 0x1f;
                cpu.fpRoundingMode = (int) (value >>> 5) & 0x7;
            }
            case CYCLE, TIME, INSTRET -> throw new IllegalInstruction("write to the read-only CSR 0x" + Long.toHexString(csr));
            default -> throw unknown(csr);
        }
    }

    private static long time() {
        return System.nanoTime() / (1_000_000_000L / TIMEBASE_HZ);
    }

    private static IllegalInstruction unknown(long csr) {
        return new IllegalInstruction("CSR 0x" + Long.toHexString(csr) + " is not accessible in user mode");
    }
}
