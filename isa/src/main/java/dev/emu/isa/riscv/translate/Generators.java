package dev.emu.isa.riscv.translate;

import dev.emu.engine.ir.Cond;
import dev.emu.engine.ir.IrBuilder;

/**
 * The IR shapes instructions share, with operands as register numbers and immediates so the
 * 32-bit and the compressed encodings of an operation use one generator. Register number 0 is
 * x0 ({@link TranslationContext} reads it as zero and drops writes to it).
 */
public final class Generators {
    private Generators() {}

    /** An IR operation of two values, such as {@code IrBuilder::add}. */
    @FunctionalInterface
    public interface BinaryOp {
        int apply(IrBuilder b, int x, int y);
    }

    /** An IR operation of one value, such as {@code IrBuilder::sext8}. */
    @FunctionalInterface
    public interface UnaryOp {
        int apply(IrBuilder b, int x);
    }

    /** The 0/1 comparison {@code x cond y} (slt, sltu and their immediate forms). */
    public static BinaryOp setIf(Cond cond) {
        return (b, x, y) -> b.setcc(cond, x, y);
    }

    // ---- arithmetic and logic

    /** {@code rd = op(rs1, rs2)}. */
    public static void aluReg(TranslationContext c, int rd, int rs1, int rs2, BinaryOp op) {
        c.setX(rd, op.apply(c.b, c.x(rs1), c.x(rs2)));
    }

    /** {@code rd = op(rs1, imm)}. */
    public static void aluImm(TranslationContext c, int rd, int rs1, long imm, BinaryOp op) {
        c.setX(rd, op.apply(c.b, c.x(rs1), c.constant(imm)));
    }

    /** The RV64 word form: {@code rd = sext32(op(rs1, rs2))}; op need only get the low 32 bits right. */
    public static void aluRegW(TranslationContext c, int rd, int rs1, int rs2, BinaryOp op) {
        c.setX(rd, c.b.sext32(op.apply(c.b, c.x(rs1), c.x(rs2))));
    }

    /** The RV64 word form with an immediate: {@code rd = sext32(op(rs1, imm))}. */
    public static void aluImmW(TranslationContext c, int rd, int rs1, long imm, BinaryOp op) {
        c.setX(rd, c.b.sext32(op.apply(c.b, c.x(rs1), c.constant(imm))));
    }

    /** {@code rd = op(rs1)}. */
    public static void unary(TranslationContext c, int rd, int rs1, UnaryOp op) {
        c.setX(rd, op.apply(c.b, c.x(rs1)));
    }

    public static void setConstant(TranslationContext c, int rd, long value) {
        c.setX(rd, c.constant(value));
    }

    public static void move(TranslationContext c, int rd, int rs) {
        c.setX(rd, c.x(rs));
    }

    // ---- 32-bit shifts for the W forms: the amount is 5 bits, the result right in its low word

    public static int shl32(IrBuilder b, int x, int n) {
        return b.shl(x, b.and(n, b.constant(31)));
    }

    public static int shr32(IrBuilder b, int x, int n) {
        return b.shr(b.zext32(x), b.and(n, b.constant(31)));
    }

    public static int sar32(IrBuilder b, int x, int n) {
        return b.sar(b.sext32(x), b.and(n, b.constant(31)));
    }

    // ---- memory

    /** The effective address {@code x[base] + offset}. */
    public static int address(TranslationContext c, int base, long offset) {
        int a = c.x(base);
        return offset == 0 ? a : c.b.add(a, c.constant(offset));
    }

    /** {@code rd = load(x[base] + offset)}, size bytes, sign- or zero-extended. */
    public static void load(TranslationContext c, int rd, int base, long offset, int size, boolean signed) {
        // The load happens even when rd is x0: it can fault.
        c.setX(rd, c.b.load(address(c, base, offset), size, signed));
    }

    /** Stores the low size bytes of x[src] at {@code x[base] + offset}. */
    public static void store(TranslationContext c, int src, int base, long offset, int size) {
        c.b.store(address(c, base, offset), c.x(src), size);
    }

    /** flw/fld: a single is NaN-boxed (upper 32 bits all ones), as F on a D machine requires. */
    public static void loadFloat(TranslationContext c, int frd, int base, long offset, int size) {
        int value = c.b.load(address(c, base, offset), size, false);
        c.setF(frd, size == 8 ? value : c.b.or(value, c.constant(0xffff_ffff_0000_0000L)));
    }

    /** fsw/fsd: the low size bytes of the raw register, whatever its boxing. */
    public static void storeFloat(TranslationContext c, int fsrc, int base, long offset, int size) {
        c.b.store(address(c, base, offset), c.f(fsrc), size);
    }

    // ---- control flow; each ends the block

    /** Leaves for pc + offset when {@code x[rs1] cond x[rs2]}, else for the next instruction. */
    public static void branch(TranslationContext c, Cond cond, int rs1, int rs2, long offset) {
        c.b.exitIf(cond, c.x(rs1), c.x(rs2), c.pc + offset);
        c.b.gotoPc(c.nextPc());
    }

    /** jal: link, then jump to pc + offset. */
    public static void jump(TranslationContext c, int rd, long offset) {
        c.setX(rd, c.constant(c.nextPc()));
        c.b.gotoPc(c.pc + offset);
    }

    /** jalr: the target is computed before rd is written, since rd may be rs1. */
    public static void jumpRegister(TranslationContext c, int rd, int rs1, long offset) {
        int target = c.b.and(address(c, rs1, offset), c.constant(~1L));
        c.setX(rd, c.constant(c.nextPc()));
        c.b.gotoIndirect(target);
    }
}
