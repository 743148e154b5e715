package dev.emu.isa.riscv.fp;

import dev.emu.engine.cpu.IllegalInstruction;
import dev.emu.engine.cpu.Vcpu;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Hand-picked F/D cases whose expected results follow from the RISC-V and IEEE 754 rules
 * directly: the corners the differential test found hard to reach or that are easy to get
 * subtly wrong (tininess after rounding, canonical NaNs, NaN boxing, saturating conversions).
 */
class FpOpsTest {
    static final int NV = 16, DZ = 8, OF = 4, UF = 2, NX = 1;
    static final int RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4, DYN = 7;
    static final long CANONICAL_NAN_D = 0x7ff8_0000_0000_0000L;
    static final long CANONICAL_NAN_S = 0xffff_ffff_7fc0_0000L;
    static final long QNAN_PAYLOAD_D = 0x7ff8_0000_0000_1234L;
    static final long SNAN_D = 0x7ff0_0000_0000_0001L;

    private final Vcpu cpu = new Vcpu(0, 64, null);

    private static long d(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static long s(float v) {
        return 0xffff_ffff_0000_0000L | Float.floatToRawIntBits(v) & 0xffff_ffffL;
    }

    /** Runs op with clear flags and checks the result pattern and the flags it raised. */
    private void check(long expected, int flags, java.util.function.LongSupplier op) {
        cpu.fpFlags = 0;
        long got = op.getAsLong();
        assertEquals(Long.toHexString(expected), Long.toHexString(got), "result");
        assertEquals(flags, cpu.fpFlags, "flags");
    }

    @Test
    void nanResultsAreCanonicalAndOnlySignallingNaNsRaiseNv() {
        check(CANONICAL_NAN_D, 0, () -> FpOps.fadd_d(cpu, QNAN_PAYLOAD_D, d(1), RNE));
        check(CANONICAL_NAN_D, NV, () -> FpOps.fmul_d(cpu, SNAN_D, d(1), RNE));
        check(CANONICAL_NAN_D, NV, () -> FpOps.fsub_d(cpu, d(Double.POSITIVE_INFINITY), d(Double.POSITIVE_INFINITY), RNE));
        check(CANONICAL_NAN_D, NV, () -> FpOps.fdiv_d(cpu, d(0.0), d(-0.0), RNE));
        check(d(Double.NEGATIVE_INFINITY), DZ, () -> FpOps.fdiv_d(cpu, d(-1), d(0.0), RNE));
        check(CANONICAL_NAN_D, NV, () -> FpOps.fsqrt_d(cpu, d(-1e-300), RNE));
        check(d(-0.0), 0, () -> FpOps.fsqrt_d(cpu, d(-0.0), RNE));
        check(CANONICAL_NAN_D, NV, () -> FpOps.fcvt_d_s(cpu, 0xffff_ffff_7f80_0001L, RNE));
        check(CANONICAL_NAN_S, NV, () -> FpOps.fcvt_s_d(cpu, SNAN_D, RNE));
        check(CANONICAL_NAN_S, 0, () -> FpOps.fcvt_s_d(cpu, QNAN_PAYLOAD_D, RNE));
    }

    @Test
    void singlesMustBeNaNBoxed() {
        long unboxedOne = Float.floatToRawIntBits(1f);
        check(CANONICAL_NAN_S, 0, () -> FpOps.fadd_s(cpu, unboxedOne, s(1f), RNE));
        check(1L << 9, 0, () -> FpOps.fclass_s(cpu, 0xffff_fffe_3f80_0000L));
        check(CANONICAL_NAN_D, 0, () -> FpOps.fcvt_d_s(cpu, unboxedOne, RNE));
        // sign injection reads the canonical NaN too, and gives it rs2's sign
        check(0xffff_ffff_ffc0_0000L, 0, () -> FpOps.fsgnj_s(cpu, unboxedOne, s(-2f)));
        // fmv.x.w moves the low word whatever the upper half holds
        check(0x3f80_0000L, 0, () -> FpOps.fmv_x_w(cpu, unboxedOne));
        check(0xffff_ffff_bf80_0000L, 0, () -> FpOps.fmv_x_w(cpu, 0x1234_5678_bf80_0000L));
        check(0xffff_ffff_8000_0000L, 0, () -> FpOps.fmv_w_x(cpu, 0x1234_5678_8000_0000L));
    }

    /**
     * Tininess is judged after rounding: a result that rounds up to the smallest normal is tiny
     * only if rounding to full precision with an unbounded exponent stays below it.
     */
    @Test
    void underflowUsesTininessAfterRounding() {
        long minNormalS = s(Float.MIN_NORMAL);
        // 2^-126 - 2^-154: full precision rounds it to 2^-126, so not tiny
        check(minNormalS, NX, () -> FpOps.fcvt_s_d(cpu, d(0x1p-126 - 0x1p-154), RNE));
        // 2^-126 - 2^-151: halfway at full precision, to even = 2^-126, still not tiny
        check(minNormalS, NX, () -> FpOps.fcvt_s_d(cpu, d(0x1p-126 - 0x1p-151), RNE));
        // 2^-126 - 2^-150 is exact at full precision, so tiny, yet rounds to 2^-126 in subnormals
        check(minNormalS, UF | NX, () -> FpOps.fcvt_s_d(cpu, d(0x1p-126 - 0x1p-150), RNE));
        // toward zero it stays below: the largest subnormal, tiny
        check(s(Math.nextDown(Float.MIN_NORMAL)), UF | NX, () -> FpOps.fcvt_s_d(cpu, d(0x1p-126 - 0x1p-154), RTZ));
        // the same in double: (1 - 2^-53) · 2^-1022 is exact at full precision, rounds to 2^-1022
        check(d(Double.MIN_NORMAL), UF | NX, () -> FpOps.fmul_d(cpu, d(Math.nextDown(1.0)), d(Double.MIN_NORMAL), RNE));
    }

    @Test
    void exactSubnormalResultsRaiseNothing() {
        check(d(Double.MIN_VALUE), 0, () -> FpOps.fmul_d(cpu, d(Double.MIN_VALUE), d(1), RUP));
        check(d(Double.MIN_VALUE), 0, () -> FpOps.fdiv_d(cpu, d(2 * Double.MIN_VALUE), d(2), RNE));
        check(d(0x1p-1073 - 0x1p-1074), 0, () -> FpOps.fsub_d(cpu, d(0x1p-1073), d(Double.MIN_VALUE), RNE));
        check(s(Float.MIN_VALUE), UF | NX, () -> FpOps.fmul_s(cpu, s(Float.MIN_VALUE), s(0.5f), RUP));
        check(s(0f), UF | NX, () -> FpOps.fmul_s(cpu, s(Float.MIN_VALUE), s(0.5f), RNE));
    }

    @Test
    void overflowDependsOnModeAndSign() {
        long max = d(Double.MAX_VALUE);
        check(d(Double.POSITIVE_INFINITY), OF | NX, () -> FpOps.fmul_d(cpu, max, d(2), RNE));
        check(max, OF | NX, () -> FpOps.fmul_d(cpu, max, d(2), RTZ));
        check(max, OF | NX, () -> FpOps.fmul_d(cpu, max, d(2), RDN));
        check(d(-Double.MAX_VALUE), OF | NX, () -> FpOps.fmul_d(cpu, max, d(-2), RUP));
        check(d(Double.NEGATIVE_INFINITY), OF | NX, () -> FpOps.fmul_d(cpu, max, d(-2), RMM));
        // the largest finite value plus the smallest subnormal overflows only when rounding up
        check(d(Double.POSITIVE_INFINITY), OF | NX, () -> FpOps.fadd_d(cpu, max, d(Double.MIN_VALUE), RUP));
        check(max, NX, () -> FpOps.fadd_d(cpu, max, d(Double.MIN_VALUE), RNE));
        check(s(Float.POSITIVE_INFINITY), OF | NX, () -> FpOps.fcvt_s_d(cpu, d(0x1.ffffffp127), RNE));
        check(s(Float.MAX_VALUE), NX, () -> FpOps.fcvt_s_d(cpu, d(0x1.ffffffp127), RTZ));
    }

    @Test
    void roundingModesOnHalfwayCases() {
        long tie = d(0x1p-53); // half an ulp of 1.0
        check(d(1), NX, () -> FpOps.fadd_d(cpu, d(1), tie, RNE));
        check(d(1 + 0x1p-52), NX, () -> FpOps.fadd_d(cpu, d(1), tie, RMM));
        check(d(1 + 0x1p-52), NX, () -> FpOps.fadd_d(cpu, d(1), tie, RUP));
        check(d(-1), NX, () -> FpOps.fsub_d(cpu, d(-1), tie, RTZ));
        check(d(-1 - 0x1p-52), NX, () -> FpOps.fsub_d(cpu, d(-1), tie, RDN));
        check(s(1f), NX, () -> FpOps.fadd_s(cpu, s(1f), s(0x1p-24f), RNE));
        check(s(1 + 0x1p-23f), NX, () -> FpOps.fadd_s(cpu, s(1f), s(0x1p-24f), RMM));
        // exact cancellation gives +0, or -0 when rounding down
        check(d(0.0), 0, () -> FpOps.fsub_d(cpu, d(1.5), d(1.5), RNE));
        check(d(-0.0), 0, () -> FpOps.fsub_d(cpu, d(1.5), d(1.5), RDN));
    }

    @Test
    void fusedMultiplyAddRoundsOnce() {
        // (1 + 2^-52)(1 - 2^-53) - 1 = 2^-53 - 2^-105 exactly; a separate rounding would give 2^-53
        check(d(0x1.ffffffffffffep-54), 0,
                () -> FpOps.fmadd_d(cpu, d(1 + 0x1p-52), d(Math.nextDown(1.0)), d(-1), RNE));
        check(d(1 + 0x1p-52), NX, () -> FpOps.fmadd_d(cpu, d(1 + 0x1p-52), d(1 + 0x1p-52), d(-0x1p-52), RMM));
        // ∞ × 0 is invalid even with a quiet NaN addend
        check(CANONICAL_NAN_D, NV, () -> FpOps.fmadd_d(cpu, d(Double.POSITIVE_INFINITY), d(0.0), CANONICAL_NAN_D, RNE));
        check(CANONICAL_NAN_S, NV, () -> FpOps.fnmsub_s(cpu, s(0f), s(Float.NEGATIVE_INFINITY), s(1f), RNE));
        check(CANONICAL_NAN_D, 0, () -> FpOps.fmadd_d(cpu, d(2), d(0.0), CANONICAL_NAN_D, RNE));
        check(CANONICAL_NAN_D, NV, () -> FpOps.fmsub_d(cpu, d(Double.POSITIVE_INFINITY), d(1), d(Double.POSITIVE_INFINITY), RNE));
        // signs of exact zeros: the negations apply to the operands before the one addition
        check(d(0.0), 0, () -> FpOps.fmadd_d(cpu, d(1), d(1), d(-1), RNE));
        check(d(-0.0), 0, () -> FpOps.fmadd_d(cpu, d(1), d(1), d(-1), RDN));
        check(d(0.0), 0, () -> FpOps.fnmadd_d(cpu, d(0.0), d(1), d(-0.0), RNE));
        check(d(-0.0), 0, () -> FpOps.fnmadd_d(cpu, d(0.0), d(1), d(0.0), RNE));
        check(d(-0.0), 0, () -> FpOps.fmsub_d(cpu, d(-0.0), d(1), d(0.0), RNE));
    }

    @Test
    void conversionsToIntegersSaturate() {
        check(Integer.MAX_VALUE, NV, () -> FpOps.fcvt_w_d(cpu, CANONICAL_NAN_D, RNE));
        check(Integer.MIN_VALUE, NV, () -> FpOps.fcvt_w_d(cpu, d(Double.NEGATIVE_INFINITY), RTZ));
        check(Integer.MAX_VALUE, NV, () -> FpOps.fcvt_w_d(cpu, d(2147483647.5), RNE));
        check(Integer.MAX_VALUE, NX, () -> FpOps.fcvt_w_d(cpu, d(2147483647.5), RTZ));
        check(Integer.MIN_VALUE, NX, () -> FpOps.fcvt_w_d(cpu, d(-2147483648.5), RNE));
        check(3, NX, () -> FpOps.fcvt_w_s(cpu, s(2.5f), RMM));
        check(2, NX, () -> FpOps.fcvt_w_s(cpu, s(2.5f), RNE));
        check(-3, NX, () -> FpOps.fcvt_l_d(cpu, d(-2.5), RMM));
        // unsigned: a negative value rounding to zero is only inexact, below that invalid
        check(0, NX, () -> FpOps.fcvt_wu_d(cpu, d(-0.5), RTZ));
        check(0, NV, () -> FpOps.fcvt_wu_d(cpu, d(-0.5), RDN));
        check(0, NV, () -> FpOps.fcvt_lu_s(cpu, s(-1f), RNE));
        // 32-bit results are sign-extended, the unsigned ones too
        check(-1, 0, () -> FpOps.fcvt_wu_d(cpu, d(4294967295.0), RNE));
        check(-1, NV, () -> FpOps.fcvt_wu_s(cpu, s(Float.POSITIVE_INFINITY), RNE));
        check(-1, NV, () -> FpOps.fcvt_lu_d(cpu, d(0x1p64), RNE));
        check(0x8000_0000_0000_0000L, 0, () -> FpOps.fcvt_lu_d(cpu, d(0x1p63), RNE));
        check(Long.MAX_VALUE, NV, () -> FpOps.fcvt_l_d(cpu, d(0x1p63), RNE));
        check(Long.MIN_VALUE, 0, () -> FpOps.fcvt_l_d(cpu, d(-0x1p63), RNE));
        check(Long.MAX_VALUE, NV, () -> FpOps.fcvt_l_s(cpu, s(Float.NaN), RNE));
    }

    @Test
    void conversionsFromIntegersRound() {
        check(s(0x1p64f), NX, () -> FpOps.fcvt_s_lu(cpu, -1L, RNE));
        check(s(Math.nextDown(0x1p64f)), NX, () -> FpOps.fcvt_s_lu(cpu, -1L, RTZ));
        // 2^63 + 2^10 + 1 is just above half an ulp (2^11) past 2^63: the sticky bit decides
        check(d(0x1p63 + 0x1p11), NX, () -> FpOps.fcvt_d_lu(cpu, 0x8000_0000_0000_0401L, RNE));
        check(d(-0x1p63), 0, () -> FpOps.fcvt_d_l(cpu, Long.MIN_VALUE, RNE));
        check(s(16777216f), NX, () -> FpOps.fcvt_s_w(cpu, 16777217L, RNE));
        check(s(16777218f), NX, () -> FpOps.fcvt_s_w(cpu, 16777217L, RUP));
        // the w forms read only the low 32 bits of the register
        check(s(-1f), 0, () -> FpOps.fcvt_s_w(cpu, 0x1234_5678_ffff_ffffL, RNE));
        check(d(4294967295.0), 0, () -> FpOps.fcvt_d_wu(cpu, 0x1234_5678_ffff_ffffL, RNE));
    }

    @Test
    void minMaxAndComparisons() {
        check(d(-0.0), 0, () -> FpOps.fmin_d(cpu, d(0.0), d(-0.0)));
        check(d(0.0), 0, () -> FpOps.fmax_d(cpu, d(-0.0), d(0.0)));
        check(d(1), 0, () -> FpOps.fmin_d(cpu, QNAN_PAYLOAD_D, d(1)));
        check(d(1), NV, () -> FpOps.fmax_d(cpu, d(1), SNAN_D));
        check(CANONICAL_NAN_D, 0, () -> FpOps.fmax_d(cpu, QNAN_PAYLOAD_D, QNAN_PAYLOAD_D));
        check(s(-0f), 0, () -> FpOps.fmin_s(cpu, s(0f), s(-0f)));
        check(0, 0, () -> FpOps.feq_d(cpu, QNAN_PAYLOAD_D, d(1)));
        check(0, NV, () -> FpOps.feq_d(cpu, SNAN_D, d(1)));
        check(0, NV, () -> FpOps.flt_d(cpu, QNAN_PAYLOAD_D, d(1)));
        check(1, 0, () -> FpOps.fle_s(cpu, s(-0f), s(0f)));
        check(0, 0, () -> FpOps.flt_s(cpu, s(-0f), s(0f)));
    }

    @Test
    void classification() {
        long[] values = {d(Double.NEGATIVE_INFINITY), d(-1), d(-Double.MIN_VALUE), d(-0.0), d(0.0),
            d(Double.MIN_VALUE), d(1), d(Double.POSITIVE_INFINITY), SNAN_D, CANONICAL_NAN_D};
        for (int i = 0; i < values.length; i++) {
            long v = values[i];
            check(1L << i, 0, () -> FpOps.fclass_d(cpu, v));
        }
        check(1L << 8, 0, () -> FpOps.fclass_s(cpu, 0xffff_ffff_ff80_0001L));
        check(1L << 2, 0, () -> FpOps.fclass_s(cpu, s(-Float.MIN_VALUE)));
    }

    @Test
    void dynamicRoundingModeComesFromFrmAndReservedValuesAreIllegal() {
        cpu.fpRoundingMode = RUP;
        check(d(1 + 0x1p-52), NX, () -> FpOps.fadd_d(cpu, d(1), d(0x1p-60), DYN));
        check(d(1), NX, () -> FpOps.fadd_d(cpu, d(1), d(0x1p-60), RNE));
        for (int reserved = 5; reserved <= 7; reserved++) {
            cpu.fpRoundingMode = reserved;
            assertThrows(IllegalInstruction.class, () -> FpOps.fadd_s(cpu, s(1f), s(1f), DYN));
            // the exact conversions have an rm field too, and check it
            assertThrows(IllegalInstruction.class, () -> FpOps.fcvt_d_w(cpu, 1, DYN));
            assertThrows(IllegalInstruction.class, () -> FpOps.fcvt_d_s(cpu, s(1f), DYN));
            check(d(2), 0, () -> FpOps.fadd_d(cpu, d(1), d(1), RTZ)); // static modes ignore frm
        }
    }
}
