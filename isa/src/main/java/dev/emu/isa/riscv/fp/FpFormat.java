package dev.emu.isa.riscv.fp;

/**
 * The parameters of a binary interchange format that rounding needs: precision (with the
 * hidden bit), exponent range and the bit patterns at the top of the range.
 */
final class FpFormat {
    static final FpFormat SINGLE = new FpFormat(24, 127, 0x7f80_0000L, 0x8000_0000L);
    static final FpFormat DOUBLE = new FpFormat(53, 1023, 0x7ff0_0000_0000_0000L, 0x8000_0000_0000_0000L);

    /** Significand bits including the hidden one. */
    final int precision;
    final int bias;
    final int emin;
    final int emax;
    final long infBits;
    final long maxBits;
    final long signBit;

    private FpFormat(int precision, int bias, long infBits, long signBit) {
        this.precision = precision;
        this.bias = bias;
        this.emin = 1 - bias;
        this.emax = bias;
        this.infBits = infBits;
        this.maxBits = infBits - 1;
        this.signBit = signBit;
    }

    /** Exponent of the lowest significand bit of a finite, nonzero pattern's value. */
    int lowExponent(long bits) {
        int biased = (int) ((bits & ~signBit) >>> (precision - 1));
        return (biased == 0 ? 1 : biased) - bias - (precision - 1);
    }

    /** Integer significand of a finite, nonzero pattern (hidden bit made explicit). */
    long significand(long bits) {
        long fraction = bits & ((1L << (precision - 1)) - 1);
        return (bits & ~signBit) >= (1L << (precision - 1)) ? fraction | 1L << (precision - 1) : fraction;
    }

    boolean negative(long bits) {
        return (bits & signBit) != 0;
    }
}
