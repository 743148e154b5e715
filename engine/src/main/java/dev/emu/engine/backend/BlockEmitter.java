package dev.emu.engine.backend;

import dev.emu.engine.exec.CompiledBlock;
import dev.emu.engine.ir.IrOp;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;

import static org.objectweb.asm.Opcodes.*;

/**
 * Writes the bytecode of one block's body into a method whose parameter {@code cpu} is the
 * Vcpu, following {@link CompiledBlock}'s contract: the method's frame (entry, exits, fault
 * handling, the register cache) and where each value lives. {@link OpEmitter} writes the ops.
 *
 * <p>Register caching: every slot the block touches lives in a long local, loaded from
 * {@code cpu.regs} at entry and stored back by the two shared tails, one for exits (store,
 * return the exit number) and one for faults (store, rethrow). Both store every slot the block
 * writes: a slot not yet written on the way there still holds its entry value, so storing it is
 * harmless, and one tail per kind keeps the code small. Around a helper that reads or writes
 * registers the locals changed since the last sync are stored first, and after one that writes
 * them all are reloaded.
 *
 * <p>Faults: each guest instruction that loads, stores or calls a helper is covered by an
 * exception range whose handler sets {@code cpu.pc} to that instruction and jumps to the fault
 * tail, so the normal path pays nothing. A helper that writes registers gets an inner range of
 * its own whose handler stores nothing: the locals were synced before the call, and storing them
 * would undo what the helper wrote before it threw.
 */
final class BlockEmitter {
    private static final String VCPU = "dev/emu/engine/cpu/Vcpu";
    static final String MEMORY = "dev/emu/engine/mem/GuestMemory";
    static final String MEMORY_DESC = "L" + MEMORY + ";";

    private final MethodVisitor mv;
    private final OpEmitter ops;
    private final BlockAnalysis a;
    private final int cpu;
    private final int mem;
    private final int regs;
    /** By slot: its local, or -1. */
    private final int[] slotLocal;
    /** By temp: its own local, or -1 (constants, slot aliases, not yet defined). */
    private final int[] tempLocal;
    private final Deque<Integer> freeLocals = new ArrayDeque<>();
    private int nextLocal;
    /** Slots set since the locals were last stored to cpu.regs. */
    private final BitSet dirty = new BitSet();
    private final Label exitTail = new Label();
    private final Label faultTail = new Label();
    private int directExits;

    /** Per guest instruction: its range's labels (start, end, handler), or null. */
    private final Label[][] insnRange;
    /** Per op: the inner range of a helper that writes registers, or null. */
    private final Label[][] callRange;

    BlockEmitter(MethodVisitor mv, BlockAnalysis analysis, int cpuLocal) {
        this.mv = mv;
        this.a = analysis;
        this.ops = new OpEmitter(this, mv, analysis);
        this.cpu = cpuLocal;
        this.mem = cpuLocal + 1;
        this.regs = cpuLocal + 2;
        int maxSlot = a.cachedSlots.length == 0 ? 0 : a.cachedSlots[a.cachedSlots.length - 1];
        this.slotLocal = new int[maxSlot + 1];
        Arrays.fill(slotLocal, -1);
        nextLocal = cpuLocal + 3;
        for (int slot : a.cachedSlots) {
            slotLocal[slot] = nextLocal;
            nextLocal += 2;
        }
        this.tempLocal = new int[a.block.temps];
        Arrays.fill(tempLocal, -1);
        this.insnRange = new Label[a.insns.size()][];
        this.callRange = new Label[a.ops.size()][];
    }

    void emit() {
        declareExceptionRanges();
        emitEntry();
        for (int k = 0; k < a.insns.size(); k++) {
            BlockAnalysis.GuestInsn insn = a.insns.get(k);
            Label start = insnRange[k] != null ? insnRange[k][0] : new Label();
            mv.visitLabel(start);
            mv.visitLineNumber((int) (insn.pc() - a.block.startPc) & 0xffff, start);
            for (int i = insn.firstOp(); i < insn.endOp(); i++) {
                if (a.live[i]) {
                    ops.emit(i, a.ops.get(i));
                }
            }
            if (insnRange[k] != null) {
                mv.visitLabel(insnRange[k][1]);
            }
        }
        emitHandlers();
        emitTails();
    }

    // ------------------------------------------------------------------ frame: entry, tails, faults

    /**
     * Exception table order is match order: the inner ranges of register-writing helpers come
     * first. Declared before any label is placed, as ASM wants.
     */
    private void declareExceptionRanges() {
        for (int i = 0; i < a.ops.size(); i++) {
            if (BlockAnalysis.writesRegs(a.ops.get(i))) {
                callRange[i] = new Label[] {new Label(), new Label(), new Label()};
                mv.visitTryCatchBlock(callRange[i][0], callRange[i][1], callRange[i][2], null);
            }
        }
        for (int k = 0; k < a.insns.size(); k++) {
            if (a.insns.get(k).mayThrow()) {
                insnRange[k] = new Label[] {new Label(), new Label(), new Label()};
                mv.visitTryCatchBlock(insnRange[k][0], insnRange[k][1], insnRange[k][2], null);
            }
        }
    }

    private void emitEntry() {
        mv.visitVarInsn(ALOAD, cpu);
        mv.visitFieldInsn(GETFIELD, VCPU, "memory", MEMORY_DESC);
        mv.visitVarInsn(ASTORE, mem);
        mv.visitVarInsn(ALOAD, cpu);
        mv.visitFieldInsn(GETFIELD, VCPU, "regs", "[J");
        mv.visitVarInsn(ASTORE, regs);
        reloadSlots();
    }

    private void reloadSlots() {
        for (int slot : a.cachedSlots) {
            mv.visitVarInsn(ALOAD, regs);
            pushInt(slot);
            mv.visitInsn(LALOAD);
            mv.visitVarInsn(LSTORE, slotLocal[slot]);
        }
    }

    private void storeSlot(int slot) {
        mv.visitVarInsn(ALOAD, regs);
        pushInt(slot);
        mv.visitVarInsn(LLOAD, slotLocal[slot]);
        mv.visitInsn(LASTORE);
    }

    private void emitHandlers() {
        for (int i = 0; i < callRange.length; i++) {
            if (callRange[i] != null) {
                mv.visitLabel(callRange[i][2]);
                setPc(insnOf(i).pc());
                mv.visitInsn(ATHROW);
            }
        }
        for (int k = 0; k < insnRange.length; k++) {
            if (insnRange[k] != null) {
                mv.visitLabel(insnRange[k][2]);
                setPc(a.insns.get(k).pc());
                mv.visitJumpInsn(GOTO, faultTail);
            }
        }
    }

    private BlockAnalysis.GuestInsn insnOf(int op) {
        for (BlockAnalysis.GuestInsn insn : a.insns) {
            if (op < insn.endOp()) {
                return insn;
            }
        }
        throw new IllegalStateException("op " + op + " outside the block");
    }

    /** The shared tails: store the written slots, then return the exit number / rethrow. */
    private void emitTails() {
        mv.visitLabel(exitTail);
        for (int slot : a.writtenSlots) {
            storeSlot(slot);
        }
        mv.visitInsn(IRETURN);
        if (Arrays.stream(insnRange).anyMatch(r -> r != null)) {
            mv.visitLabel(faultTail);
            for (int slot : a.writtenSlots) {
                storeSlot(slot);
            }
            mv.visitInsn(ATHROW);
        }
    }

    private void setPc(long pc) {
        mv.visitVarInsn(ALOAD, cpu);
        mv.visitLdcInsn(pc);
        mv.visitFieldInsn(PUTFIELD, VCPU, "pc", "J");
    }

    // ------------------------------------------------------------------ what op generators use

    void loadVcpu() {
        mv.visitVarInsn(ALOAD, cpu);
    }

    void loadMemory() {
        mv.visitVarInsn(ALOAD, mem);
    }

    /** Pushes a register slot's current value. */
    void loadSlot(int slot) {
        mv.visitVarInsn(LLOAD, slotLocal[slot]);
    }

    /** Pops a value into a register slot. */
    void storeSlotLocal(int slot) {
        mv.visitVarInsn(LSTORE, slotLocal[slot]);
        dirty.set(slot);
    }

    /** Before a helper call: a helper that reads or writes registers must find them current in cpu.regs. */
    void beforeCall(IrOp op) {
        if (BlockAnalysis.touchesRegs(op)) {
            dirty.stream().forEach(this::storeSlot);
            dirty.clear();
        }
    }

    /** Brackets the call instruction of a helper that writes registers with its own exception range. */
    void callRangeStart(int index) {
        if (callRange[index] != null) {
            mv.visitLabel(callRange[index][0]);
        }
    }

    void callRangeEnd(int index) {
        if (callRange[index] != null) {
            mv.visitLabel(callRange[index][1]);
        }
    }

    /** After a helper call (its result stored): reload the slots a register-writing helper may have changed. */
    void afterCall(IrOp op) {
        if (op.helper.writesRegs()) {
            reloadSlots();
        }
    }

    /** Leaves the block through the next direct exit: cpu.pc = pc, the exit tail returns its number. */
    void leaveDirect(long pc) {
        leave(pc, directExits++);
    }

    /** Leaves the block: cpu.pc = pc, then the exit tail returns {@code exit}. */
    void leave(long pc, int exit) {
        setPc(pc);
        pushInt(exit);
        mv.visitJumpInsn(GOTO, exitTail);
    }

    /** Leaves the block for the address in {@code temp}: a computed jump. */
    void leaveIndirect(int temp) {
        mv.visitVarInsn(ALOAD, cpu);
        push(temp);
        mv.visitFieldInsn(PUTFIELD, VCPU, "pc", "J");
        pushInt(CompiledBlock.INDIRECT);
        mv.visitJumpInsn(GOTO, exitTail);
    }

    // ------------------------------------------------------------------ values

    /** Pushes a temp's value, from wherever it lives. */
    void push(int temp) {
        if (a.onStack[temp]) {
            return; // its producer left it there
        }
        if (a.isConst[temp]) {
            pushLong(a.constValue[temp]);
        } else if (a.slotAlias[temp] >= 0) {
            mv.visitVarInsn(LLOAD, slotLocal[a.slotAlias[temp]]);
        } else if (tempLocal[temp] >= 0) {
            mv.visitVarInsn(LLOAD, tempLocal[temp]);
        } else {
            throw new IllegalArgumentException("block at 0x" + Long.toHexString(a.block.startPc) + ": t" + temp + " used before it is defined");
        }
    }

    /** Stores the value on the stack into op's result temp (dropping it if nothing reads it). */
    void define(int index, IrOp op) {
        release(index, op);
        if (a.onStack[op.dst]) {
            return;
        }
        if (a.lastUse[op.dst] < 0) {
            mv.visitInsn(POP2);
            return;
        }
        Integer free = freeLocals.poll();
        int local = free != null ? free : allocate();
        tempLocal[op.dst] = local;
        mv.visitVarInsn(LSTORE, local);
    }

    private int allocate() {
        int local = nextLocal;
        nextLocal += 2;
        return local;
    }

    /** Returns the locals of op's inputs that nothing reads after it: call once op has read them. */
    void release(int index, IrOp op) {
        for (int arg : op.args) {
            if (a.lastUse[arg] == index && tempLocal[arg] >= 0) {
                freeLocals.push(tempLocal[arg]);
                tempLocal[arg] = -1;
            }
        }
    }

    void pushLong(long v) {
        if (v == 0 || v == 1) {
            mv.visitInsn(LCONST_0 + (int) v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    void pushInt(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v == (byte) v) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v == (short) v) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }
}
