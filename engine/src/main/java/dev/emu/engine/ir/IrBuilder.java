package dev.emu.engine.ir;

/**
 * What a frontend uses to describe guest instructions as IR. Each value-producing method returns
 * the new temp. Register slot 0 is not special here: an ISA with a hard-wired zero register
 * (RISC-V x0) asks for {@code constant(0)} instead of reading it, and drops writes to it.
 */
public final class IrBuilder {
    private final IrBlock block;
    private boolean ended;

    public IrBuilder(IrBlock block) {
        this.block = block;
    }

    public IrBlock block() {
        return block;
    }

    /** True once an op that leaves the block has been emitted. */
    public boolean ended() {
        return ended;
    }

    private int emit(Opcode op, long imm, int aux, Helper helper, int... args) {
        int dst = op.hasResult() && (helper == null || helper.hasResult()) ? block.temps++ : -1;
        block.ops.add(new IrOp(op, dst, args, imm, aux, helper));
        if (op.is(Opcode.ENDS_BLOCK)) {
            ended = true;
        }
        return dst;
    }

    public void insnStart(long pc, int length) { emit(Opcode.INSN_START, pc, length, null); }

    public int constant(long value) { return emit(Opcode.CONST, value, 0, null); }
    public int get(int slot) { return emit(Opcode.GET, 0, slot, null); }
    public void set(int slot, int value) { emit(Opcode.SET, 0, slot, null, value); }

    public int add(int a, int b) { return emit(Opcode.ADD, 0, 0, null, a, b); }
    public int sub(int a, int b) { return emit(Opcode.SUB, 0, 0, null, a, b); }
    public int mul(int a, int b) { return emit(Opcode.MUL, 0, 0, null, a, b); }
    public int mulh(int a, int b) { return emit(Opcode.MULH, 0, 0, null, a, b); }
    public int mulhu(int a, int b) { return emit(Opcode.MULHU, 0, 0, null, a, b); }
    public int mulhsu(int a, int b) { return emit(Opcode.MULHSU, 0, 0, null, a, b); }
    public int div(int a, int b) { return emit(Opcode.DIV, 0, 0, null, a, b); }
    public int divu(int a, int b) { return emit(Opcode.DIVU, 0, 0, null, a, b); }
    public int rem(int a, int b) { return emit(Opcode.REM, 0, 0, null, a, b); }
    public int remu(int a, int b) { return emit(Opcode.REMU, 0, 0, null, a, b); }
    public int and(int a, int b) { return emit(Opcode.AND, 0, 0, null, a, b); }
    public int or(int a, int b) { return emit(Opcode.OR, 0, 0, null, a, b); }
    public int xor(int a, int b) { return emit(Opcode.XOR, 0, 0, null, a, b); }
    public int shl(int a, int b) { return emit(Opcode.SHL, 0, 0, null, a, b); }
    public int shr(int a, int b) { return emit(Opcode.SHR, 0, 0, null, a, b); }
    public int sar(int a, int b) { return emit(Opcode.SAR, 0, 0, null, a, b); }
    public int sext8(int a) { return emit(Opcode.SEXT8, 0, 0, null, a); }
    public int sext16(int a) { return emit(Opcode.SEXT16, 0, 0, null, a); }
    public int sext32(int a) { return emit(Opcode.SEXT32, 0, 0, null, a); }
    public int zext8(int a) { return emit(Opcode.ZEXT8, 0, 0, null, a); }
    public int zext16(int a) { return emit(Opcode.ZEXT16, 0, 0, null, a); }
    public int zext32(int a) { return emit(Opcode.ZEXT32, 0, 0, null, a); }
    public int setcc(Cond c, int a, int b) { return emit(Opcode.SETCC, 0, c.ordinal(), null, a, b); }
    public int select(int cond, int ifTrue, int ifFalse) { return emit(Opcode.SELECT, 0, 0, null, cond, ifTrue, ifFalse); }

    /** Loads size (1, 2, 4, 8) bytes, sign- or zero-extended to 64 bits. */
    public int load(int addr, int size, boolean signed) {
        return emit(Opcode.LOAD, 0, size | (signed ? Opcode.SIGNED : 0), null, addr);
    }

    public void store(int addr, int value, int size) { emit(Opcode.STORE, 0, size, null, addr, value); }

    /** Calls a helper; returns its result temp, or -1 for a void helper. */
    public int call(Helper helper, int... args) {
        if (args.length != helper.arity()) {
            throw new IllegalArgumentException(helper + " takes " + helper.arity() + " arguments, not " + args.length);
        }
        return emit(Opcode.CALL, 0, 0, helper, args);
    }

    public void exitIf(Cond c, int a, int b, long targetPc) { emit(Opcode.EXIT_IF, targetPc, c.ordinal(), null, a, b); }
    public void gotoPc(long targetPc) { emit(Opcode.GOTO, targetPc, 0, null); }
    public void gotoIndirect(int target) { emit(Opcode.GOTO_INDIRECT, 0, 0, null, target); }
    public void exit(ExitReason reason, long pc) { emit(Opcode.EXIT, pc, reason.ordinal(), null); }
}
