package dev.emu.isa.riscv.fp;

import dev.emu.engine.cpu.Vcpu;

import static dev.emu.isa.riscv.fp.Fp.NV;
import static dev.emu.isa.riscv.fp.FpFormat.SINGLE;

/**
 * fmin/fmax, the comparisons and fclass on the patterns of either format (a single as its
 * unboxed 32-bit pattern). Comparisons and min/max never round, so the host's ordering of the
 * values is exact; what needs care is NaN handling and the sign of zero.
 */
final class Comparisons {
    private Comparisons() {}

    private static double value(FpFormat fmt, long bits) {
        return fmt == SINGLE ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
    }

    /**
     * IEEE 754-2019 minimumNumber/maximumNumber as RISC-V specifies them: a NaN operand loses to
     * a number, two NaNs give the canonical NaN, -0 counts as less than +0, and only a
     * signalling NaN raises NV.
     */
    static long minMax(Vcpu cpu, FpFormat fmt, long a, long b, boolean max) {
        boolean nanA = Specials.isNaN(fmt, a);
        boolean nanB = Specials.isNaN(fmt, b);
        if (nanA || nanB) {
            if (Specials.isSignalling(fmt, a) || Specials.isSignalling(fmt, b)) {
                cpu.fpFlags |= NV;
            }
            return nanA && nanB ? Specials.canonicalNaN(fmt) : nanA ? b : a;
        }
        double x = value(fmt, a);
        double y = value(fmt, b);
        if (x == y) { // equal values; for zeros of both signs pick by sign
            return fmt.negative(a) != max ? a : b;
        }
        return (x < y) != max ? a : b;
    }

    /** feq: a quiet comparison, NV only for signalling NaNs. */
    static long eq(Vcpu cpu, FpFormat fmt, long a, long b) {
        if (Specials.isNaN(fmt, a) || Specials.isNaN(fmt, b)) {
            if (Specials.isSignalling(fmt, a) || Specials.isSignalling(fmt, b)) {
                cpu.fpFlags |= NV;
            }
            return 0;
        }
        return value(fmt, a) == value(fmt, b) ? 1 : 0;
    }

    /** flt / fle: signalling comparisons, NV for any NaN operand. */
    static long less(Vcpu cpu, FpFormat fmt, long a, long b, boolean orEqual) {
        if (Specials.isNaN(fmt, a) || Specials.isNaN(fmt, b)) {
            cpu.fpFlags |= NV;
            return 0;
        }
        double x = value(fmt, a);
        double y = value(fmt, b);
        return (orEqual ? x <= y : x < y) ? 1 : 0;
    }

    /**
     * fclass: one of ten bits, 0 -∞, 1 negative normal, 2 negative subnormal, 3 -0, 4 +0,
     * 5 positive subnormal, 6 positive normal, 7 +∞, 8 signalling NaN, 9 quiet NaN.
     */
    static long classify(FpFormat fmt, long bits) {
        boolean negative = fmt.negative(bits);
        long magnitude = bits & ~fmt.signBit;
        int bit;
        if (magnitude > fmt.infBits) {
            bit = Specials.isSignalling(fmt, bits) ? 8 : 9;
        } else if (magnitude == fmt.infBits) {
            bit = negative ? 0 : 7;
        } else if (magnitude == 0) {
            bit = negative ? 3 : 4;
        } else if (magnitude < 1L << (fmt.precision - 1)) {
            bit = negative ? 2 : 5;
        } else {
            bit = negative ? 1 : 6;
        }
        return 1L << bit;
    }
}
