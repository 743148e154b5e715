package dev.emu.isa.riscv.fp;

import dev.emu.engine.cpu.Vcpu;

import static dev.emu.isa.riscv.fp.Fp.RDN;

/**
 * Arithmetic on finite nonzero operands done exactly in integers and handed to {@link Rounder}:
 * the slow path for results the host's double arithmetic cannot round or flag by itself
 * (subnormal, overflowing, or in a rounding mode it lacks). Allocation-free.
 */
final class ExactArith {
    private ExactArith() {}

    /**
     * (-1)^negA sigA·2^expA + (-1)^negB sigB·2^expB, significands of at most 60 bits. Both are
     * aligned with the leading one at bit 61; the smaller is shifted right with a sticky bit,
     * which can only matter when the exponents are 2+ apart, and then the sum keeps at least 60
     * bits above it, so rounding sees it only as "nonzero below".
     */
    static long add(Vcpu cpu, FpFormat fmt, boolean negA, int expA, long sigA,
                    boolean negB, int expB, long sigB, int mode) {
        int shiftA = Long.numberOfLeadingZeros(sigA) - 2;
        sigA <<= shiftA;
        expA -= shiftA;
        int shiftB = Long.numberOfLeadingZeros(sigB) - 2;
        sigB <<= shiftB;
        expB -= shiftB;
        if (expA < expB || (expA == expB && sigA < sigB)) { // make A the larger magnitude
            boolean n = negA;
            negA = negB;
            negB = n;
            int e = expA;
            expA = expB;
            expB = e;
            long s = sigA;
            sigA = sigB;
            sigB = s;
        }
        int distance = expA - expB;
        if (distance >= 63) {
            sigB = 1;
        } else if (distance > 0) {
            sigB = (sigB >>> distance) | ((sigB & ((1L << distance) - 1)) != 0 ? 1 : 0);
        }
        long sum = negA == negB ? sigA + sigB : sigA - sigB;
        if (sum == 0) {
            return mode == RDN ? fmt.signBit : 0;
        }
        return Rounder.round(cpu, fmt, negA, expA, sum, mode);
    }

    static long add(Vcpu cpu, FpFormat fmt, long a, long b, int mode) {
        return add(cpu, fmt, fmt.negative(a), fmt.lowExponent(a), fmt.significand(a),
                fmt.negative(b), fmt.lowExponent(b), fmt.significand(b), mode);
    }

    /** a × b: the full 128-bit product of the significands, narrowed with a sticky bit. */
    static long mul(Vcpu cpu, FpFormat fmt, long a, long b, int mode) {
        long sa = fmt.significand(a);
        long sb = fmt.significand(b);
        int exp = fmt.lowExponent(a) + fmt.lowExponent(b);
        boolean negative = fmt.negative(a) != fmt.negative(b);
        long hi = Math.multiplyHigh(sa, sb); // significands are below 2^53: no sign trouble
        long lo = sa * sb;
        if (hi == 0 && lo > 0) {
            return Rounder.round(cpu, fmt, negative, exp, lo, mode);
        }
        int drop = 64 - Long.numberOfLeadingZeros(hi) + 2; // keep 62 bits; product < 2^106
        long sig = hi << (64 - drop) | lo >>> drop | ((lo << (64 - drop)) != 0 ? 1 : 0);
        return Rounder.round(cpu, fmt, negative, exp + drop, sig, mode);
    }

    /**
     * a ÷ b: long division of the normalised significands, ten quotient bits a step so the
     * shifted remainder stays below 2^63, to 60+ bits and a sticky remainder bit.
     */
    static long div(Vcpu cpu, FpFormat fmt, long a, long b, int mode) {
        long sa = fmt.significand(a);
        long sb = fmt.significand(b);
        int shiftA = Long.numberOfLeadingZeros(sa) - 11; // leading one at bit 52
        int shiftB = Long.numberOfLeadingZeros(sb) - 11;
        sa <<= shiftA;
        sb <<= shiftB;
        int exp = fmt.lowExponent(a) - shiftA - fmt.lowExponent(b) + shiftB - 60;
        long q = sa / sb;
        long r = sa % sb;
        for (int i = 0; i < 6; i++) {
            r <<= 10;
            q = q << 10 | r / sb;
            r %= sb;
        }
        boolean negative = fmt.negative(a) != fmt.negative(b);
        return Rounder.round(cpu, fmt, negative, exp, q | (r != 0 ? 1 : 0), mode);
    }

    /**
     * a × b + c for doubles (negations applied), a and b finite nonzero, c finite: 128-bit
     * arithmetic. Both terms get their leading one at bit 125; the smaller is shifted right with
     * a sticky bit, which as in {@link #add} can only matter when the exponents are 2+ apart
     * (both terms have 20+ zero bits at the bottom, so a shift by one loses nothing), and then
     * at least 124 bits of the sum stay above it.
     */
    static long fma(Vcpu cpu, long a, long b, long c, int mode) {
        FpFormat fmt = FpFormat.DOUBLE;
        long sa = fmt.significand(a);
        long sb = fmt.significand(b);
        long xHi = Math.multiplyHigh(sa, sb);
        long xLo = sa * sb;
        int xExp = fmt.lowExponent(a) + fmt.lowExponent(b);
        boolean xNeg = fmt.negative(a) != fmt.negative(b);
        int shift = (xHi != 0 ? Long.numberOfLeadingZeros(xHi) : 64 + Long.numberOfLeadingZeros(xLo)) - 2;
        if (shift >= 64) {
            xHi = xLo << (shift - 64);
            xLo = 0;
        } else if (shift > 0) {
            xHi = xHi << shift | xLo >>> (64 - shift);
            xLo <<= shift;
        }
        xExp -= shift;
        if (Specials.isZero(fmt, c)) {
            return Rounder.round(cpu, fmt, xNeg, xExp + 64, xHi | (xLo != 0 ? 1 : 0), mode);
        }
        long sc = fmt.significand(c);
        int cShift = Long.numberOfLeadingZeros(sc) - 2;
        long yHi = sc << cShift;
        long yLo = 0;
        int yExp = fmt.lowExponent(c) - cShift - 64;
        boolean yNeg = fmt.negative(c);
        if (yExp > xExp || (yExp == xExp && (yHi > xHi || (yHi == xHi && Long.compareUnsigned(yLo, xLo) > 0)))) {
            long t = xHi;
            xHi = yHi;
            yHi = t;
            t = xLo;
            xLo = yLo;
            yLo = t;
            int e = xExp;
            xExp = yExp;
            yExp = e;
            boolean n = xNeg;
            xNeg = yNeg;
            yNeg = n;
        }
        int distance = xExp - yExp;
        if (distance >= 127) {
            yHi = 0;
            yLo = 1;
        } else if (distance >= 64) {
            boolean sticky = yLo != 0 || (yHi & ((1L << (distance - 64)) - 1)) != 0;
            yLo = yHi >>> (distance - 64) | (sticky ? 1 : 0);
            yHi = 0;
        } else if (distance > 0) {
            boolean sticky = yLo << (64 - distance) != 0;
            yLo = yLo >>> distance | yHi << (64 - distance) | (sticky ? 1 : 0);
            yHi >>>= distance;
        }
        long rHi;
        long rLo;
        if (xNeg == yNeg) {
            rLo = xLo + yLo;
            rHi = xHi + yHi + (Long.compareUnsigned(rLo, xLo) < 0 ? 1 : 0);
        } else {
            rLo = xLo - yLo;
            rHi = xHi - yHi - (Long.compareUnsigned(xLo, yLo) < 0 ? 1 : 0);
        }
        if (rHi == 0) {
            if (rLo == 0) {
                return mode == RDN ? fmt.signBit : 0;
            }
            return rLo > 0 ? Rounder.round(cpu, fmt, xNeg, xExp, rLo, mode)
                    : Rounder.round(cpu, fmt, xNeg, xExp + 1, rLo >>> 1 | (rLo & 1), mode);
        }
        int up = Long.numberOfLeadingZeros(rHi) - 1; // leading one to bit 62 of the high word
        if (up > 0) {
            rHi = rHi << up | rLo >>> (64 - up);
            rLo <<= up;
        }
        return Rounder.round(cpu, fmt, xNeg, xExp - up + 64, rHi | (rLo != 0 ? 1 : 0), mode);
    }
}
