package dev.emu.isa.riscv.fp;

import dev.emu.engine.cpu.Vcpu;

import static dev.emu.isa.riscv.fp.Fp.NV;
import static dev.emu.isa.riscv.fp.Fp.NX;
import static dev.emu.isa.riscv.fp.Fp.RDN;
import static dev.emu.isa.riscv.fp.Fp.RMM;
import static dev.emu.isa.riscv.fp.Fp.RNE;
import static dev.emu.isa.riscv.fp.Fp.RTZ;
import static dev.emu.isa.riscv.fp.Fp.RUP;
import static dev.emu.isa.riscv.fp.FpFormat.DOUBLE;
import static dev.emu.isa.riscv.fp.FpFormat.SINGLE;

/**
 * fcvt between floating point and integers, and between the two precisions. Floating-point
 * sources arrive as doubles (a single widens exactly) with a separate NaN flag, because widening
 * may not keep a signalling NaN's pattern and every NaN converts the same way anyway.
 *
 * <p>To integer, RISC-V saturates: NaN and too-large values give the largest integer, too-small
 * values the smallest, all with NV and without NX; in range, NX marks an inexact rounding. A
 * negative value that rounds to zero is in range even for the unsigned targets.
 */
final class Conversions {
    private Conversions() {}

    /** x rounded to an integral double in the given mode (infinities stay). */
    static double roundIntegral(double x, int mode) {
        return switch (mode) {
            case RNE -> Math.rint(x);
            case RTZ -> x < 0 ? Math.ceil(x) : Math.floor(x);
            case RDN -> Math.floor(x);
            case RUP -> Math.ceil(x);
            case RMM -> {
                double truncated = x < 0 ? Math.ceil(x) : Math.floor(x);
                // x - truncated is exact: it is x's own fraction bits
                yield Math.abs(x - truncated) >= 0.5 ? truncated + Math.signum(x) : truncated;
            }
            default -> throw new IllegalArgumentException("rounding mode " + mode);
        };
    }

    private static long invalid(Vcpu cpu, long saturated) {
        cpu.fpFlags |= NV;
        return saturated;
    }

    private static double inRange(Vcpu cpu, double x, double r) {
        if (r != x) {
            cpu.fpFlags |= NX;
        }
        return r;
    }

    /** fcvt.w.*: signed 32-bit, sign-extended into the 64-bit register. */
    static long toInt32(Vcpu cpu, double x, boolean nan, int mode) {
        double r = roundIntegral(x, mode);
        if (nan || r > Integer.MAX_VALUE) {
            return invalid(cpu, Integer.MAX_VALUE);
        }
        if (r < Integer.MIN_VALUE) {
            return invalid(cpu, Integer.MIN_VALUE);
        }
        return (long) inRange(cpu, x, r);
    }

    /** fcvt.wu.*: unsigned 32-bit, and like every 32-bit result sign-extended on RV64. */
    static long toUInt32(Vcpu cpu, double x, boolean nan, int mode) {
        double r = roundIntegral(x, mode);
        if (nan || r > 0xffff_ffffL) {
            return invalid(cpu, -1L);
        }
        if (r < 0) {
            return invalid(cpu, 0);
        }
        return (int) (long) inRange(cpu, x, r);
    }

    static long toInt64(Vcpu cpu, double x, boolean nan, int mode) {
        double r = roundIntegral(x, mode);
        if (nan || r >= 0x1p63) {
            return invalid(cpu, Long.MAX_VALUE);
        }
        if (r < -0x1p63) {
            return invalid(cpu, Long.MIN_VALUE);
        }
        return (long) inRange(cpu, x, r);
    }

    static long toUInt64(Vcpu cpu, double x, boolean nan, int mode) {
        double r = roundIntegral(x, mode);
        if (nan || r >= 0x1p64) {
            return invalid(cpu, -1L);
        }
        if (r < 0) {
            return invalid(cpu, 0);
        }
        r = inRange(cpu, x, r);
        return r < 0x1p63 ? (long) r : (long) (r - 0x1p63) ^ Long.MIN_VALUE;
    }

    /**
     * An integer (signed, or unsigned 64-bit when {@code unsigned}) to a format's pattern (a
     * single unboxed). The host's conversion rounds to nearest even; its exactness is whether
     * the integer's significant bits fit the precision.
     */
    static long fromInteger(Vcpu cpu, FpFormat fmt, long v, boolean unsigned, int mode) {
        if (v == 0) {
            return 0;
        }
        boolean negative = !unsigned && v < 0;
        long magnitude = negative ? -v : v; // Long.MIN_VALUE stays, read as unsigned 2^63
        boolean inexact = 64 - Long.numberOfLeadingZeros(magnitude) - Long.numberOfTrailingZeros(magnitude)
                > fmt.precision;
        if (magnitude > 0 && (mode == RNE || !inexact)) {
            if (inexact) {
                cpu.fpFlags |= NX;
            }
            return fmt == SINGLE ? Float.floatToRawIntBits((float) v) & 0xffff_ffffL
                    : Double.doubleToRawLongBits((double) v);
        }
        if (magnitude < 0) { // 2^63 and up: halve, keeping the dropped bit as a sticky bit
            return Rounder.round(cpu, fmt, negative, 1, magnitude >>> 1 | (magnitude & 1), mode);
        }
        return Rounder.round(cpu, fmt, negative, 0, magnitude, mode);
    }

    /** fcvt.s.d: the only narrowing conversion, so the only one that can overflow or underflow. */
    static long doubleToSingle(Vcpu cpu, long a, int mode) {
        if (!Specials.finiteNonzero(DOUBLE, a)) {
            if (Specials.isNaN(DOUBLE, a)) {
                if (Specials.isSignalling(DOUBLE, a)) {
                    cpu.fpFlags |= NV;
                }
                return Fp.CANONICAL_NAN_32;
            }
            // zeros and infinities keep their sign
            return (a < 0 ? Fp.SIGN_32 : 0) | (Specials.isInf(DOUBLE, a) ? 0x7f80_0000 : 0);
        }
        return (int) SingleArith.round(cpu, Double.longBitsToDouble(a), mode);
    }

    /** fcvt.d.s: exact, so only a NaN needs care. */
    static long singleToDouble(Vcpu cpu, int a) {
        if (Fp.isNaN32(a)) {
            if (Fp.isSNaN32(a)) {
                cpu.fpFlags |= NV;
            }
            return Fp.CANONICAL_NAN_64;
        }
        return Double.doubleToRawLongBits(Float.intBitsToFloat(a));
    }
}
