package dev.emu.isa.riscv.fp;

import dev.emu.engine.cpu.Vcpu;

import static dev.emu.isa.riscv.fp.Fp.NX;
import static dev.emu.isa.riscv.fp.Fp.RDN;
import static dev.emu.isa.riscv.fp.Fp.RMM;
import static dev.emu.isa.riscv.fp.Fp.RNE;
import static dev.emu.isa.riscv.fp.Fp.RTZ;
import static dev.emu.isa.riscv.fp.Fp.RUP;
import static dev.emu.isa.riscv.fp.Fp.box;
import static dev.emu.isa.riscv.fp.FpFormat.DOUBLE;
import static dev.emu.isa.riscv.fp.FpFormat.SINGLE;

/**
 * Single-precision arithmetic, computed in double. Every single operation's exact result is
 * first brought to a double rounded to odd: exact when it fits in 53 bits, otherwise the
 * neighbouring double with an odd last bit, which then stands for "a little more or less" in
 * the way a sticky bit does. With 53 ≥ 24 + 2 bits, rounding that double to single in any mode
 * gives what rounding the exact result would (and the same flags), and for round-to-nearest
 * the host's (float) cast does it. Double never overflows or underflows on single operands,
 * so the errors that make the rounding to odd are exact.
 *
 * <p>When NX is already set and the mode is round-to-nearest, the exactness tests are skipped
 * (see {@link DoubleArith}): for +, -, ×, ÷ and √ rounding to double first and then to single
 * gives the correctly rounded single, because 53 ≥ 2·24 + 2, so the host's float result
 * stands wherever it is a normal number.
 *
 * <p>Operands are the unboxed 32-bit patterns; results come back NaN-boxed.
 */
final class SingleArith {
    private SingleArith() {}

    private static double widen(int bits) {
        return Float.intBitsToFloat(bits);
    }

    private static long pattern(int bits) {
        return Integer.toUnsignedLong(bits);
    }

    /** Whether a double result needs the special-case path: zero, infinite or NaN. */
    private static boolean special(double d) {
        return !(Math.abs(d) > 0 && Math.abs(d) <= Double.MAX_VALUE);
    }

    /** s moved to its odd neighbour toward s + err when err is nonzero and s is even. */
    static double toOdd(double s, double err) {
        long bits = Double.doubleToRawLongBits(s);
        if (err == 0 || (bits & 1) != 0) {
            return s;
        }
        return Double.longBitsToDouble((err > 0) == (s > 0) ? bits + 1 : bits - 1);
    }

    /** Whether a nearest-even single result needs no further look: normal, finite, above 2^emin. */
    private static boolean clear(float f) {
        float abs = Math.abs(f);
        return abs > Float.MIN_NORMAL && abs <= Float.MAX_VALUE;
    }

    /** Round-to-nearest with NX already set: the host's result, if clear of the edges. */
    private static boolean shortcut(Vcpu cpu, int mode) {
        return mode == RNE && (cpu.fpFlags & NX) != 0;
    }

    /**
     * Rounds a double (exact, or rounded to odd) to a boxed single in the given mode. The host
     * rounds to nearest; x - f is then exact and, as x is exact or odd, on the same side of f
     * as the true result, and exactly half a single ulp only in a true tie. So it tells NX and
     * which neighbour a directed mode wants, as in {@link DoubleArith#directed}. Results at the
     * edges of the range go to {@link Rounder}.
     */
    static long round(Vcpu cpu, double x, int mode) {
        float f = (float) x;
        if (clear(f)) {
            double err = x - f;
            if (err == 0) {
                return box(f);
            }
            float r = mode == RNE ? f : directed(f, err, mode);
            if (clear(r)) {
                cpu.fpFlags |= NX;
                return box(r);
            }
        }
        long bits = Double.doubleToRawLongBits(x);
        return box((int) Rounder.round(cpu, SINGLE, x < 0, DOUBLE.lowExponent(bits), DOUBLE.significand(bits), mode));
    }

    private static float directed(float r, double err, int mode) {
        return switch (mode) {
            case RTZ -> (err > 0) != (r > 0) ? (r > 0 ? Math.nextDown(r) : Math.nextUp(r)) : r;
            case RDN -> err < 0 ? Math.nextDown(r) : r;
            case RUP -> err > 0 ? Math.nextUp(r) : r;
            case RMM -> (err > 0) == (r > 0) && Math.abs(err) == 0.5 * Math.ulp(r)
                    ? (r > 0 ? Math.nextUp(r) : Math.nextDown(r)) : r;
            default -> r;
        };
    }

    static long add(Vcpu cpu, int a, int b, int mode) {
        double x = widen(a);
        double y = widen(b);
        double s = x + y;
        if (shortcut(cpu, mode) && clear((float) s)) {
            return box((float) s);
        }
        if (special(s)) {
            return box((int) Specials.add(cpu, SINGLE, pattern(a), pattern(b), mode));
        }
        double t = s - x;
        return round(cpu, toOdd(s, (x - (s - t)) + (y - t)), mode);
    }

    static long mul(Vcpu cpu, int a, int b, int mode) {
        double p = widen(a) * widen(b); // exact: 48 significant bits
        if (special(p)) {
            return box((int) Specials.mul(cpu, SINGLE, pattern(a), pattern(b)));
        }
        return round(cpu, p, mode);
    }

    static long div(Vcpu cpu, int a, int b, int mode) {
        double x = widen(a);
        double y = widen(b);
        double q = x / y;
        if (shortcut(cpu, mode) && clear((float) q)) {
            return box((float) q);
        }
        if (special(q)) {
            return box((int) Specials.div(cpu, SINGLE, pattern(a), pattern(b)));
        }
        double rem = Math.fma(-q, y, x); // exact quotient is q + rem / y
        return round(cpu, toOdd(q, y > 0 ? rem : -rem), mode);
    }

    static long sqrt(Vcpu cpu, int a, int mode) {
        double x = widen(a);
        double s = Math.sqrt(x);
        if (shortcut(cpu, mode) && clear((float) s)) {
            return box((float) s);
        }
        if (special(s)) {
            return box((int) Specials.sqrt(cpu, SINGLE, pattern(a)));
        }
        return round(cpu, toOdd(s, Math.fma(-s, s, x)), mode);
    }

    /** a × b + c, negations already applied to the patterns. */
    static long fma(Vcpu cpu, int a, int b, int c, int mode) {
        double p = widen(a) * widen(b); // exact
        double z = widen(c);
        double s = p + z;
        if (special(s) || special(p)) {
            // special(p) alone (a zero factor, c finite nonzero) gives s == c exactly, which
            // Specials returns too; the product's ∞ × 0 and NaN cases need it in any case
            return box((int) Specials.fma(cpu, SINGLE, pattern(a), pattern(b), pattern(c), mode));
        }
        double t = s - p;
        return round(cpu, toOdd(s, (p - (s - t)) + (z - t)), mode);
    }
}
