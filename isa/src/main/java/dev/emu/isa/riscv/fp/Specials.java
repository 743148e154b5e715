package dev.emu.isa.riscv.fp;

import dev.emu.engine.cpu.Vcpu;

import static dev.emu.isa.riscv.fp.Fp.DZ;
import static dev.emu.isa.riscv.fp.Fp.NV;
import static dev.emu.isa.riscv.fp.Fp.zeroSumNegative;

/**
 * Results of the arithmetic instructions when an operand is a NaN, an infinity or a zero, or
 * when an exact sum cancels to zero: the cases that need no rounding. Works on the bit patterns
 * of either format (a single as its 32-bit pattern); every NaN result is the canonical one,
 * because RISC-V does not propagate payloads, and NV is raised for any signalling operand.
 */
final class Specials {
    private Specials() {}

    static boolean isNaN(FpFormat fmt, long bits) {
        return (bits & ~fmt.signBit) > fmt.infBits;
    }

    static boolean isSignalling(FpFormat fmt, long bits) {
        return isNaN(fmt, bits) && (bits & 1L << (fmt.precision - 2)) == 0;
    }

    static boolean isInf(FpFormat fmt, long bits) {
        return (bits & ~fmt.signBit) == fmt.infBits;
    }

    static boolean isZero(FpFormat fmt, long bits) {
        return (bits & ~fmt.signBit) == 0;
    }

    static boolean finiteNonzero(FpFormat fmt, long bits) {
        long magnitude = bits & ~fmt.signBit;
        return magnitude != 0 && magnitude < fmt.infBits;
    }

    static long canonicalNaN(FpFormat fmt) {
        return fmt.infBits | 1L << (fmt.precision - 2);
    }

    private static long invalid(Vcpu cpu, FpFormat fmt) {
        cpu.fpFlags |= NV;
        return canonicalNaN(fmt);
    }

    /** NaN operands: the canonical NaN, with NV if one of them signals. */
    private static long nan(Vcpu cpu, FpFormat fmt, long a, long b) {
        if (isSignalling(fmt, a) || isSignalling(fmt, b)) {
            cpu.fpFlags |= NV;
        }
        return canonicalNaN(fmt);
    }

    private static long zero(FpFormat fmt, boolean negative) {
        return negative ? fmt.signBit : 0;
    }

    /** a + b (b already negated for a subtraction) with a special operand or a zero sum. */
    static long add(Vcpu cpu, FpFormat fmt, long a, long b, int mode) {
        if (isNaN(fmt, a) || isNaN(fmt, b)) {
            return nan(cpu, fmt, a, b);
        }
        if (isInf(fmt, a)) {
            return isInf(fmt, b) && a != b ? invalid(cpu, fmt) : a;
        }
        if (isInf(fmt, b)) {
            return b;
        }
        if (isZero(fmt, a) != isZero(fmt, b)) {
            return isZero(fmt, a) ? b : a;
        }
        // two zeros, or two finite values that cancel exactly
        return zero(fmt, zeroSumNegative(fmt.negative(a), fmt.negative(b), mode));
    }

    /** a × b with a NaN, infinite or zero operand. */
    static long mul(Vcpu cpu, FpFormat fmt, long a, long b) {
        if (isNaN(fmt, a) || isNaN(fmt, b)) {
            return nan(cpu, fmt, a, b);
        }
        boolean negative = fmt.negative(a) != fmt.negative(b);
        if (isInf(fmt, a) || isInf(fmt, b)) {
            return isZero(fmt, a) || isZero(fmt, b) ? invalid(cpu, fmt) : fmt.infBits | zero(fmt, negative);
        }
        return zero(fmt, negative);
    }

    /** a ÷ b with a NaN, infinite or zero operand. */
    static long div(Vcpu cpu, FpFormat fmt, long a, long b) {
        if (isNaN(fmt, a) || isNaN(fmt, b)) {
            return nan(cpu, fmt, a, b);
        }
        boolean negative = fmt.negative(a) != fmt.negative(b);
        if (isInf(fmt, a)) {
            return isInf(fmt, b) ? invalid(cpu, fmt) : fmt.infBits | zero(fmt, negative);
        }
        if (isZero(fmt, b)) {
            if (isZero(fmt, a)) {
                return invalid(cpu, fmt);
            }
            cpu.fpFlags |= DZ;
            return fmt.infBits | zero(fmt, negative);
        }
        return zero(fmt, negative); // 0 / finite, or finite / infinity
    }

    /** √a for a NaN, zero, infinite or negative operand. */
    static long sqrt(Vcpu cpu, FpFormat fmt, long a) {
        if (isNaN(fmt, a)) {
            return nan(cpu, fmt, a, a);
        }
        if (isZero(fmt, a)) {
            return a; // √-0 is -0
        }
        return fmt.negative(a) ? invalid(cpu, fmt) : a; // negative numbers, or +infinity
    }

    /**
     * a × b + c (negations already applied) when an operand is NaN or infinite, a or b is zero,
     * or the exact result of finite nonzero operands is zero.
     */
    static long fma(Vcpu cpu, FpFormat fmt, long a, long b, long c, int mode) {
        boolean infTimesZero = (isInf(fmt, a) && isZero(fmt, b)) || (isZero(fmt, a) && isInf(fmt, b));
        if (isNaN(fmt, a) || isNaN(fmt, b) || isNaN(fmt, c) || infTimesZero) {
            // RISC-V raises NV for ∞ × 0 even when the addend is a quiet NaN
            if (infTimesZero || isSignalling(fmt, a) || isSignalling(fmt, b) || isSignalling(fmt, c)) {
                cpu.fpFlags |= NV;
            }
            return canonicalNaN(fmt);
        }
        boolean productNegative = fmt.negative(a) != fmt.negative(b);
        if (isInf(fmt, a) || isInf(fmt, b)) {
            return isInf(fmt, c) && fmt.negative(c) != productNegative
                    ? invalid(cpu, fmt) : fmt.infBits | zero(fmt, productNegative);
        }
        if (isInf(fmt, c)) {
            return c;
        }
        if ((isZero(fmt, a) || isZero(fmt, b)) && !isZero(fmt, c)) {
            return c;
        }
        // a zero product plus a zero, or an exact cancellation
        return zero(fmt, zeroSumNegative(productNegative, fmt.negative(c), mode));
    }
}
