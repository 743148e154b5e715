package dev.emu.isa.riscv.fp;

import dev.emu.engine.cpu.Vcpu;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The arithmetic against a BigInteger reference, aimed at the slow paths: operands whose
 * results land in the subnormal range, at the overflow edge, or need a sticky bit far below the
 * significand, in all five rounding modes. The reference computes each result exactly (a
 * quotient or root to 200+ bits plus a remainder bit) and rounds it by the IEEE 754 rules,
 * with tininess after rounding; it knows nothing of FpOps' fast paths, its error-free
 * transformations or its 128-bit arithmetic. Runs without qemu.
 */
class FpOpsReferenceTest {
    static final int CASES = Integer.getInteger("emu.test.fpReferenceCases", 60_000);
    static final int NX = 1, UF = 2, OF = 4;

    private final SplittableRandom rnd = new SplittableRandom(0x5eed_0f_f9L);
    private final Vcpu cpu = new Vcpu(0, 64, null);

    /** A binary format as the reference sees it. */
    record Format(int precision, int emin, int emax, int fracBits) {
        static final Format SINGLE = new Format(24, -126, 127, 23);
        static final Format DOUBLE = new Format(53, -1022, 1023, 52);

        /** The pattern of n · 2^exp, a positive value the format represents exactly. */
        long pattern(int exp, long n) {
            while (n >= 1L << precision) { // a rounding carry
                n >>>= 1;
                exp++;
            }
            if (exp + 63 - Long.numberOfLeadingZeros(n) < emin) {
                return n << (exp - (emin - precision + 1));
            }
            int shift = precision - (64 - Long.numberOfLeadingZeros(n));
            n <<= shift;
            exp -= shift;
            return (long) (exp + precision - 1 + emax) << fracBits | n & ((1L << fracBits) - 1);
        }

        long signBit() {
            return 1L << (fracBits + (precision == 24 ? 8 : 11));
        }
    }

    /** magnitude · 2^exp rounded to an integer in the mode, noting in inexact[0] if it was not one. */
    private static BigInteger roundToInteger(BigInteger magnitude, int exp, boolean negative, int mode, boolean[] inexact) {
        if (exp >= 0) {
            return magnitude.shiftLeft(exp);
        }
        BigInteger kept = magnitude.shiftRight(-exp);
        BigInteger rest = magnitude.subtract(kept.shiftLeft(-exp));
        if (rest.signum() == 0) {
            return kept;
        }
        inexact[0] = true;
        int vsHalf = rest.shiftLeft(1).compareTo(BigInteger.ONE.shiftLeft(-exp));
        boolean up = switch (mode) {
            case 0 -> vsHalf > 0 || (vsHalf == 0 && kept.testBit(0));
            case 1 -> false;
            case 2 -> negative;
            case 3 -> !negative;
            default -> vsHalf >= 0;
        };
        return up ? kept.add(BigInteger.ONE) : kept;
    }

    /** The pattern of value · 2^exp (value signed; zero means an exact zero sum) and its flags. */
    static long reference(Format f, BigInteger value, int exp, int mode, int[] flags) {
        boolean negative = value.signum() < 0;
        if (value.signum() == 0) {
            return mode == 2 ? f.signBit() : 0;
        }
        BigInteger magnitude = value.abs();
        int lead = exp + magnitude.bitLength() - 1;
        int quantum = Math.max(lead, f.emin()) - (f.precision() - 1);
        boolean[] inexact = new boolean[1];
        BigInteger n = roundToInteger(magnitude, exp - quantum, negative, mode, inexact);
        boolean tiny = false;
        if (lead < f.emin()) { // tiny if rounding to full precision, exponent unbounded, stays below 2^emin
            BigInteger unbounded = roundToInteger(magnitude, exp - (lead - f.precision() + 1), negative, mode, new boolean[1]);
            tiny = unbounded.bitLength() + lead - f.precision() + 1 <= f.emin();
        }
        if (n.bitLength() + quantum - 1 > f.emax()) {
            flags[0] |= OF | NX;
            boolean toInfinity = mode == 0 || mode == 4 || (mode == 2 && negative) || (mode == 3 && !negative);
            long magnitudeBits = toInfinity ? (long) (2 * f.emax() + 1) << f.fracBits() : ((long) (2 * f.emax() + 1) << f.fracBits()) - 1;
            return negative ? magnitudeBits | f.signBit() : magnitudeBits;
        }
        if (inexact[0]) {
            flags[0] |= tiny ? NX | UF : NX;
        }
        if (n.signum() == 0) {
            return negative ? f.signBit() : 0;
        }
        long bits = f.pattern(quantum, n.longValueExact());
        return negative ? bits | f.signBit() : bits;
    }

    // ---- operands ----

    private long random(Format f, int exp) { // a finite nonzero pattern with roughly this exponent
        int e = Math.max(f.emin() - f.precision(), Math.min(f.emax(), exp));
        long frac = switch (rnd.nextInt(4)) {
            case 0 -> rnd.nextLong();
            case 1 -> (1L << rnd.nextInt(f.fracBits())) | (1L << rnd.nextInt(f.fracBits()));
            case 2 -> -1L << rnd.nextInt(f.fracBits());
            default -> rnd.nextLong() & (-1L << rnd.nextInt(f.fracBits()));
        };
        long significand = 1L << f.fracBits() | frac & ((1L << f.fracBits()) - 1);
        long bits;
        if (e < f.emin()) { // subnormal: drop the bits below 2^(emin - fracBits)
            bits = Math.max(1, significand >>> (f.emin() - e));
        } else {
            bits = (long) (e + f.emax()) << f.fracBits() | significand & ((1L << f.fracBits()) - 1);
        }
        return rnd.nextBoolean() ? bits | f.signBit() : bits;
    }

    /** An exponent for a result: at the subnormal edge, the overflow edge, or in between. */
    private int resultExponent(Format f) {
        return switch (rnd.nextInt(3)) {
            case 0 -> f.emin() - rnd.nextInt(-3, f.precision() + 4);
            case 1 -> f.emax() - rnd.nextInt(-2, 3);
            default -> rnd.nextInt(-40, 40);
        };
    }

    // ---- exact values ----

    private static boolean negative(Format f, long bits) {
        return (bits & f.signBit()) != 0;
    }

    private static BigInteger significand(Format f, long bits) {
        long biased = (bits & ~f.signBit()) >>> f.fracBits();
        long frac = bits & ((1L << f.fracBits()) - 1);
        BigInteger m = BigInteger.valueOf(biased == 0 ? frac : frac | 1L << f.fracBits());
        return negative(f, bits) ? m.negate() : m;
    }

    private static int exponent(Format f, long bits) {
        long biased = (bits & ~f.signBit()) >>> f.fracBits();
        return (int) Math.max(biased, 1) - f.emax() - f.fracBits();
    }

    private static long sum(Format f, BigInteger a, int ea, BigInteger b, int eb, int mode, int[] flags) {
        int e = Math.min(ea, eb);
        return reference(f, a.shiftLeft(ea - e).add(b.shiftLeft(eb - e)), e, mode, flags);
    }

    // ---- the comparison ----

    interface Actual {
        long run(Vcpu cpu, long a, long b, long c, long rm);
    }

    private void compare(String name, Format f, Actual actual) {
        boolean single = f == Format.SINGLE;
        int mismatches = 0;
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < CASES; i++) {
            int target = resultExponent(f);
            int ea = rnd.nextInt(f.emin() - f.precision(), f.emax() + 1);
            long a = random(f, ea);
            long b = random(f, switch (name) {
                case "fmul", "fma" -> target - ea;
                case "fdiv" -> ea - target;
                default -> ea - rnd.nextInt(0, 3 * f.precision());
            });
            long c = random(f, target + rnd.nextInt(-2 * f.precision() - 20, 2 * f.precision() + 20));
            if (name.equals("fadd")) {
                a = random(f, target);
                b = random(f, target - rnd.nextInt(0, 3 * f.precision()));
            }
            if (rnd.nextInt(4) == 0 && !name.equals("fadd") && !name.equals("fsqrt")) {
                // a result within a few ulps of the smallest normal, where tininess is decided
                long free = random(f, rnd.nextInt(-20, 20));
                double t = Math.scalb(1 + rnd.nextInt(-8, 9) * Math.scalb(1.0, -f.precision() - 1), f.emin());
                double v = single ? Float.intBitsToFloat((int) free) : Double.longBitsToDouble(free);
                double other = name.equals("fdiv") ? t * v : t / v; // the dividend, or the other factor
                long bits = single ? Float.floatToRawIntBits((float) other) & 0xffff_ffffL : Double.doubleToRawLongBits(other);
                a = name.equals("fdiv") ? bits : free;
                b = name.equals("fdiv") ? free : bits;
                c = rnd.nextBoolean() ? 0 : random(f, f.emin() - rnd.nextInt(0, f.precision() + 30));
            }
            long magnitudeA = a & ~f.signBit(), magnitudeB = b & ~f.signBit();
            long inf = (long) (2 * f.emax() + 1) << f.fracBits();
            if (magnitudeA == 0 || magnitudeA >= inf || magnitudeB == 0 || magnitudeB >= inf) {
                i--;
                continue;
            }
            int mode = rnd.nextInt(5);
            int[] want = new int[1];
            BigInteger ma = significand(f, a), mb = significand(f, b), mc = significand(f, c);
            int xa = exponent(f, a), xb = exponent(f, b), xc = exponent(f, c);
            long expected = switch (name) {
                case "fadd" -> sum(f, ma, xa, mb, xb, mode, want);
                case "fmul" -> reference(f, ma.multiply(mb), xa + xb, mode, want);
                case "fma" -> sum(f, ma.multiply(mb), xa + xb, mc, xc, mode, want);
                case "fdiv" -> {
                    int k = 3 * f.precision() + 64;
                    BigInteger[] qr = ma.abs().shiftLeft(k).divideAndRemainder(mb.abs());
                    BigInteger q = qr[0].shiftLeft(1).add(qr[1].signum() == 0 ? BigInteger.ZERO : BigInteger.ONE);
                    yield reference(f, ma.signum() != mb.signum() ? q.negate() : q, xa - xb - k - 1, mode, want);
                }
                case "fsqrt" -> {
                    a &= ~f.signBit();
                    ma = ma.abs();
                    int k = 2 * f.precision() + 64 + (xa & 1); // make the exponent even
                    BigInteger scaled = ma.shiftLeft(k);
                    BigInteger root = scaled.sqrt();
                    BigInteger r = root.shiftLeft(1).add(root.multiply(root).equals(scaled) ? BigInteger.ZERO : BigInteger.ONE);
                    yield reference(f, r, (xa - k) / 2 - 1, mode, want);
                }
                default -> throw new IllegalArgumentException(name);
            };
            long boxMask = single ? 0xffff_ffff_0000_0000L : 0;
            cpu.fpFlags = 0;
            long got = actual.run(cpu, a | boxMask, b | boxMask, c | boxMask, mode);
            if (got != (expected | boxMask) || cpu.fpFlags != want[0]) {
                if (mismatches++ < 20) {
                    first.append(String.format("%n  rm=%d a=%x b=%x c=%x: reference %x/%x, FpOps %x/%x",
                            mode, a, b, c, expected | boxMask, want[0], got, cpu.fpFlags));
                }
            }
        }
        assertEquals(0, mismatches, name + (single ? ".s" : ".d") + ": " + mismatches + " of " + CASES + " differ:" + first);
    }

    @Test
    void doubles() {
        compare("fadd", Format.DOUBLE, (c, a, b, x, m) -> FpOps.fadd_d(c, a, b, m));
        compare("fmul", Format.DOUBLE, (c, a, b, x, m) -> FpOps.fmul_d(c, a, b, m));
        compare("fdiv", Format.DOUBLE, (c, a, b, x, m) -> FpOps.fdiv_d(c, a, b, m));
        compare("fsqrt", Format.DOUBLE, (c, a, b, x, m) -> FpOps.fsqrt_d(c, a, m));
        compare("fma", Format.DOUBLE, FpOps::fmadd_d);
    }

    @Test
    void singles() {
        compare("fadd", Format.SINGLE, (c, a, b, x, m) -> FpOps.fadd_s(c, a, b, m));
        compare("fmul", Format.SINGLE, (c, a, b, x, m) -> FpOps.fmul_s(c, a, b, m));
        compare("fdiv", Format.SINGLE, (c, a, b, x, m) -> FpOps.fdiv_s(c, a, b, m));
        compare("fsqrt", Format.SINGLE, (c, a, b, x, m) -> FpOps.fsqrt_s(c, a, m));
        compare("fma", Format.SINGLE, FpOps::fmadd_s);
    }
}
