package dev.emu.isa.riscv.fp;

import dev.emu.engine.cpu.Vcpu;

import static dev.emu.isa.riscv.fp.Fp.SIGN_32;
import static dev.emu.isa.riscv.fp.Fp.SIGN_64;
import static dev.emu.isa.riscv.fp.Fp.box;
import static dev.emu.isa.riscv.fp.Fp.mode;
import static dev.emu.isa.riscv.fp.Fp.unbox;
import static dev.emu.isa.riscv.fp.FpFormat.DOUBLE;
import static dev.emu.isa.riscv.fp.FpFormat.SINGLE;

/**
 * The F and D instructions' semantics as static helpers that translated code calls, one method
 * per mnemonic ({@code fadd.s} is {@link #fadd_s}), bit- and flag-exact to RISC-V hardware.
 *
 * <p>Operands are raw register contents: f registers as their 64-bit patterns (a single must be
 * NaN-boxed, or it reads as the canonical NaN), x registers as their 64-bit values. Results are
 * what the instruction writes to rd (singles NaN-boxed, 32-bit integers sign-extended).
 * Exception flags are ORed into {@link Vcpu#fpFlags}. {@code rm} is the instruction's rounding
 * mode field: 0-4, or 7 for frm, which must then hold 0-4 or the instruction is illegal.
 */
public final class FpOps {
    private FpOps() {}

    /** An unboxed single operand as a pattern for the format-generic code. */
    private static long single(long reg) {
        return Integer.toUnsignedLong(unbox(reg));
    }

    private static double widenSingle(long reg) {
        return Float.intBitsToFloat(unbox(reg));
    }

    private static boolean singleIsNaN(long reg) {
        return Fp.isNaN32(unbox(reg));
    }

    // ---- single precision: arithmetic ----

    public static long fadd_s(Vcpu cpu, long rs1, long rs2, long rm) {
        return SingleArith.add(cpu, unbox(rs1), unbox(rs2), mode(cpu, rm));
    }

    public static long fsub_s(Vcpu cpu, long rs1, long rs2, long rm) {
        return SingleArith.add(cpu, unbox(rs1), unbox(rs2) ^ SIGN_32, mode(cpu, rm));
    }

    public static long fmul_s(Vcpu cpu, long rs1, long rs2, long rm) {
        return SingleArith.mul(cpu, unbox(rs1), unbox(rs2), mode(cpu, rm));
    }

    public static long fdiv_s(Vcpu cpu, long rs1, long rs2, long rm) {
        return SingleArith.div(cpu, unbox(rs1), unbox(rs2), mode(cpu, rm));
    }

    public static long fsqrt_s(Vcpu cpu, long rs1, long rm) {
        return SingleArith.sqrt(cpu, unbox(rs1), mode(cpu, rm));
    }

    /** rs1 × rs2 + rs3. */
    public static long fmadd_s(Vcpu cpu, long rs1, long rs2, long rs3, long rm) {
        return SingleArith.fma(cpu, unbox(rs1), unbox(rs2), unbox(rs3), mode(cpu, rm));
    }

    /** rs1 × rs2 - rs3. */
    public static long fmsub_s(Vcpu cpu, long rs1, long rs2, long rs3, long rm) {
        return SingleArith.fma(cpu, unbox(rs1), unbox(rs2), unbox(rs3) ^ SIGN_32, mode(cpu, rm));
    }

    /** -(rs1 × rs2) + rs3. */
    public static long fnmsub_s(Vcpu cpu, long rs1, long rs2, long rs3, long rm) {
        return SingleArith.fma(cpu, unbox(rs1) ^ SIGN_32, unbox(rs2), unbox(rs3), mode(cpu, rm));
    }

    /** -(rs1 × rs2) - rs3. */
    public static long fnmadd_s(Vcpu cpu, long rs1, long rs2, long rs3, long rm) {
        return SingleArith.fma(cpu, unbox(rs1) ^ SIGN_32, unbox(rs2), unbox(rs3) ^ SIGN_32, mode(cpu, rm));
    }

    public static long fmin_s(Vcpu cpu, long rs1, long rs2) {
        return box((int) Comparisons.minMax(cpu, SINGLE, single(rs1), single(rs2), false));
    }

    public static long fmax_s(Vcpu cpu, long rs1, long rs2) {
        return box((int) Comparisons.minMax(cpu, SINGLE, single(rs1), single(rs2), true));
    }

    // ---- single precision: sign injection, comparison, classification, moves ----

    public static long fsgnj_s(Vcpu cpu, long rs1, long rs2) {
        return box(unbox(rs1) & ~SIGN_32 | unbox(rs2) & SIGN_32);
    }

    public static long fsgnjn_s(Vcpu cpu, long rs1, long rs2) {
        return box(unbox(rs1) & ~SIGN_32 | ~unbox(rs2) & SIGN_32);
    }

    public static long fsgnjx_s(Vcpu cpu, long rs1, long rs2) {
        return box(unbox(rs1) ^ unbox(rs2) & SIGN_32);
    }

    public static long feq_s(Vcpu cpu, long rs1, long rs2) {
        return Comparisons.eq(cpu, SINGLE, single(rs1), single(rs2));
    }

    public static long flt_s(Vcpu cpu, long rs1, long rs2) {
        return Comparisons.less(cpu, SINGLE, single(rs1), single(rs2), false);
    }

    public static long fle_s(Vcpu cpu, long rs1, long rs2) {
        return Comparisons.less(cpu, SINGLE, single(rs1), single(rs2), true);
    }

    public static long fclass_s(Vcpu cpu, long rs1) {
        return Comparisons.classify(SINGLE, single(rs1));
    }

    /** The low word as is, boxed or not, sign-extended. */
    public static long fmv_x_w(Vcpu cpu, long rs1) {
        return (int) rs1;
    }

    public static long fmv_w_x(Vcpu cpu, long rs1) {
        return box((int) rs1);
    }

    // ---- single precision: conversions ----

    public static long fcvt_w_s(Vcpu cpu, long rs1, long rm) {
        return Conversions.toInt32(cpu, widenSingle(rs1), singleIsNaN(rs1), mode(cpu, rm));
    }

    public static long fcvt_wu_s(Vcpu cpu, long rs1, long rm) {
        return Conversions.toUInt32(cpu, widenSingle(rs1), singleIsNaN(rs1), mode(cpu, rm));
    }

    public static long fcvt_l_s(Vcpu cpu, long rs1, long rm) {
        return Conversions.toInt64(cpu, widenSingle(rs1), singleIsNaN(rs1), mode(cpu, rm));
    }

    public static long fcvt_lu_s(Vcpu cpu, long rs1, long rm) {
        return Conversions.toUInt64(cpu, widenSingle(rs1), singleIsNaN(rs1), mode(cpu, rm));
    }

    public static long fcvt_s_w(Vcpu cpu, long rs1, long rm) {
        return box((int) Conversions.fromInteger(cpu, SINGLE, (int) rs1, false, mode(cpu, rm)));
    }

    public static long fcvt_s_wu(Vcpu cpu, long rs1, long rm) {
        return box((int) Conversions.fromInteger(cpu, SINGLE, rs1 & 0xffff_ffffL, false, mode(cpu, rm)));
    }

    public static long fcvt_s_l(Vcpu cpu, long rs1, long rm) {
        return box((int) Conversions.fromInteger(cpu, SINGLE, rs1, false, mode(cpu, rm)));
    }

    public static long fcvt_s_lu(Vcpu cpu, long rs1, long rm) {
        return box((int) Conversions.fromInteger(cpu, SINGLE, rs1, true, mode(cpu, rm)));
    }

    // ---- double precision: arithmetic ----

    public static long fadd_d(Vcpu cpu, long rs1, long rs2, long rm) {
        return DoubleArith.add(cpu, rs1, rs2, mode(cpu, rm));
    }

    public static long fsub_d(Vcpu cpu, long rs1, long rs2, long rm) {
        return DoubleArith.add(cpu, rs1, rs2 ^ SIGN_64, mode(cpu, rm));
    }

    public static long fmul_d(Vcpu cpu, long rs1, long rs2, long rm) {
        return DoubleArith.mul(cpu, rs1, rs2, mode(cpu, rm));
    }

    public static long fdiv_d(Vcpu cpu, long rs1, long rs2, long rm) {
        return DoubleArith.div(cpu, rs1, rs2, mode(cpu, rm));
    }

    public static long fsqrt_d(Vcpu cpu, long rs1, long rm) {
        return DoubleArith.sqrt(cpu, rs1, mode(cpu, rm));
    }

    /** rs1 × rs2 + rs3. */
    public static long fmadd_d(Vcpu cpu, long rs1, long rs2, long rs3, long rm) {
        return DoubleArith.fma(cpu, rs1, rs2, rs3, mode(cpu, rm));
    }

    /** rs1 × rs2 - rs3. */
    public static long fmsub_d(Vcpu cpu, long rs1, long rs2, long rs3, long rm) {
        return DoubleArith.fma(cpu, rs1, rs2, rs3 ^ SIGN_64, mode(cpu, rm));
    }

    /** -(rs1 × rs2) + rs3. */
    public static long fnmsub_d(Vcpu cpu, long rs1, long rs2, long rs3, long rm) {
        return DoubleArith.fma(cpu, rs1 ^ SIGN_64, rs2, rs3, mode(cpu, rm));
    }

    /** -(rs1 × rs2) - rs3. */
    public static long fnmadd_d(Vcpu cpu, long rs1, long rs2, long rs3, long rm) {
        return DoubleArith.fma(cpu, rs1 ^ SIGN_64, rs2, rs3 ^ SIGN_64, mode(cpu, rm));
    }

    public static long fmin_d(Vcpu cpu, long rs1, long rs2) {
        return Comparisons.minMax(cpu, DOUBLE, rs1, rs2, false);
    }

    public static long fmax_d(Vcpu cpu, long rs1, long rs2) {
        return Comparisons.minMax(cpu, DOUBLE, rs1, rs2, true);
    }

    // ---- double precision: sign injection, comparison, classification, moves ----

    public static long fsgnj_d(Vcpu cpu, long rs1, long rs2) {
        return rs1 & ~SIGN_64 | rs2 & SIGN_64;
    }

    public static long fsgnjn_d(Vcpu cpu, long rs1, long rs2) {
        return rs1 & ~SIGN_64 | ~rs2 & SIGN_64;
    }

    public static long fsgnjx_d(Vcpu cpu, long rs1, long rs2) {
        return rs1 ^ rs2 & SIGN_64;
    }

    public static long feq_d(Vcpu cpu, long rs1, long rs2) {
        return Comparisons.eq(cpu, DOUBLE, rs1, rs2);
    }

    public static long flt_d(Vcpu cpu, long rs1, long rs2) {
        return Comparisons.less(cpu, DOUBLE, rs1, rs2, false);
    }

    public static long fle_d(Vcpu cpu, long rs1, long rs2) {
        return Comparisons.less(cpu, DOUBLE, rs1, rs2, true);
    }

    public static long fclass_d(Vcpu cpu, long rs1) {
        return Comparisons.classify(DOUBLE, rs1);
    }

    public static long fmv_x_d(Vcpu cpu, long rs1) {
        return rs1;
    }

    public static long fmv_d_x(Vcpu cpu, long rs1) {
        return rs1;
    }

    // ---- double precision: conversions ----

    public static long fcvt_w_d(Vcpu cpu, long rs1, long rm) {
        return Conversions.toInt32(cpu, Double.longBitsToDouble(rs1), Fp.isNaN64(rs1), mode(cpu, rm));
    }

    public static long fcvt_wu_d(Vcpu cpu, long rs1, long rm) {
        return Conversions.toUInt32(cpu, Double.longBitsToDouble(rs1), Fp.isNaN64(rs1), mode(cpu, rm));
    }

    public static long fcvt_l_d(Vcpu cpu, long rs1, long rm) {
        return Conversions.toInt64(cpu, Double.longBitsToDouble(rs1), Fp.isNaN64(rs1), mode(cpu, rm));
    }

    public static long fcvt_lu_d(Vcpu cpu, long rs1, long rm) {
        return Conversions.toUInt64(cpu, Double.longBitsToDouble(rs1), Fp.isNaN64(rs1), mode(cpu, rm));
    }

    /** Exact, but the rm field is still checked: a reserved dynamic mode is illegal. */
    public static long fcvt_d_w(Vcpu cpu, long rs1, long rm) {
        mode(cpu, rm);
        return Double.doubleToRawLongBits((int) rs1);
    }

    public static long fcvt_d_wu(Vcpu cpu, long rs1, long rm) {
        mode(cpu, rm);
        return Double.doubleToRawLongBits(rs1 & 0xffff_ffffL);
    }

    public static long fcvt_d_l(Vcpu cpu, long rs1, long rm) {
        return Conversions.fromInteger(cpu, DOUBLE, rs1, false, mode(cpu, rm));
    }

    public static long fcvt_d_lu(Vcpu cpu, long rs1, long rm) {
        return Conversions.fromInteger(cpu, DOUBLE, rs1, true, mode(cpu, rm));
    }

    public static long fcvt_s_d(Vcpu cpu, long rs1, long rm) {
        return box((int) Conversions.doubleToSingle(cpu, rs1, mode(cpu, rm)));
    }

    /** Exact, but the rm field is still checked: a reserved dynamic mode is illegal. */
    public static long fcvt_d_s(Vcpu cpu, long rs1, long rm) {
        mode(cpu, rm);
        return Conversions.singleToDouble(cpu, unbox(rs1));
    }
}
