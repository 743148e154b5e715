package dev.emu.isa.riscv.fp;

import java.util.SplittableRandom;

/**
 * Operands for the F/D differential test, drawn from a seeded random source: raw patterns
 * steered toward the hard parts of IEEE arithmetic (signed zeros, infinities, quiet and
 * signalling NaNs, unboxed singles, subnormals and the edges of the exponent range, short
 * significands that make results exact or halfway), and operand pairs and triples built to
 * land on the cases rounding gets wrong: exact cancellation, sums and products exactly halfway
 * between two representable values, fused results off by one rounding error, integer limits
 * and .5 boundaries for conversions.
 */
final class FpCases {
    /** Which register file and format an operand is drawn for. */
    enum Kind { SINGLE, DOUBLE, INTEGER }

    private static final double[] VALUES = {
        0.0, 1.0, 0.5, 1.5, 2.5, 3.0, 0.25, 0.75, 2.0, 10.0, 0.1, 1.0 / 3,
        0x1p23, 0x1p24, 0x1p52, 0x1p53, 0x1p31, 0x1p32, 0x1p63, 0x1p64, 0x1p31 - 1, 0x1p32 - 1,
        0x1p31 + 1, 0x1p-126, 0x1p-127, 0x1p-149, 0x1p-150, 0x1.8p-150, 0x1p-1022, 0x1p-1023,
        Double.MIN_VALUE, Float.MIN_VALUE, Float.MAX_VALUE, Double.MAX_VALUE, 0x1p127, 0x1p128,
        0x1.fffffefffffffp127, 0x1.ffffffp127, 0x1p1023, 0x1.fffffffffffffp-1023, 0x1.fffffep-127,
        Double.POSITIVE_INFINITY,
    };
    private static final long[] DOUBLE_NANS = {
        0x7ff8_0000_0000_0000L, 0xfff8_0000_0000_0000L, 0x7ff8_0000_0000_0001L, 0x7fff_ffff_ffff_ffffL,
        0x7ff0_0000_0000_0001L, 0x7ff4_0000_0000_0000L, 0xfff0_0000_0000_0001L, 0x7ff7_ffff_ffff_ffffL,
    };
    private static final int[] SINGLE_NANS = {
        0x7fc0_0000, 0xffc0_0000, 0x7fc0_0001, 0x7fff_ffff, 0x7f80_0001, 0x7fa0_0000, 0xff80_0001, 0x7fbf_ffff,
    };
    private static final long[] INTEGERS = {
        0, 1, 2, 3, -1, -2, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xffff_ffffL, 0x1_0000_0000L,
        Long.MAX_VALUE, Long.MIN_VALUE, 1L << 24, (1L << 24) + 1, 1L << 53, (1L << 53) + 1,
        0x7fff_ffbfL, 0xffff_ff7fL, 0x7fff_fdff_ffff_ffffL, 0xffff_fbff_ffff_ffffL, 0x8000_0000L,
    };

    private final SplittableRandom rnd;

    FpCases(long seed) {
        rnd = new SplittableRandom(seed);
    }

    int nextInt(int bound) {
        return rnd.nextInt(bound);
    }

    /**
     * Operands for one instruction: {@code count} of the given kind, sometimes related to each
     * other in the way that stresses {@code op} (the FpOps method name).
     */
    long[] operands(String op, Kind kind, int count) {
        long[] v = new long[count];
        for (int i = 0; i < count; i++) {
            v[i] = any(kind);
        }
        if (kind == Kind.INTEGER || rnd.nextInt(5) < 2) {
            return v;
        }
        boolean single = kind == Kind.SINGLE;
        String base = op.substring(0, op.indexOf('_'));
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = value(v[i], single);
        }
        boolean edge = rnd.nextInt(3) == 0;
        switch (base) {
            case "fadd", "fsub" -> {
                if (edge) {
                    x[0] = nearMax(single);
                }
                x[1] = addend(x[0], single, base.equals("fsub"));
            }
            case "fmul" -> {
                if (edge) {
                    factorsNear(x, edgeTarget(single), single);
                } else {
                    productTie(x, single);
                }
            }
            case "fdiv" -> x[0] = x[1] * (edge ? edgeTarget(single) : shortValue())
                    * (rnd.nextBoolean() ? 1 : 1 + ulpRatio(single));
            case "fsqrt" -> x[0] = square(single);
            case "fmadd", "fmsub", "fnmadd", "fnmsub" -> fused(x, single, base, edge);
            case "fmin", "fmax", "feq", "flt", "fle" -> {
                if (edge) {
                    x[0] = rnd.nextBoolean() ? 0.0 : -0.0;
                }
                x[1] = rnd.nextBoolean() ? x[0] : -x[0];
            }
            case "fcvt" -> x[0] = op.endsWith("_s_d") ? (edge ? edgeTarget(true) : nearSingleEdge()) : nearInteger(single);
            default -> {
                return v;
            }
        }
        for (int i = 0; i < count; i++) {
            v[i] = pattern(x[i], single);
        }
        return v;
    }

    long any(Kind kind) {
        return switch (kind) {
            case DOUBLE -> anyDouble();
            case SINGLE -> anySingle();
            case INTEGER -> anyInteger();
        };
    }

    private long anyDouble() {
        return switch (rnd.nextInt(12)) {
            case 0 -> rnd.nextLong();
            case 1 -> DOUBLE_NANS[rnd.nextInt(DOUBLE_NANS.length)];
            case 2, 3 -> sign(Double.doubleToRawLongBits(VALUES[rnd.nextInt(VALUES.length)]) + rnd.nextInt(-2, 3), 63);
            case 4 -> Double.doubleToRawLongBits(nearInteger(false));
            case 5 -> sign(rnd.nextBoolean() ? 0 : 0x7ff0_0000_0000_0000L, 63);
            default -> structured(11, 52);
        };
    }

    private long anySingle() {
        int bits = switch (rnd.nextInt(12)) {
            case 0 -> rnd.nextInt();
            case 1 -> SINGLE_NANS[rnd.nextInt(SINGLE_NANS.length)];
            case 2, 3 -> (int) sign(Float.floatToRawIntBits((float) VALUES[rnd.nextInt(VALUES.length)])
                    + rnd.nextInt(-2, 3), 31);
            case 4 -> Float.floatToRawIntBits((float) nearInteger(true));
            case 5 -> (int) sign(rnd.nextBoolean() ? 0 : 0x7f80_0000, 31);
            default -> (int) structured(8, 23);
        };
        return box(bits);
    }

    /** A single's register pattern: NaN-boxed, except now and then a pattern that is not. */
    private long box(int bits) {
        long low = bits & 0xffff_ffffL;
        return switch (rnd.nextInt(40)) {
            case 0 -> low;
            case 1 -> rnd.nextLong() & 0xffff_ffff_0000_0000L | low;
            case 2 -> 0xffff_fffe_0000_0000L | low;
            case 3 -> 0x7fff_ffff_0000_0000L | low;
            default -> 0xffff_ffff_0000_0000L | low;
        };
    }

    private long anyInteger() {
        return switch (rnd.nextInt(8)) {
            case 0 -> rnd.nextLong();
            case 1 -> rnd.nextInt(-300, 301);
            case 2 -> INTEGERS[rnd.nextInt(INTEGERS.length)] * (rnd.nextBoolean() ? 1 : -1) + rnd.nextInt(-2, 3);
            case 3 -> (rnd.nextLong() >>> rnd.nextInt(64)) << rnd.nextInt(64);
            case 4 -> rnd.nextInt();
            case 5 -> rnd.nextLong() & 0xffff_ffff_0000_0000L | rnd.nextInt(-1000, 1000) & 0xffff_ffffL;
            case 6 -> (1L << rnd.nextInt(64)) + rnd.nextInt(-3, 4);
            // p + 1 significant bits ending in one: exactly halfway for single or double
            default -> ((1L << (rnd.nextBoolean() ? 24 : 53)) | rnd.nextLong(1L << 24) | 1) << rnd.nextInt(10);
        };
    }

    private long sign(long bits, int signBit) {
        return rnd.nextBoolean() ? bits ^ 1L << signBit : bits;
    }

    /**
     * A pattern with a random sign, an exponent mostly near 1 but also among the subnormals,
     * the tiny normals and the largest binades, and a significand often cut short (so that
     * results come out exact or halfway) or ending in a run of ones.
     */
    private long structured(int expBits, int fracBits) {
        int maxExp = (1 << expBits) - 1;
        int bias = maxExp >> 1;
        int precision = fracBits + 1;
        int r = rnd.nextInt(100);
        int e;
        if (r < 50) {
            e = bias + rnd.nextInt(-40, 41);
        } else if (r < 65) {
            e = rnd.nextInt(0, 2 * precision + 4);
        } else if (r < 78) {
            e = maxExp - 1 - rnd.nextInt(0, precision + 2);
        } else if (r < 90) {
            e = rnd.nextInt(0, maxExp + 1);
        } else {
            e = bias + rnd.nextInt(-4, 5);
        }
        long mask = (1L << fracBits) - 1;
        long frac = rnd.nextLong() & mask;
        if (rnd.nextInt(5) == 0) { // a few bits far apart: products and sums then have far-off low bits
            frac = 0;
            for (int k = rnd.nextInt(1, 4); k > 0; k--) {
                frac |= 1L << rnd.nextInt(fracBits);
            }
        } else if (rnd.nextBoolean()) {
            frac &= ~((1L << rnd.nextInt(fracBits + 1)) - 1) & mask;
        } else if (rnd.nextInt(4) == 0) {
            frac |= (1L << rnd.nextInt(fracBits + 1)) - 1;
        }
        long sign = rnd.nextBoolean() ? 1L << (expBits + fracBits) : 0;
        return sign | (long) e << fracBits | frac;
    }

    private static double value(long pattern, boolean single) {
        return single ? Float.intBitsToFloat((int) pattern) : Double.longBitsToDouble(pattern);
    }

    private long pattern(double x, boolean single) {
        return single ? box(Float.floatToRawIntBits((float) x)) : Double.doubleToRawLongBits(x);
    }

    private static double ulpRatio(boolean single) {
        return single ? 0x1p-23 : 0x1p-52;
    }

    private double randomSign() {
        return rnd.nextBoolean() ? 1 : -1;
    }

    /** A small multiplier with few significant bits, optionally off by an ulp-sized amount. */
    private double shortValue() {
        return randomSign() * (rnd.nextInt(1, 64) * Math.scalb(1.0, rnd.nextInt(-8, 9)));
    }

    /** A second addend for x: cancelling it, half an ulp of it (a tie), or near that. */
    private double addend(double x, boolean single, boolean subtract) {
        double s = subtract ? -1 : 1;
        double halfUlp = (single ? Math.ulp((float) x) : Math.ulp(x)) * 0.5;
        return s * switch (rnd.nextInt(7)) {
            case 0 -> -x;
            case 1 -> -x * (1 + rnd.nextInt(-4, 5) * ulpRatio(single));
            case 2 -> randomSign() * halfUlp;
            case 3 -> randomSign() * halfUlp * (rnd.nextBoolean() ? 3 : 1 + rnd.nextInt(-2, 3) * 0x1p-20);
            case 4 -> Math.scalb(x, -rnd.nextInt(0, single ? 28 : 57)) * randomSign();
            case 5 -> randomSign() * (rnd.nextBoolean() ? (single ? Float.MIN_VALUE : Double.MIN_VALUE) : halfUlp * Math.scalb(1.0, -rnd.nextInt(1, 80)));
            default -> x * shortValue();
        };
    }

    /**
     * Factors with odd significands of half the precision each, whose product then has p + 1
     * bits about half the time (exactly halfway), scaled into the normal range or to the
     * subnormal and overflow edges.
     */
    private void productTie(double[] x, boolean single) {
        int half = single ? 12 : 26;
        double a = (1L << half | rnd.nextLong(1L << half) | 1) * randomSign();
        double b = (1L << half | rnd.nextLong(1L << half) | 1) * randomSign();
        int productExp = switch (rnd.nextInt(4)) {
            case 0 -> single ? rnd.nextInt(-152, -120) : rnd.nextInt(-1078, -1016);
            case 1 -> single ? rnd.nextInt(124, 130) : rnd.nextInt(1020, 1026);
            default -> rnd.nextInt(-30, 30);
        };
        int shift = productExp - 2 * half - 1; // exponent of the product's lowest bit
        int shiftA = shift / 2;
        x[0] = Math.scalb(a, shiftA);
        x[1] = Math.scalb(b, shift - shiftA);
    }

    /**
     * Operands for a fused multiply-add: an addend cancelling the rounded product or halfway
     * from it, a product at the edges of the range, or ∞ × 0 (with a quiet NaN addend, too).
     */
    private void fused(double[] x, boolean single, String base, boolean edge) {
        if (rnd.nextInt(20) == 0) {
            x[0] = randomSign() * (rnd.nextBoolean() ? Double.POSITIVE_INFINITY : 0.0);
            x[1] = x[0] == 0 ? randomSign() * Double.POSITIVE_INFINITY : randomSign() * 0.0;
            if (rnd.nextBoolean()) {
                x[2] = Double.NaN;
            }
            return;
        }
        if (edge) {
            factorsNear(x, edgeTarget(single), single);
        } else if (rnd.nextInt(3) == 0) {
            productTie(x, single);
        }
        double product = x[0] * x[1]; // exact for singles; the nearest double otherwise
        double rounded = single ? (float) product : product;
        double ulp = single ? Math.ulp((float) product) : Math.ulp(product);
        double c = switch (rnd.nextInt(edge ? 2 : 6) + (edge ? 3 : 0)) {
            case 0 -> -rounded;
            case 1 -> -rounded + randomSign() * ulp * rnd.nextInt(1, 4);
            case 2 -> randomSign() * ulp * (rnd.nextBoolean() ? 0.5 : Math.scalb(1.0, -rnd.nextInt(1, 90)));
            case 3 -> rnd.nextBoolean() ? 0.0 : randomSign() * (single ? Float.MIN_VALUE : Double.MIN_VALUE);
            case 4 -> randomSign() * (single ? Float.MIN_NORMAL : Double.MIN_NORMAL) * Math.scalb(1.0, -rnd.nextInt(0, 30));
            default -> -rounded * (1 + randomSign() * Math.scalb(1.0, -rnd.nextInt(1, 60)));
        };
        // the fmsub/fnmadd forms negate the addend, and fnm* the product: keep the relation
        boolean negateC = base.equals("fmsub") || base.equals("fnmadd");
        boolean negateP = base.startsWith("fnm");
        x[2] = negateC != negateP ? -c : c;
    }

    /**
     * A value near where rounding meets the range's edges: around the smallest normal (where
     * tininess after rounding decides UF), inside the subnormals (halfway cases), or around the
     * largest finite value (overflow).
     */
    private double edgeTarget(boolean single) {
        int p = single ? 24 : 53;
        double minNormal = single ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        double t = switch (rnd.nextInt(3)) {
            case 0 -> minNormal * (1 + rnd.nextInt(-6, 7) * Math.scalb(1.0, -p - 1));
            case 1 -> (single ? Float.MIN_VALUE : Double.MIN_VALUE) * (rnd.nextInt(1, 64) + 0.5);
            default -> nearMax(single);
        };
        return randomSign() * t * (rnd.nextBoolean() ? 1 : 1 + randomSign() * Math.scalb(1.0, -p - rnd.nextInt(2, 12)));
    }

    private double nearMax(boolean single) {
        double max = single ? Float.MAX_VALUE : Double.MAX_VALUE;
        return randomSign() * max * (1 - rnd.nextInt(0, 6) * (single ? 0x1p-25 : 0x1p-54));
    }

    /** Factors whose exact product is near t: a short b and t / b rounded. */
    private void factorsNear(double[] x, double t, boolean single) {
        double b = (1 + rnd.nextInt(1, 16) * 0x1p-4) * randomSign();
        double a = t / b;
        x[0] = single ? (float) a : a;
        x[1] = b;
    }

    /** Perfect squares (exact roots), sometimes nudged by an ulp, sometimes tiny or negative. */
    private double square(boolean single) {
        double root = rnd.nextInt(1, 1 << (single ? 12 : 26)) * Math.scalb(1.0, rnd.nextInt(-60, 60));
        double x = root * root * (rnd.nextInt(4) == 0 ? 1 + ulpRatio(single) : 1);
        return rnd.nextInt(8) == 0 ? -x : rnd.nextInt(8) == 0 ? Math.scalb(x, single ? -140 : -1050) : x;
    }

    /** Integers and halves near the limits of the integer formats, and ulps around them. */
    private double nearInteger(boolean single) {
        double n = switch (rnd.nextInt(4)) {
            case 0 -> rnd.nextInt(-20, 21);
            case 1 -> INTEGERS[rnd.nextInt(INTEGERS.length)] * randomSign();
            case 2 -> Math.scalb(1.0, rnd.nextInt(0, 66)) * randomSign();
            default -> rnd.nextLong() >> rnd.nextInt(64);
        };
        n = single ? (float) n : n;
        double x = switch (rnd.nextInt(4)) {
            case 0 -> n;
            case 1 -> n + 0.5 * randomSign();
            default -> n + randomSign() * rnd.nextInt(1, 3) * 0.25;
        };
        x = single ? (float) x : x;
        int ulps = rnd.nextInt(-2, 3);
        for (int i = 0; i < Math.abs(ulps); i++) {
            x = single ? (ulps > 0 ? Math.nextUp((float) x) : Math.nextDown((float) x))
                    : (ulps > 0 ? Math.nextUp(x) : Math.nextDown(x));
        }
        return x;
    }

    /** Doubles at the single range's edges, often exactly halfway between two singles. */
    private double nearSingleEdge() {
        float f = Float.intBitsToFloat((int) structured(8, 23));
        double x = switch (rnd.nextInt(3)) {
            case 0 -> f;
            case 1 -> f + Math.ulp(f) * 0.5 * randomSign();
            default -> f + Math.ulp(f) * (0.5 + rnd.nextInt(-3, 4) * 0x1p-28);
        };
        return rnd.nextInt(4) == 0 ? Math.scalb(x, rnd.nextInt(-30, 31)) : x;
    }
}
