package dev.emu.isa.riscv.translate;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.function.LongBinaryOperator;

import static dev.emu.isa.riscv.translate.Asm.asm;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RV64M executed over the operands where the specification has special cases (zero divisors,
 * the overflowing MIN / -1, word forms whose upper halves must be ignored) against a reference
 * written from the specification's tables with BigInteger.
 */
class MulDivExecutionTest {
    private static final long[] VALUES = {
            0, 1, -1, 2, -2, 7, -7, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE,
            0xffff_ffffL, 0x1_0000_0000L, 0x8000_0000L, 0xdead_beef_8000_0000L, 0x1234_5678_ffff_ffffL,
            0x0000_0001_0000_0007L};

    private static void check(String op, LongBinaryOperator reference) {
        // per a: x(9+i) = op(x17, x(1+i)) for up to 8 divisors b in x1..x8, one program per batch
        for (long a : VALUES) {
            for (int first = 0; first < VALUES.length; first += 8) {
                Machine m = new Machine().x(17, a);
                int n = Math.min(8, VALUES.length - first);
                for (int i = 0; i < n; i++) {
                    m.x(1 + i, VALUES[first + i]).code(asm(op, 9 + i, 17, 1 + i));
                }
                m.run();
                for (int i = 0; i < n; i++) {
                    long b = VALUES[first + i];
                    assertEquals(reference.applyAsLong(a, b), m.x(9 + i), op + " " + a + ", " + b);
                }
            }
        }
    }

    private static final BigInteger MASK64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private static BigInteger unsigned(long x) {
        return BigInteger.valueOf(x).and(MASK64);
    }

    private static long high(BigInteger product) {
        return product.shiftRight(64).longValue();
    }

    /** Signed division by the specification: x/0 = -1, MIN/-1 = MIN (overflow). */
    private static long div(long a, long b, long min) {
        return b == 0 ? -1 : a == min && b == -1 ? a : a / b;
    }

    private static long rem(long a, long b, long min) {
        return b == 0 ? a : a == min && b == -1 ? 0 : a % b;
    }

    @Test
    void multiplication() {
        check("mul", (a, b) -> a * b);
        check("mulh", (a, b) -> high(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))));
        check("mulhu", (a, b) -> high(unsigned(a).multiply(unsigned(b))));
        check("mulhsu", (a, b) -> high(BigInteger.valueOf(a).multiply(unsigned(b))));
        check("mulw", (a, b) -> (int) a * (int) b);
    }

    @Test
    void division() {
        check("div", (a, b) -> div(a, b, Long.MIN_VALUE));
        check("rem", (a, b) -> rem(a, b, Long.MIN_VALUE));
        check("divu", (a, b) -> b == 0 ? -1 : Long.divideUnsigned(a, b));
        check("remu", (a, b) -> b == 0 ? a : Long.remainderUnsigned(a, b));
    }

    @Test
    void wordDivision() {
        check("divw", (a, b) -> (int) div((int) a, (int) b, Integer.MIN_VALUE));
        check("remw", (a, b) -> (int) rem((int) a, (int) b, Integer.MIN_VALUE));
        check("divuw", (a, b) -> (int) b == 0 ? -1 : Integer.divideUnsigned((int) a, (int) b));
        check("remuw", (a, b) -> (int) b == 0 ? (int) a : Integer.remainderUnsigned((int) a, (int) b));
    }
}
