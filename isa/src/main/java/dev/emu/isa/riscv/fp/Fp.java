package dev.emu.isa.riscv.fp;

import dev.emu.engine.cpu.IllegalInstruction;
import dev.emu.engine.cpu.Vcpu;

/**
 * The vocabulary every F/D helper shares: the fflags bits, the rounding modes of the rm field,
 * NaN-boxing of singles in the 64-bit f registers and the canonical NaNs RISC-V writes.
 */
final class Fp {
    private Fp() {}

    /** fflags bits: invalid, divide by zero, overflow, underflow, inexact. */
    static final int NV = 16, DZ = 8, OF = 4, UF = 2, NX = 1;

    /** Rounding modes in rm/frm encoding; 7 in an rm field means "use frm". */
    static final int RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4, DYN = 7;

    /** The upper half that makes a 64-bit f-register pattern a valid single. */
    static final long BOX = 0xffff_ffff_0000_0000L;
    static final int CANONICAL_NAN_32 = 0x7fc0_0000;
    static final long CANONICAL_NAN_64 = 0x7ff8_0000_0000_0000L;
    static final int SIGN_32 = 0x8000_0000;
    static final long SIGN_64 = 0x8000_0000_0000_0000L;

    /**
     * The effective rounding mode: the instruction's static field, or frm when the field says
     * dynamic. A reserved effective mode makes the instruction illegal, as on hardware.
     */
    static int mode(Vcpu cpu, long rm) {
        long m = rm == DYN ? cpu.fpRoundingMode : rm;
        if (m < 0 || m > RMM) {
            throw new IllegalInstruction("reserved rounding mode " + m);
        }
        return (int) m;
    }

    /** A single operand: the low word if properly NaN-boxed, otherwise the canonical NaN. */
    static int unbox(long reg) {
        return (reg & BOX) == BOX ? (int) reg : CANONICAL_NAN_32;
    }

    static long box(int bits) {
        return BOX | (bits & 0xffff_ffffL);
    }

    static long box(float f) {
        return box(Float.floatToRawIntBits(f));
    }

    static boolean isNaN32(int bits) {
        return (bits & 0x7fff_ffff) > 0x7f80_0000;
    }

    /** A signalling NaN has the top fraction bit clear (and some other fraction bit set). */
    static boolean isSNaN32(int bits) {
        return isNaN32(bits) && (bits & 0x0040_0000) == 0;
    }

    static boolean isNaN64(long bits) {
        return (bits & 0x7fff_ffff_ffff_ffffL) > 0x7ff0_0000_0000_0000L;
    }

    /**
     * The sign of an exact zero sum of two operands whose signs are given (x + -x, or two
     * zeros): IEEE 754 makes it positive unless both are negative, or rounding is downward.
     */
    static boolean zeroSumNegative(boolean negA, boolean negB, int mode) {
        return negA == negB ? negA : mode == RDN;
    }
}
