package dev.emu.isa.riscv.translate;

import dev.emu.engine.ir.IrBuilder;
import dev.emu.isa.riscv.decode.Fields;

/**
 * What a translator sees of the instruction it translates: the IR builder, the instruction's
 * address and length, and register access that knows RISC-V's layout of the vCPU's slots
 * (x0-x31 in slots 0-31, f0-f31 as raw bits in slots 32-63). x0 reads as the constant zero and
 * writes to it vanish, so translators never special-case it.
 */
public final class TranslationContext {
    /** The vCPU slot of f0. */
    public static final int FPR_BASE = 32;
    /** Register slots a RISC-V vCPU needs: 32 integer and 32 floating-point registers. */
    public static final int SLOTS = 64;

    public final IrBuilder b;
    public final long pc;
    /** The instruction's length in bytes: 2 (compressed) or 4. */
    public final int length;

    public TranslationContext(IrBuilder b, long pc, int length) {
        this.b = b;
        this.pc = pc;
        this.length = length;
    }

    /** The address of the next instruction in sequence. */
    public long nextPc() {
        return pc + length;
    }

    public int constant(long value) {
        return b.constant(value);
    }

    // ---- integer registers by number

    public int x(int reg) {
        return reg == 0 ? b.constant(0) : b.get(reg);
    }

    public void setX(int reg, int value) {
        if (reg != 0) {
            b.set(reg, value);
        }
    }

    // ---- floating-point registers by number (raw 64-bit patterns)

    public int f(int reg) {
        return b.get(FPR_BASE + reg);
    }

    public void setF(int reg, int value) {
        b.set(FPR_BASE + reg, value);
    }

    // ---- the 32-bit formats' register fields

    public int rs1(int word) {
        return x(Fields.rs1(word));
    }

    public int rs2(int word) {
        return x(Fields.rs2(word));
    }

    public void setRd(int word, int value) {
        setX(Fields.rd(word), value);
    }

    public int frs1(int word) {
        return f(Fields.rs1(word));
    }

    public int frs2(int word) {
        return f(Fields.rs2(word));
    }

    public int frs3(int word) {
        return f(Fields.rs3(word));
    }

    public void setFrd(int word, int value) {
        setF(Fields.rd(word), value);
    }
}
