package dev.emu.isa.riscv.translate;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Zbb/Zbc helpers against bit-by-bit references written from the specification's pseudocode. */
class BitManipHelpersTest {
    private static final long[] EDGES = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x80L, 0x0100_0000_0000_0080L,
            0xffff_ffffL, 0x8000_0000L, 0x1_0000_0000L};

    private static long[] samples() {
        Random random = new Random(7);
        long[] values = new long[EDGES.length + 200];
        System.arraycopy(EDGES, 0, values, 0, EDGES.length);
        for (int i = EDGES.length; i < values.length; i++) {
            // sparse and dense bit patterns, and whole zero or 0xff bytes
            long r = random.nextLong();
            values[i] = switch (i % 4) {
                case 0 -> r & random.nextLong() & random.nextLong();
                case 1 -> r | random.nextLong();
                case 2 -> r & 0xff00_ff00_00ff_0000L;
                default -> r;
            };
        }
        return values;
    }

    @Test
    void counts() {
        for (long x : samples()) {
            int leading = 0;
            while (leading < 64 && (x << leading) >= 0) {
                leading++;
            }
            assertEquals(leading, BitManipHelpers.clz(x));
            int trailing = 0;
            while (trailing < 64 && ((x >>> trailing) & 1) == 0) {
                trailing++;
            }
            assertEquals(trailing, BitManipHelpers.ctz(x));
            int leadingInWord = 0;
            while (leadingInWord < 32 && ((x >>> (31 - leadingInWord)) & 1) == 0) {
                leadingInWord++;
            }
            assertEquals(leadingInWord, BitManipHelpers.clzw(x));
            assertEquals(Math.min(trailing, 32), BitManipHelpers.ctzw(x));
            int ones = 0;
            for (int i = 0; i < 64; i++) {
                ones += (int) ((x >>> i) & 1);
            }
            assertEquals(ones, BitManipHelpers.cpop(x));
        }
        assertEquals(32, BitManipHelpers.clzw(0xffff_ffff_0000_0000L));
        assertEquals(32, BitManipHelpers.ctzw(0xffff_ffff_0000_0000L));
        assertEquals(0, BitManipHelpers.cpopw(0xffff_ffff_0000_0000L));
        assertEquals(1, BitManipHelpers.cpopw(0xffff_ffff_0000_0001L));
    }

    @Test
    void rotates() {
        assertEquals(0x0000_0000_0000_0003L, BitManipHelpers.rol(0x8000_0000_0000_0001L, 1));
        assertEquals(0xc000_0000_0000_0000L, BitManipHelpers.ror(0x8000_0000_0000_0001L, 65));
        // word rotates ignore the upper half of the operand and sign-extend the result
        assertEquals(0x0000_0000_0000_0003L, BitManipHelpers.rolw(0x1234_5678_8000_0001L, 33));
        assertEquals(0xffff_ffff_c000_0000L, BitManipHelpers.rorw(0x1234_5678_8000_0001L, 1));
        assertEquals(0x0000_0000_1234_5678L, BitManipHelpers.rorw(0xffff_ffff_1234_5678L, 0));
    }

    @Test
    void orcB() {
        for (long x : samples()) {
            long expected = 0;
            for (int i = 0; i < 64; i += 8) {
                if (((x >>> i) & 0xff) != 0) {
                    expected |= 0xffL << i;
                }
            }
            assertEquals(expected, BitManipHelpers.orc_b(x), Long.toHexString(x));
        }
    }

    @Test
    void rev8() {
        assertEquals(0x8877_6655_4433_2211L, BitManipHelpers.rev8(0x1122_3344_5566_7788L));
    }

    @Test
    void carryLessProducts() {
        long[] values = samples();
        for (int i = 0; i < values.length; i += 3) {
            for (int j = 0; j < values.length; j += 5) {
                long a = values[i];
                long b = values[j];
                long lo = 0;
                long hi = 0;
                long rev = 0;
                for (int k = 0; k < 64; k++) {
                    if (((b >>> k) & 1) != 0) {
                        lo ^= a << k;
                        if (k > 0) {
                            hi ^= a >>> (64 - k);
                        }
                        rev ^= a >>> (63 - k);
                    }
                }
                assertEquals(lo, BitManipHelpers.clmul(a, b));
                assertEquals(hi, BitManipHelpers.clmulh(a, b));
                assertEquals(rev, BitManipHelpers.clmulr(a, b));
            }
        }
        // x^63 * x^63 = x^126: bit 62 of the high half, bit 63 of the reversed product
        assertEquals(1L << 62, BitManipHelpers.clmulh(Long.MIN_VALUE, Long.MIN_VALUE));
        assertEquals(Long.MIN_VALUE, BitManipHelpers.clmulr(Long.MIN_VALUE, Long.MIN_VALUE));
    }
}
