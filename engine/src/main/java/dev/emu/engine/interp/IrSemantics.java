package dev.emu.engine.interp;

/**
 * The arithmetic of IR ops that is more than one Java operator, shared by the interpreter and
 * the bytecode backend so both tiers compute the same values.
 */
public final class IrSemantics {
    private IrSemantics() {}

    public static long div(long a, long b) {
        if (b == 0) {
            return -1;
        }
        if (a == Long.MIN_VALUE && b == -1) {
            return a;
        }
        return a / b;
    }

    public static long divu(long a, long b) {
        return b == 0 ? -1 : Long.divideUnsigned(a, b);
    }

    public static long rem(long a, long b) {
        if (b == 0) {
            return a;
        }
        if (a == Long.MIN_VALUE && b == -1) {
            return 0;
        }
        return a % b;
    }

    public static long remu(long a, long b) {
        return b == 0 ? a : Long.remainderUnsigned(a, b);
    }

    /** High half of signed a times unsigned b. */
    public static long mulhsu(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        // b's top bit means b is 2^64 larger unsigned than signed: add a * 2^64's high part.
        return b < 0 ? hi + a : hi;
    }

    public static long mulhu(long a, long b) {
        return Math.unsignedMultiplyHigh(a, b);
    }
}
