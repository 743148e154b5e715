package dev.emu.isa.riscv.translate;

/**
 * Zbb and Zbc operations that are one JDK intrinsic or a short loop in Java but a long string of
 * IR: counts, rotates, byte operations and carry-less multiplication. All pure. Word forms
 * ({@code ...w}) read the low 32 bits of their operand and return a sign-extended word, or a
 * count.
 */
public final class BitManipHelpers {
    private BitManipHelpers() {}

    private static final long LOW7 = 0x7f7f_7f7f_7f7f_7f7fL;

    public static long clz(long x) {
        return Long.numberOfLeadingZeros(x);
    }

    public static long ctz(long x) {
        return Long.numberOfTrailingZeros(x);
    }

    public static long cpop(long x) {
        return Long.bitCount(x);
    }

    public static long clzw(long x) {
        return Integer.numberOfLeadingZeros((int) x);
    }

    public static long ctzw(long x) {
        return Integer.numberOfTrailingZeros((int) x);
    }

    public static long cpopw(long x) {
        return Integer.bitCount((int) x);
    }

    /** Rotates by the low 6 bits of n (Long.rotate* masks the same way). */
    public static long rol(long x, long n) {
        return Long.rotateLeft(x, (int) n);
    }

    public static long ror(long x, long n) {
        return Long.rotateRight(x, (int) n);
    }

    /** Rotates the low word by the low 5 bits of n. */
    public static long rolw(long x, long n) {
        return Integer.rotateLeft((int) x, (int) n);
    }

    public static long rorw(long x, long n) {
        return Integer.rotateRight((int) x, (int) n);
    }

    /** Each byte becomes 0xff when it is non-zero, 0x00 when it is zero. */
    public static long orc_b(long x) {
        // Adding 0x7f to a byte's low 7 bits sets its top bit when they are not all zero; the
        // byte's own top bit covers the rest. No carry crosses bytes.
        long nonZero = (((x & LOW7) + LOW7) | x) & ~LOW7;
        return (nonZero >>> 7) * 0xff;
    }

    public static long rev8(long x) {
        return Long.reverseBytes(x);
    }

    /** The low 64 bits of the carry-less product. */
    public static long clmul(long a, long b) {
        long r = 0;
        for (long bits = b; bits != 0; bits &= bits - 1) {
            r ^= a << Long.numberOfTrailingZeros(bits);
        }
        return r;
    }

    /** The high 64 bits of the 128-bit carry-less product. */
    public static long clmulh(long a, long b) {
        long r = 0;
        for (long bits = b & ~1L; bits != 0; bits &= bits - 1) {
            r ^= a >>> (64 - Long.numberOfTrailingZeros(bits));
        }
        return r;
    }

    /** Bits 126..63 of the carry-less product (the reversed product's low half). */
    public static long clmulr(long a, long b) {
        long r = 0;
        for (long bits = b; bits != 0; bits &= bits - 1) {
            r ^= a >>> (63 - Long.numberOfTrailingZeros(bits));
        }
        return r;
    }
}
