package dev.emu.engine.backend;

import dev.emu.engine.ir.IrOp;
import org.objectweb.asm.MethodVisitor;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

import static org.objectweb.asm.Opcodes.*;

/**
 * Where the temps of the block being written live: a constant is pushed where it is used, a
 * temp its producer left on the operand stack is already there, a GET's temp may be read from
 * its slot's local (BlockAnalysis.slotAlias), and every other temp gets a long local of its own,
 * which goes back to a free list after the temp's last use. Reset for each block of a region.
 */
final class TempLocals {
    private final MethodVisitor mv;
    /** The first local temps may use; everything below belongs to the frame. */
    private final int base;
    /** By register slot: its local (owned by BlockEmitter). */
    private final int[] slotLocal;
    private BlockAnalysis a;
    /** By temp: its own local, or -1 (constants, slot aliases, not yet defined). */
    private int[] tempLocal;
    private final Deque<Integer> freeLocals = new ArrayDeque<>();
    private int nextLocal;

    TempLocals(MethodVisitor mv, int base, int[] slotLocal) {
        this.mv = mv;
        this.base = base;
        this.slotLocal = slotLocal;
    }

    /** Starts a block: no temp has a local yet. */
    void begin(BlockAnalysis analysis) {
        a = analysis;
        tempLocal = new int[analysis.block.temps];
        Arrays.fill(tempLocal, -1);
        freeLocals.clear();
        nextLocal = base;
    }

    /** Pushes a temp's value, from wherever it lives. */
    void push(int temp) {
        if (a.onStack[temp]) {
            return; // its producer left it there
        }
        if (a.isConst[temp]) {
            pushLong(mv, a.constValue[temp]);
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

    static void pushLong(MethodVisitor mv, long v) {
        if (v == 0 || v == 1) {
            mv.visitInsn(LCONST_0 + (int) v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    static void pushInt(MethodVisitor mv, int v) {
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
