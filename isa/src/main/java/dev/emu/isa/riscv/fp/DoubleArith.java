package dev.emu.isa.riscv.fp;

import dev.emu.engine.cpu.Vcpu;

import static dev.emu.isa.riscv.fp.Fp.NX;
import static dev.emu.isa.riscv.fp.Fp.RDN;
import static dev.emu.isa.riscv.fp.Fp.RMM;
import static dev.emu.isa.riscv.fp.Fp.RNE;
import static dev.emu.isa.riscv.fp.Fp.RTZ;
import static dev.emu.isa.riscv.fp.Fp.RUP;
import static dev.emu.isa.riscv.fp.FpFormat.DOUBLE;

/**
 * Double-precision arithmetic. The fast path lets the host round to nearest even, then learns
 * the exact error with an error-free transformation (TwoSum, or Math.fma for products,
 * quotients and square roots): a zero error means exact, otherwise NX, and its sign tells a
 * directed mode whether to step one ulp. It is taken only when the result is finite and clear
 * of the subnormal range, where those error terms are exact and no UF or OF can arise; all
 * other cases go to {@link Specials} or {@link ExactArith}.
 *
 * <p>NX is sticky and guest code rarely clears it, so once it is set, round-to-nearest needs no
 * exactness test at all: a result clear of the subnormal range and finite is the answer, with
 * nothing new to flag (qemu's host-FPU path rests on the same observation). That is the common
 * case, and costs the host operation and two comparisons.
 */
final class DoubleArith {
    private DoubleArith() {}

    /** From this magnitude up, a product's rounding error is itself a representable double. */
    static final double ERROR_EXACT = 0x1p-960;

    /**
     * Whether r is a result the fast path may return: normal, finite, and not exactly 2^emin
     * (which may be a tiny value rounded up). A nearest-even result above 2^emin is not tiny,
     * a finite one did not overflow.
     */
    private static boolean clear(double r) {
        double abs = Math.abs(r);
        return abs > Double.MIN_NORMAL && abs <= Double.MAX_VALUE;
    }

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    /**
     * The neighbour of the round-to-nearest-even result r that mode picks for the exact value
     * r + err (err nonzero). err need only have the right sign, except for RMM, which must
     * tell a halfway case and so needs the exact error.
     */
    static double directed(double r, double err, int mode) {
        return switch (mode) {
            case RTZ -> (err > 0) != (r > 0) ? (r > 0 ? Math.nextDown(r) : Math.nextUp(r)) : r;
            case RDN -> err < 0 ? Math.nextDown(r) : r;
            case RUP -> err > 0 ? Math.nextUp(r) : r;
            // a tie that nearest-even resolved toward zero goes away from zero instead
            case RMM -> (err > 0) == (r > 0) && Math.abs(err) == 0.5 * Math.ulp(r)
                    ? (r > 0 ? Math.nextUp(r) : Math.nextDown(r)) : r;
            default -> r;
        };
    }

    static long add(Vcpu cpu, long a, long b, int mode) {
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        double s = x + y;
        if (clear(s)) {
            if (mode == RNE && (cpu.fpFlags & NX) != 0) {
                return bits(s);
            }
            double t = s - x;
            double err = (x - (s - t)) + (y - t); // TwoSum: s + err == x + y exactly
            if (err == 0) {
                return bits(s);
            }
            double r = mode == RNE ? s : directed(s, err, mode);
            if (clear(r)) {
                cpu.fpFlags |= NX;
                return bits(r);
            }
        }
        if (!Specials.finiteNonzero(DOUBLE, a) || !Specials.finiteNonzero(DOUBLE, b)) {
            return Specials.add(cpu, DOUBLE, a, b, mode);
        }
        return ExactArith.add(cpu, DOUBLE, a, b, mode);
    }

    static long mul(Vcpu cpu, long a, long b, int mode) {
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        double p = x * y;
        if (mode == RNE && (cpu.fpFlags & NX) != 0 && clear(p)) {
            return bits(p);
        }
        double abs = Math.abs(p);
        if (abs >= ERROR_EXACT && abs <= Double.MAX_VALUE) {
            double err = Math.fma(x, y, -p);
            if (err == 0) {
                return bits(p);
            }
            double r = mode == RNE ? p : directed(p, err, mode);
            if (clear(r)) {
                cpu.fpFlags |= NX;
                return bits(r);
            }
        }
        if (!Specials.finiteNonzero(DOUBLE, a) || !Specials.finiteNonzero(DOUBLE, b)) {
            return Specials.mul(cpu, DOUBLE, a, b);
        }
        return ExactArith.mul(cpu, DOUBLE, a, b, mode);
    }

    static long div(Vcpu cpu, long a, long b, int mode) {
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        double q = x / y;
        if (mode == RNE && (cpu.fpFlags & NX) != 0 && clear(q)) {
            return bits(q);
        }
        // with |x| this large the remainder x - q·y is a representable double
        if (clear(q) && Math.abs(x) >= ERROR_EXACT) {
            double rem = Math.fma(-q, y, x);
            if (rem == 0) {
                return bits(q);
            }
            // the exact quotient is q + rem/y; a quotient of two doubles is never halfway
            // between two normal doubles, so RMM rounds like RNE here
            double r = mode == RNE || mode == RMM ? q : directed(q, (rem > 0) == (y > 0) ? 1 : -1, mode);
            if (clear(r)) {
                cpu.fpFlags |= NX;
                return bits(r);
            }
        }
        if (!Specials.finiteNonzero(DOUBLE, a) || !Specials.finiteNonzero(DOUBLE, b)) {
            return Specials.div(cpu, DOUBLE, a, b);
        }
        return ExactArith.div(cpu, DOUBLE, a, b, mode);
    }

    /**
     * √a. Square roots of positive doubles are never subnormal, overflowing or halfway, so
     * the host's root and the sign of the remainder a - s² settle every mode; tiny operands are
     * scaled by 2^256 first so that remainder cannot underflow.
     */
    static long sqrt(Vcpu cpu, long a, int mode) {
        double x = Double.longBitsToDouble(a);
        if (!(x > 0 && x <= Double.MAX_VALUE)) {
            return Specials.sqrt(cpu, DOUBLE, a);
        }
        if (mode == RNE && (cpu.fpFlags & NX) != 0) {
            return bits(Math.sqrt(x));
        }
        boolean tiny = x < ERROR_EXACT;
        if (tiny) {
            x *= 0x1p256;
        }
        double s = Math.sqrt(x);
        double rem = Math.fma(-s, s, x);
        if (rem != 0) {
            cpu.fpFlags |= NX;
            if (mode != RNE && mode != RMM) {
                s = directed(s, rem, mode);
            }
        }
        return bits(tiny ? s * 0x1p-128 : s);
    }

    /**
     * a × b + c with one rounding (negations already applied to the operands). Exactness test:
     * with p + pl == a·b (TwoProduct) and d + dl == r - c (TwoSum), both pairs are the nearest
     * double plus an exact error, so a·b == r - c exactly iff p == d and pl == dl; otherwise
     * the first difference has the sign of a·b + c - r.
     */
    static long fma(Vcpu cpu, long a, long b, long c, int mode) {
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        double z = Double.longBitsToDouble(c);
        double r = Math.fma(x, y, z);
        if (mode == RNE && (cpu.fpFlags & NX) != 0 && clear(r)) {
            return bits(r);
        }
        double p = x * y;
        double absP = Math.abs(p);
        if (clear(r) && absP >= ERROR_EXACT && absP <= Double.MAX_VALUE) {
            double pl = Math.fma(x, y, -p);
            double d = r - z;
            double t = d - r;
            double dl = (r - (d - t)) + (-z - t);
            if (p == d && pl == dl) {
                return bits(r);
            }
            if (mode == RNE) {
                cpu.fpFlags |= NX;
                return bits(r);
            }
            if (mode != RMM) { // RMM needs to see ties exactly: the slow path
                double rr = directed(r, p != d ? p - d : pl - dl, mode);
                if (clear(rr)) {
                    cpu.fpFlags |= NX;
                    return bits(rr);
                }
            }
        }
        if (!Specials.finiteNonzero(DOUBLE, a) || !Specials.finiteNonzero(DOUBLE, b)
                || Specials.isNaN(DOUBLE, c) || Specials.isInf(DOUBLE, c)) {
            return Specials.fma(cpu, DOUBLE, a, b, c, mode);
        }
        return ExactArith.fma(cpu, a, b, c, mode);
    }
}
