package dev.emu.isa.riscv.translate;

import java.util.Random;

/**
 * Register values the differential test starts sequences from: random values with a good share
 * of the ones where implementations go wrong. For the f registers: properly NaN-boxed singles
 * (special, small integers and halves, random), doubles (special, ordinary, random) and
 * improperly boxed singles, which single-precision instructions must read as the canonical NaN.
 */
final class StartValues {
    private StartValues() {}

    private static final long[] INTEGERS = {0, 1, -1, 2, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE,
            Integer.MAX_VALUE, 0xffff_ffffL, 0x8000_0000L, 63, 64, 32, 31, 0xff, 0x80, 0xffff, 0x8000};
    private static final long BOX = 0xffff_ffff_0000_0000L;
    /** +-0, +-inf, qNaN, sNaN, a payload NaN, smallest subnormal, largest negative subnormal, +-1, 2^31, -2^31, 2^63, max. */
    private static final int[] SINGLES = {0, 0x8000_0000, 0x7f80_0000, 0xff80_0000, 0x7fc0_0000, 0x7f80_0001,
            0xffc0_1234, 0x0000_0001, 0x807f_ffff, 0x3f80_0000, 0xbf80_0000, 0x4f00_0000, 0xcf00_0000, 0x5f00_0000,
            0x7f7f_ffff, 0x0080_0000, 0x3f00_0000};
    /** The same kinds as doubles, plus 2^32 and -2^63. */
    private static final long[] DOUBLES = {0, Long.MIN_VALUE, 0x7ff0_0000_0000_0000L, 0xfff0_0000_0000_0000L,
            0x7ff8_0000_0000_0000L, 0x7ff0_0000_0000_0001L, 0x0000_0000_0000_0001L, 0x800f_ffff_ffff_ffffL,
            0x3ff0_0000_0000_0000L, 0xbff0_0000_0000_0000L, 0x41e0_0000_0000_0000L, 0xc3e0_0000_0000_0000L,
            0x43f0_0000_0000_0000L, 0x7fef_ffff_ffff_ffffL, 0x41f0_0000_0000_0000L, 0x0010_0000_0000_0000L,
            0x3fe0_0000_0000_0000L};

    static long integer(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> INTEGERS[random.nextInt(INTEGERS.length)];
            case 1 -> random.nextInt(64) - 32;
            default -> random.nextLong();
        };
    }

    static long floating(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> BOX | (SINGLES[random.nextInt(SINGLES.length)] & 0xffff_ffffL);
            case 1 -> BOX | (Float.floatToRawIntBits(random.nextInt(200) - 100 + random.nextInt(4) / 4f) & 0xffff_ffffL);
            case 2 -> BOX | (random.nextInt() & 0xffff_ffffL);
            case 3 -> DOUBLES[random.nextInt(DOUBLES.length)];
            case 4 -> Double.doubleToRawLongBits((random.nextInt(400) - 200) / 8.0);
            case 5 -> random.nextBoolean() ? Double.doubleToRawLongBits(random.nextGaussian() * 1e3) : random.nextLong();
            default -> random.nextInt(4) == 0 ? random.nextLong() : (random.nextLong() & ~BOX) | (random.nextInt() & 0xffff_ffffL);
        };
    }
}
