package dev.emu.engine.backend;

import dev.emu.engine.exec.CompiledBlock;
import dev.emu.engine.ir.IrOp;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 *
 * <p>Regions: given several blocks, the first is the entry and the method holds them all. A
 * direct exit whose target starts a block of the region becomes a JVM jump to that block's
 * code, so guest loops become JVM loops and the register locals live across the whole region;
 * every other direct exit is a region exit, numbered by target (the run loop links them like a
 * block's exits). A region counts the guest instructions it completes in an int local and adds
 * them to {@code cpu.instret} when it leaves and before any helper that takes the vCPU (which
 * may read instret), so the run loop adds nothing for a region.
 */
final class BlockEmitter {
    private static final String VCPU = "dev/emu/engine/cpu/Vcpu";
    static final String MEMORY = "dev/emu/engine/mem/GuestMemory";
    static final String MEMORY_DESC = "L" + MEMORY + ";";

    private final MethodVisitor mv;
    private final List<BlockAnalysis> blocks;
    /** Several blocks: in-region jumps, region exit numbers, the instruction counter. */
    private final boolean region;
    private final int cpu;
    private final int mem;
    private final int regs;
    /** The region's instruction counter (int local), or -1 for a single block. */
    private final int count;
    /** Slots read or written by any block, and slots written by any block, ascending. */
    private final int[] cachedSlots;
    private final int[] writtenSlots;
    /** By slot: its local, or -1. */
    private final int[] slotLocal;
    private final int tempBase;
    private final TempLocals temps;
    /** Inline loads and stores with their page cache, or null (no memory ops, or disabled). */
    private final MemoryEmitter memory;
    private final Label[] blockStart;
    /** The blocks a computed jump compares its target with before it leaves the region. */
    private final int[] returnSites;
    private final Map<Long, Integer> blockByPc = new HashMap<>();
    private final Map<Long, Integer> regionExitByPc = new HashMap<>();
    private int regionExits;
    /** Slots set since the locals were last stored to cpu.regs. */
    private final BitSet dirty = new BitSet();
    private final Label exitTail = new Label();
    private final Label faultTail = new Label();
    private final Label end = new Label();
    private boolean anyFaultRange;
    /** Pushes the block index a region starts at (an int), or null: the first block. */
    private Runnable entrySelector;

    /** Per block, per guest instruction: its range's labels (start, end, handler), or null. */
    private final Label[][][] insnRanges;
    /** Per block, per op: the inner range of a helper that writes registers, or null. */
    private final Label[][][] callRanges;

    // The block being written.
    private BlockAnalysis a;
    private OpEmitter ops;
    private int directExits;
    private int current;
    /** By op: guest instructions started up to and including it. */
    private int[] insnsThrough;

    BlockEmitter(MethodVisitor mv, BlockAnalysis analysis, int cpuLocal) {
        this(mv, List.of(analysis), false, cpuLocal);
    }

    /** {@code region}: the blocks form a region (even one block, which may loop on itself). */
    BlockEmitter(MethodVisitor mv, List<BlockAnalysis> blocks, boolean region, int cpuLocal) {
        this.mv = mv;
        this.blocks = blocks;
        this.region = region;
        this.cpu = cpuLocal;
        this.mem = cpuLocal + 1;
        this.regs = cpuLocal + 2;
        BitSet cached = new BitSet();
        BitSet written = new BitSet();
        for (BlockAnalysis b : blocks) {
            for (int slot : b.cachedSlots) {
                cached.set(slot);
            }
            for (int slot : b.writtenSlots) {
                written.set(slot);
            }
        }
        this.cachedSlots = cached.stream().toArray();
        this.writtenSlots = written.stream().toArray();
        int maxSlot = cachedSlots.length == 0 ? 0 : cachedSlots[cachedSlots.length - 1];
        this.slotLocal = new int[maxSlot + 1];
        Arrays.fill(slotLocal, -1);
        int local = cpuLocal + 3;
        for (int slot : cachedSlots) {
            slotLocal[slot] = local;
            local += 2;
        }
        this.count = region ? local++ : -1;
        boolean accessesMemory = blocks.stream().anyMatch(b -> b.ops.stream()
                .anyMatch(op -> op.op == dev.emu.engine.ir.Opcode.LOAD || op.op == dev.emu.engine.ir.Opcode.STORE));
        // The page cache pays off where its entries are used again: in loops. Code that runs
        // through once per call would miss on every page and pay the fill on top of the lookup.
        this.memory = MemoryEmitter.ENABLED && accessesMemory && region && RegionShape.loops(blocks)
                ? new MemoryEmitter(mv, mem, local) : null;
        if (memory != null) {
            local += MemoryEmitter.LOCALS;
        }
        this.tempBase = local;
        this.temps = new TempLocals(mv, tempBase, slotLocal);
        this.returnSites = region ? RegionShape.returnSites(blocks) : new int[0];
        this.blockStart = new Label[blocks.size()];
        this.insnRanges = new Label[blocks.size()][][];
        this.callRanges = new Label[blocks.size()][][];
        for (int j = 0; j < blocks.size(); j++) {
            blockStart[j] = new Label();
            blockByPc.putIfAbsent(blocks.get(j).block.startPc, j);
            insnRanges[j] = new Label[blocks.get(j).insns.size()][];
            callRanges[j] = new Label[blocks.get(j).ops.size()][];
        }
    }

    /**
     * A region whose method can start at any of its blocks: {@code selector} pushes the index of
     * the block to start at, and the entry code (register loads) is followed by a switch on it.
     */
    void setEntrySelector(Runnable selector) {
        this.entrySelector = selector;
    }

    /** Writes the method body; returns the number of direct exits (a region's exits leave it). */
    int emit() {
        declareExceptionRanges();
        emitEntry();
        if (entrySelector != null && blocks.size() > 1) {
            entrySelector.run();
            mv.visitTableSwitchInsn(0, blocks.size() - 1, blockStart[0], blockStart);
        }
        for (int j = 0; j < blocks.size(); j++) {
            begin(j);
            mv.visitLabel(blockStart[j]);
            if (region) {
                // Reached from several places: any written slot may differ from cpu.regs.
                for (int slot : writtenSlots) {
                    dirty.set(slot);
                }
            }
            for (int k = 0; k < a.insns.size(); k++) {
                BlockAnalysis.GuestInsn insn = a.insns.get(k);
                Label[] range = insnRanges[j][k];
                Label start = range != null ? range[0] : new Label();
                mv.visitLabel(start);
                mv.visitLineNumber((int) (insn.pc() - blocks.get(0).block.startPc) & 0xffff, start);
                for (int i = insn.firstOp(); i < insn.endOp(); i++) {
                    if (a.live[i]) {
                        ops.emit(i, a.ops.get(i));
                    }
                }
                if (range != null) {
                    mv.visitLabel(range[1]);
                }
            }
        }
        for (int j = 0; j < blocks.size(); j++) {
            begin(j);
            emitHandlers(j);
        }
        emitTails();
        mv.visitLabel(end);
        return region ? regionExits : directExits;
    }

    /** The method's bytecode size, once the class is written. */
    int codeBytes() {
        return end.getOffset();
    }

    private void begin(int j) {
        current = j;
        a = blocks.get(j);
        ops = new OpEmitter(this, mv, a);
        temps.begin(a);
        directExits = 0;
        insnsThrough = new int[a.ops.size()];
        int insns = 0;
        for (int i = 0; i < a.ops.size(); i++) {
            if (a.ops.get(i).op == dev.emu.engine.ir.Opcode.INSN_START) {
                insns++;
            }
            insnsThrough[i] = insns;
        }
    }

    // ------------------------------------------------------------------ frame: entry, tails, faults

    /**
     * Exception table order is match order: the inner ranges of register-writing helpers come
     * first. Declared before any label is placed, as ASM wants.
     */
    private void declareExceptionRanges() {
        for (int j = 0; j < blocks.size(); j++) {
            BlockAnalysis b = blocks.get(j);
            for (int i = 0; i < b.ops.size(); i++) {
                if (BlockAnalysis.writesRegs(b.ops.get(i))) {
                    callRanges[j][i] = new Label[] {new Label(), new Label(), new Label()};
                    mv.visitTryCatchBlock(callRanges[j][i][0], callRanges[j][i][1], callRanges[j][i][2], null);
                }
            }
        }
        for (int j = 0; j < blocks.size(); j++) {
            BlockAnalysis b = blocks.get(j);
            for (int k = 0; k < b.insns.size(); k++) {
                if (b.insns.get(k).mayThrow()) {
                    insnRanges[j][k] = new Label[] {new Label(), new Label(), new Label()};
                    mv.visitTryCatchBlock(insnRanges[j][k][0], insnRanges[j][k][1], insnRanges[j][k][2], null);
                    anyFaultRange = true;
                }
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
        if (region) {
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, count);
        }
        if (memory != null) {
            memory.emitEntry();
        }
    }

    private void reloadSlots() {
        for (int slot : cachedSlots) {
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

    private void emitHandlers(int j) {
        for (int i = 0; i < callRanges[j].length; i++) {
            if (callRanges[j][i] != null) {
                mv.visitLabel(callRanges[j][i][2]);
                setPc(insnOf(i).pc());
                mv.visitInsn(ATHROW);
            }
        }
        for (int k = 0; k < insnRanges[j].length; k++) {
            if (insnRanges[j][k] != null) {
                mv.visitLabel(insnRanges[j][k][2]);
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
        for (int slot : writtenSlots) {
            storeSlot(slot);
        }
        flushCount();
        mv.visitInsn(IRETURN);
        if (anyFaultRange) {
            mv.visitLabel(faultTail);
            for (int slot : writtenSlots) {
                storeSlot(slot);
            }
            flushCount();
            mv.visitInsn(ATHROW);
        }
    }

    /** A region adds the instructions it counted to cpu.instret and restarts its count. */
    private void flushCount() {
        if (!region) {
            return;
        }
        mv.visitVarInsn(ALOAD, cpu);
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, VCPU, "instret", "J");
        mv.visitVarInsn(ILOAD, count);
        mv.visitInsn(I2L);
        mv.visitInsn(LADD);
        mv.visitFieldInsn(PUTFIELD, VCPU, "instret", "J");
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, count);
    }

    private void countInsns(int insns) {
        if (region && insns != 0) {
            mv.visitIincInsn(count, insns);
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

    /** Pushes the running vCPU's row of scoreboard {@code board}: {@code cpu.scoreboards[board]}. */
    void loadScoreboardRow(int board) {
        mv.visitVarInsn(ALOAD, cpu);
        mv.visitFieldInsn(GETFIELD, VCPU, "scoreboards", "[[J");
        pushInt(board);
        mv.visitInsn(AALOAD);
    }

    void loadMemory() {
        mv.visitVarInsn(ALOAD, mem);
    }

    /** The inline memory access writer, or null when loads and stores call GuestMemory. */
    MemoryEmitter memory() {
        return memory;
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

    /**
     * Before a helper call: a helper that reads or writes registers must find them current in
     * cpu.regs, and one that takes the vCPU may read instret.
     */
    void beforeCall(IrOp op) {
        if (BlockAnalysis.touchesRegs(op)) {
            dirty.stream().forEach(this::storeSlot);
            dirty.clear();
        }
        if (op.helper.takesVcpu()) {
            flushCount();
        }
    }

    /** Brackets the call instruction of a helper that writes registers with its own exception range. */
    void callRangeStart(int index) {
        Label[] range = callRanges[current][index];
        if (range != null) {
            mv.visitLabel(range[0]);
        }
    }

    void callRangeEnd(int index) {
        Label[] range = callRanges[current][index];
        if (range != null) {
            mv.visitLabel(range[1]);
        }
    }

    /** After a helper call (its result stored): reload the slots a register-writing helper may have changed. */
    void afterCall(IrOp op) {
        if (op.helper.writesRegs()) {
            reloadSlots();
        }
    }

    /**
     * Takes the direct exit at op {@code index} to {@code pc}: a jump when a block of the region
     * starts there, else leaving through the next exit number (the region's for that target).
     */
    void leaveDirect(int index, long pc) {
        int exit = directExits++;
        if (!region) {
            leave(pc, exit);
            return;
        }
        countInsns(insnsThrough[index]);
        Integer target = blockByPc.get(pc);
        if (target != null) {
            jumpInside(target, pc);
            return;
        }
        leaveRegion(pc);
    }

    private void leaveRegion(long pc) {
        setPc(pc);
        pushInt(regionExitByPc.computeIfAbsent(pc, k -> regionExits++));
        mv.visitJumpInsn(GOTO, exitTail);
    }

    /**
     * A jump to a block of the region. Every loop inside the region has a jump back to a block
     * at or before the current one; there the vCPU's interrupt flag is read (one load), and when
     * something wants the vCPU (a signal, another thread's exit_group) the region is left so the
     * run loop sees it: a guest spin loop must not keep a vCPU from its signals.
     */
    private void jumpInside(int target, long pc) {
        if (target > current) {
            mv.visitJumpInsn(GOTO, blockStart[target]);
            return;
        }
        mv.visitVarInsn(ALOAD, cpu);
        mv.visitMethodInsn(INVOKEVIRTUAL, VCPU, "interruptRequested", "()Z", false);
        mv.visitJumpInsn(IFEQ, blockStart[target]);
        leaveRegion(pc);
    }

    /** Leaves the block: cpu.pc = pc, then the exit tail returns {@code exit}. */
    void leave(long pc, int exit) {
        if (exit < 0) {
            countInsns(a.block.guestInsns);
        }
        setPc(pc);
        pushInt(exit);
        mv.visitJumpInsn(GOTO, exitTail);
    }

    /**
     * Leaves the block for the address in {@code temp}: a computed jump. In a region it first
     * tries the region's return sites (blocks that start right after a block ending in a direct
     * jump, the usual shape of a call), so a call and its return can both stay inside.
     */
    void leaveIndirect(int temp) {
        countInsns(a.block.guestInsns);
        for (int j : returnSites) {
            Label other = new Label();
            push(temp);
            mv.visitLdcInsn(blocks.get(j).block.startPc);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFNE, other);
            jumpInside(j, blocks.get(j).block.startPc);
            mv.visitLabel(other);
        }
        mv.visitVarInsn(ALOAD, cpu);
        push(temp);
        mv.visitFieldInsn(PUTFIELD, VCPU, "pc", "J");
        pushInt(CompiledBlock.INDIRECT);
        mv.visitJumpInsn(GOTO, exitTail);
    }

    // ------------------------------------------------------------------ values (see TempLocals)

    /** Pushes a temp's value, from wherever it lives. */
    void push(int temp) {
        temps.push(temp);
    }

    /** Stores the value on the stack into op's result temp (dropping it if nothing reads it). */
    void define(int index, IrOp op) {
        temps.define(index, op);
    }

    /** Returns the locals of op's inputs that nothing reads after it: call once op has read them. */
    void release(int index, IrOp op) {
        temps.release(index, op);
    }

    void pushLong(long v) {
        TempLocals.pushLong(mv, v);
    }

    void pushInt(int v) {
        TempLocals.pushInt(mv, v);
    }
}
