package dev.emu.isa.riscv.fp;

import dev.emu.engine.cpu.Vcpu;

import static dev.emu.isa.riscv.fp.Fp.NX;
import static dev.emu.isa.riscv.fp.Fp.OF;
import static dev.emu.isa.riscv.fp.Fp.RDN;
import static dev.emu.isa.riscv.fp.Fp.RMM;
import static dev.emu.isa.riscv.fp.Fp.RNE;
import static dev.emu.isa.riscv.fp.Fp.RTZ;
import static dev.emu.isa.riscv.fp.Fp.RUP;
import static dev.emu.isa.riscv.fp.Fp.UF;

/**
 * The one place that rounds: takes a value {@code sig × 2^exp} and gives the bits of the
 * nearest single or double in the requested direction, accruing NX, UF and OF the way RISC-V
 * does (IEEE 754 with tininess detected after rounding, and underflow only when inexact).
 *
 * <p>The significand may carry a sticky bit: callers that dropped nonzero bits OR a 1 into its
 * lowest bit, which is sound as long as it has at least precision + 2 bits above that one (the
 * rounding bit and a guard), because then the lowest bit can only act as "something nonzero
 * below the rounding point".
 */
final class Rounder {
    private Rounder() {}

    /**
     * @param sig positive significand, exact or with a sticky lowest bit (see above)
     * @return the format's bit pattern (a single in the low 32 bits, not boxed)
     */
    static long round(Vcpu cpu, FpFormat fmt, boolean negative, int exp, long sig, int mode) {
        int lz = Long.numberOfLeadingZeros(sig);
        sig <<= lz - 1; // leading one at bit 62
        int e = exp - (lz - 1) + 62; // exponent of that leading one
        long sign = negative ? fmt.signBit : 0;
        if (e > fmt.emax) {
            return sign | overflow(cpu, fmt, negative, mode);
        }
        int normalDrop = 63 - fmt.precision;
        int drop = normalDrop;
        boolean tiny = false;
        if (e < fmt.emin) {
            drop += fmt.emin - e;
            // Tiny after rounding: the result rounded to full precision with an unbounded
            // exponent stays below the smallest normal. Only a value one binade below it can
            // escape, by rounding up to exactly 2^emin.
            tiny = e < fmt.emin - 1 || !roundsUpToNextBinade(sig, normalDrop, fmt.precision, negative, mode);
        }
        long kept;
        boolean up;
        boolean inexact;
        if (drop > 63) { // everything is below the rounding point, and below half of it
            kept = 0;
            inexact = true;
            up = mode == RUP ? !negative : mode == RDN && negative;
        } else {
            kept = sig >>> drop;
            long rest = sig & ((1L << drop) - 1);
            inexact = rest != 0;
            up = roundsUp(mode, negative, kept, Long.compare(rest, 1L << (drop - 1)), inexact);
        }
        if (up) {
            kept++;
        }
        long bits = e < fmt.emin ? kept : ((long) (e + fmt.bias - 1) << (fmt.precision - 1)) + kept;
        if (bits >= fmt.infBits) {
            return sign | overflow(cpu, fmt, negative, mode);
        }
        if (inexact) {
            cpu.fpFlags |= tiny ? NX | UF : NX;
        }
        return sign | bits;
    }

    /** Whether rounding adds one unit to the kept part, given how the rest compares to half. */
    static boolean roundsUp(int mode, boolean negative, long kept, int restVsHalf, boolean inexact) {
        return switch (mode) {
            case RNE -> restVsHalf > 0 || (restVsHalf == 0 && (kept & 1) != 0);
            case RTZ -> false;
            case RDN -> negative && inexact;
            case RUP -> !negative && inexact;
            case RMM -> restVsHalf >= 0;
            default -> throw new IllegalArgumentException("rounding mode " + mode);
        };
    }

    private static boolean roundsUpToNextBinade(long sig, int drop, int precision, boolean negative, int mode) {
        long kept = sig >>> drop;
        if (kept != (1L << precision) - 1) {
            return false;
        }
        long rest = sig & ((1L << drop) - 1);
        return roundsUp(mode, negative, kept, Long.compare(rest, 1L << (drop - 1)), rest != 0);
    }

    /** Infinity, or the largest finite magnitude when the mode rounds toward it. */
    private static long overflow(Vcpu cpu, FpFormat fmt, boolean negative, int mode) {
        cpu.fpFlags |= OF | NX;
        boolean toInfinity = switch (mode) {
            case RTZ -> false;
            case RDN -> negative;
            case RUP -> !negative;
            default -> true;
        };
        return toInfinity ? fmt.infBits : fmt.maxBits;
    }
}
