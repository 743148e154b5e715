package dev.emu.engine.backend;

import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrOp;
import dev.emu.engine.ir.Opcode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Phase 1 of code generation: what a block touches, found before any bytecode is written.
 * <ul>
 *   <li>the register slots it reads and writes: each gets a JVM local for the whole block;</li>
 *   <li>where each temp is last used, so its local can be given to a later temp;</li>
 *   <li>which temps are constants (pushed where used, no local) and which GETs can simply name
 *       their slot's local because the slot keeps that value until the temp's last use;</li>
 *   <li>the guest instructions, and which of them contain code that can throw, so the
 *       exception ranges are known before their labels are placed.</li>
 * </ul>
 */
final class BlockAnalysis {
    final IrBlock block;
    /** The ops that run: up to and including the first op that ends the block. */
    final List<IrOp> ops;
    /** Slots read or written, ascending: each lives in a local loaded at entry. */
    final int[] cachedSlots;
    /** Slots written, ascending: stored back at exits and faults. */
    final int[] writtenSlots;
    /** By op: it has an effect or computes a value a live op reads (else no code is generated). */
    final boolean[] live;
    /** By temp: index of the live op that last reads it, or -1 when nothing reads it. */
    final int[] lastUse;
    /**
     * By temp: left on the operand stack instead of stored, because its one reader is the next op
     * and pushes it before anything else.
     */
    final boolean[] onStack;
    /** By temp: defined by CONST (its value is pushed at each use). */
    final boolean[] isConst;
    final long[] constValue;
    /** By temp: the slot whose local holds its value (a GET that needs no copy), or -1. */
    final int[] slotAlias;
    /**
     * By temp: the register slot it was computed from by adding constants (a GET of the slot,
     * plus offsets), or -1. Memory ops whose addresses share a base register share a page cache
     * entry (see MemoryEmitter): a loop walking an array through one register and its stack
     * through another keeps both pages cached.
     */
    final int[] baseSlot;
    final List<GuestInsn> insns = new ArrayList<>();

    /**
     * One guest instruction's ops, [firstOp, endOp). {@code mayThrow}: it loads, stores or calls
     * a helper, so its code is covered by an exception range that sets the vCPU's pc to it.
     */
    record GuestInsn(long pc, int firstOp, int endOp, boolean mayThrow) {}

    BlockAnalysis(IrBlock block) {
        this.block = block;
        this.ops = opsToEnd(block);
        int temps = block.temps;
        this.live = new boolean[ops.size()];
        this.lastUse = new int[temps];
        this.onStack = new boolean[temps];
        this.isConst = new boolean[temps];
        this.constValue = new long[temps];
        this.slotAlias = new int[temps];
        Arrays.fill(lastUse, -1);
        Arrays.fill(slotAlias, -1);
        BitSet read = new BitSet();
        BitSet written = new BitSet();
        int[] uses = new int[temps];
        for (int i = ops.size() - 1; i >= 0; i--) {
            IrOp op = ops.get(i);
            live[i] = !op.op.isRemovable() || op.dst >= 0 && uses[op.dst] > 0;
            if (!live[i]) {
                continue;
            }
            for (int arg : op.args) {
                if (lastUse[arg] < 0) {
                    lastUse[arg] = i;
                }
                uses[arg]++;
            }
            if (op.dst >= 0 && uses[op.dst] == 1 && i + 1 < ops.size() && live[i + 1] && pushesFirstInputFirst(ops.get(i + 1))
                    && ops.get(i + 1).args[0] == op.dst && op.op != Opcode.CONST && op.op != Opcode.GET) {
                onStack[op.dst] = true;
            }
            switch (op.op) {
                case CONST -> {
                    isConst[op.dst] = true;
                    constValue[op.dst] = op.imm;
                }
                case GET -> read.set(op.aux);
                case SET -> written.set(op.aux);
                default -> { }
            }
        }
        BitSet cached = (BitSet) read.clone();
        cached.or(written);
        this.cachedSlots = cached.stream().toArray();
        this.writtenSlots = written.stream().toArray();
        this.baseSlot = baseSlots(ops, temps, isConst);
        findSlotAliases();
        splitInstructions();
    }

    private static int[] baseSlots(List<IrOp> ops, int temps, boolean[] isConst) {
        int[] base = new int[temps];
        Arrays.fill(base, -1);
        for (IrOp op : ops) {
            if (op.op == Opcode.GET) {
                base[op.dst] = op.aux;
            } else if (op.op == Opcode.ADD && isConst[op.args[1]]) {
                base[op.dst] = base[op.args[0]];
            } else if (op.op == Opcode.ADD && isConst[op.args[0]]) {
                base[op.dst] = base[op.args[1]];
            }
        }
        return base;
    }

    private static List<IrOp> opsToEnd(IrBlock block) {
        for (int i = 0; i < block.ops.size(); i++) {
            if (block.ops.get(i).op.is(Opcode.ENDS_BLOCK)) {
                return block.ops.subList(0, i + 1);
            }
        }
        throw new IllegalArgumentException("block at 0x" + Long.toHexString(block.startPc) + " does not end with an exit");
    }

    /** Ops whose code pushes input 0 before anything else (the memory ops push the memory first). */
    private static boolean pushesFirstInputFirst(IrOp op) {
        return switch (op.op) {
            case SET, ADD, SUB, MUL, MULH, MULHU, MULHSU, DIV, DIVU, REM, REMU, AND, OR, XOR, SHL, SHR, SAR,
                 SEXT8, SEXT16, SEXT32, ZEXT8, ZEXT16, ZEXT32, SETCC, SELECT, EXIT_IF -> true;
            default -> false;
        };
    }

    /**
     * A GET's temp can be read straight from the slot's local when nothing changes that local
     * before the temp's last use: no SET of the slot and no helper that writes registers (after
     * which every slot local is reloaded) in between. The last use itself may be such an op: it
     * reads its inputs before it writes.
     */
    private void findSlotAliases() {
        for (int i = 0; i < ops.size(); i++) {
            IrOp op = ops.get(i);
            if (op.op != Opcode.GET || !live[i]) {
                continue;
            }
            boolean kept = true;
            for (int j = i + 1; j < lastUse[op.dst] && kept; j++) {
                IrOp later = ops.get(j);
                kept = !(later.op == Opcode.SET && later.aux == op.aux) && !writesRegs(later);
            }
            if (kept) {
                slotAlias[op.dst] = op.aux;
            }
        }
    }

    private void splitInstructions() {
        long pc = block.startPc;
        int first = 0;
        boolean mayThrow = false;
        for (int i = 0; i < ops.size(); i++) {
            IrOp op = ops.get(i);
            if (op.op == Opcode.INSN_START) {
                if (i > first) {
                    insns.add(new GuestInsn(pc, first, i, mayThrow));
                }
                pc = op.imm;
                first = i;
                mayThrow = false;
            }
            mayThrow |= mayThrow(op);
        }
        insns.add(new GuestInsn(pc, first, ops.size(), mayThrow));
    }

    /**
     * Loads, stores and helper calls: the only ops whose code can throw. Every helper call
     * counts, not only those marked mayFault, so even a helper's bug leaves the vCPU consistent.
     */
    static boolean mayThrow(IrOp op) {
        return op.op == Opcode.LOAD || op.op == Opcode.STORE || op.op.callsHelper();
    }

    static boolean writesRegs(IrOp op) {
        return op.op.callsHelper() && op.helper.writesRegs();
    }

    static boolean touchesRegs(IrOp op) {
        return op.op.callsHelper() && (op.helper.readsRegs() || op.helper.writesRegs());
    }
}
