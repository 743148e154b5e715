package dev.emu.engine.ir;

/**
 * One IR operation. Values are numbered temps, each defined exactly once in a block (SSA within
 * the block), so passes can forward and fold without tracking redefinitions.
 */
public final class IrOp {
    public Opcode op;
    /** The temp this op defines, or -1. */
    public int dst;
    /** Input temps. */
    public int[] args;
    /** CONST's value; the guest address of INSN_START, EXIT_IF, GOTO and EXIT; a scoreboard op's slot. */
    public long imm;
    /**
     * GET/SET slot, LOAD/STORE size and sign, SETCC/EXIT_IF/CALL_IF condition ordinal, EXIT reason
     * ordinal, insn length, a scoreboard op's scoreboard.
     */
    public int aux;
    /** CALL's and CALL_IF's helper. */
    public Helper helper;

    public IrOp(Opcode op, int dst, int[] args, long imm, int aux, Helper helper) {
        this.op = op;
        this.dst = dst;
        this.args = args;
        this.imm = imm;
        this.aux = aux;
        this.helper = helper;
    }

    public Cond cond() {
        return Cond.values()[aux];
    }

    /** Turns this op into {@code dst = CONST value} in place. */
    public void becomeConst(long value) {
        op = Opcode.CONST;
        args = NO_ARGS;
        imm = value;
        aux = 0;
        helper = null;
    }

    static final int[] NO_ARGS = new int[0];
}
