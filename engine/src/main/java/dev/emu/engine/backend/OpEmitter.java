package dev.emu.engine.backend;

import dev.emu.engine.exec.CompiledBlock;
import dev.emu.engine.ir.Cond;
import dev.emu.engine.ir.Helper;
import dev.emu.engine.ir.IrOp;
import dev.emu.engine.ir.Opcode;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

import static dev.emu.engine.backend.BlockEmitter.MEMORY;
import static dev.emu.engine.backend.BlockEmitter.MEMORY_DESC;
import static org.objectweb.asm.Opcodes.*;

/**
 * One small generator per IR op: each pushes its inputs, computes, and hands its result to the
 * frame ({@link BlockEmitter}), which decides where values live. Arithmetic is inline except
 * what is more than one JVM instruction (the 128-bit products' high halves, the total division
 * and remainder), which calls the same {@code IrSemantics} methods the interpreter uses; memory
 * is written inline by {@link MemoryEmitter} (or, without Unsafe, calls GuestMemory's static fast
 * paths), helpers are INVOKESTATIC.
 */
final class OpEmitter {
    private static final String SEMANTICS = "dev/emu/engine/interp/IrSemantics";
    private static final String BINARY = "(JJ)J";

    private final BlockEmitter frame;
    private final MethodVisitor mv;
    private final BlockAnalysis a;

    OpEmitter(BlockEmitter frame, MethodVisitor mv, BlockAnalysis analysis) {
        this.frame = frame;
        this.mv = mv;
        this.a = analysis;
    }

    void emit(int i, IrOp op) {
        switch (op.op) {
            case INSN_START, CONST -> { } // the range labels track pcs; constants are pushed where used
            case GET -> get(i, op);
            case SET -> set(i, op);
            case ADD -> binary(i, op, LADD);
            case SUB -> binary(i, op, LSUB);
            case MUL -> binary(i, op, LMUL);
            case AND -> binary(i, op, LAND);
            case OR -> binary(i, op, LOR);
            case XOR -> binary(i, op, LXOR);
            case MULH -> binaryCall(i, op, "java/lang/Math", "multiplyHigh");
            case MULHU -> binaryCall(i, op, "java/lang/Math", "unsignedMultiplyHigh");
            case MULHSU -> binaryCall(i, op, SEMANTICS, "mulhsu");
            case DIV -> binaryCall(i, op, SEMANTICS, "div");
            case DIVU -> binaryCall(i, op, SEMANTICS, "divu");
            case REM -> binaryCall(i, op, SEMANTICS, "rem");
            case REMU -> binaryCall(i, op, SEMANTICS, "remu");
            case SHL -> shift(i, op, LSHL);
            case SHR -> shift(i, op, LUSHR);
            case SAR -> shift(i, op, LSHR);
            case SEXT8 -> signExtend(i, op, I2B);
            case SEXT16 -> signExtend(i, op, I2S);
            case SEXT32 -> signExtend(i, op, NOP);
            case ZEXT8 -> zeroExtend(i, op, 0xffL);
            case ZEXT16 -> zeroExtend(i, op, 0xffffL);
            case ZEXT32 -> zeroExtend(i, op, 0xffffffffL);
            case SETCC -> setcc(i, op);
            case SELECT -> select(i, op);
            case LOAD -> load(i, op);
            case STORE -> store(i, op);
            case CALL -> call(i, op);
            case CALL_IF -> callIf(i, op);
            case SCOREBOARD_ADD -> scoreboard(i, op, true);
            case SCOREBOARD_STORE -> scoreboard(i, op, false);
            case SCOREBOARD_GET -> scoreboardGet(i, op);
            case EXIT_IF -> exitIf(i, op);
            case GOTO -> frame.leaveDirect(i, op.imm);
            case GOTO_INDIRECT -> frame.leaveIndirect(op.args[0]);
            case EXIT -> frame.leave(op.imm, CompiledBlock.EXIT_BASE - op.aux);
        }
    }

    /** A GET that names its slot's local (see BlockAnalysis) needs no code. */
    private void get(int i, IrOp op) {
        if (a.slotAlias[op.dst] < 0) {
            frame.loadSlot(op.aux);
            define(i, op);
        }
    }

    private void set(int i, IrOp op) {
        push(op.args[0]);
        frame.storeSlotLocal(op.aux);
        release(i, op);
    }

    private void binary(int i, IrOp op, int opcode) {
        push(op.args[0]);
        push(op.args[1]);
        mv.visitInsn(opcode);
        define(i, op);
    }

    private void binaryCall(int i, IrOp op, String owner, String name) {
        push(op.args[0]);
        push(op.args[1]);
        mv.visitMethodInsn(INVOKESTATIC, owner, name, BINARY, false);
        define(i, op);
    }

    /** The JVM's long shifts take an int amount and use its low 6 bits, as the IR does. */
    private void shift(int i, IrOp op, int opcode) {
        push(op.args[0]);
        push(op.args[1]);
        mv.visitInsn(L2I);
        mv.visitInsn(opcode);
        define(i, op);
    }

    private void signExtend(int i, IrOp op, int narrow) {
        push(op.args[0]);
        signExtend(narrow);
        define(i, op);
    }

    private void signExtend(int narrow) {
        mv.visitInsn(L2I);
        if (narrow != NOP) {
            mv.visitInsn(narrow);
        }
        mv.visitInsn(I2L);
    }

    private void zeroExtend(int i, IrOp op, long mask) {
        push(op.args[0]);
        pushLong(mask);
        mv.visitInsn(LAND);
        define(i, op);
    }

    private void setcc(int i, IrOp op) {
        Label holds = new Label();
        Label done = new Label();
        jumpIf(op.cond(), op.args[0], op.args[1], holds);
        mv.visitInsn(LCONST_0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(holds);
        mv.visitInsn(LCONST_1);
        mv.visitLabel(done);
        define(i, op);
    }

    private void select(int i, IrOp op) {
        Label otherwise = new Label();
        Label done = new Label();
        push(op.args[0]);
        mv.visitInsn(LCONST_0);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFEQ, otherwise);
        push(op.args[1]);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(otherwise);
        push(op.args[2]);
        mv.visitLabel(done);
        define(i, op);
    }

    /** Compares two temps and jumps to target when cond holds. */
    private void jumpIf(Cond cond, int x, int y, Label target) {
        // Unsigned: flipping both sign bits maps unsigned order onto signed order (no call to
        // Long.compareUnsigned, which HotSpot does not always inline into a big region).
        boolean unsigned = cond == Cond.LTU || cond == Cond.GEU;
        push(x);
        if (unsigned) {
            pushLong(Long.MIN_VALUE);
            mv.visitInsn(LXOR);
        }
        push(y);
        if (unsigned) {
            pushLong(Long.MIN_VALUE);
            mv.visitInsn(LXOR);
        }
        mv.visitInsn(LCMP);
        int jump = switch (cond) {
            case EQ -> IFEQ;
            case NE -> IFNE;
            case LT, LTU -> IFLT;
            case GE, GEU -> IFGE;
        };
        mv.visitJumpInsn(jump, target);
    }

    private void load(int i, IrOp op) {
        int size = op.aux & 0xf;
        MemoryEmitter inline = frame.memory();
        if (inline != null) {
            push(op.args[0]);
            inline.load(size, (op.aux & Opcode.SIGNED) != 0, a.baseSlot[op.args[0]]);
            define(i, op);
            return;
        }
        frame.loadMemory();
        push(op.args[0]);
        mv.visitMethodInsn(INVOKESTATIC, MEMORY, "load" + 8 * size, "(" + MEMORY_DESC + "J)J", false);
        if ((op.aux & Opcode.SIGNED) != 0 && size < 8) {
            signExtend(size == 1 ? I2B : size == 2 ? I2S : NOP);
        }
        define(i, op);
    }

    private void store(int i, IrOp op) {
        MemoryEmitter inline = frame.memory();
        if (inline != null) {
            push(op.args[0]);
            inline.store(op.aux, a.baseSlot[op.args[0]], () -> push(op.args[1]));
            release(i, op);
            return;
        }
        frame.loadMemory();
        push(op.args[0]);
        push(op.args[1]);
        mv.visitMethodInsn(INVOKESTATIC, MEMORY, "store" + 8 * op.aux, "(" + MEMORY_DESC + "JJ)V", false);
        release(i, op);
    }

    private void call(int i, IrOp op) {
        frame.beforeCall(op);
        invoke(i, op, 0);
        frame.afterCall(op);
    }

    /**
     * A conditional call: the registers are written back (when the helper touches them) before
     * the test, so both paths leave them in the same state, and reloaded after the join.
     */
    private void callIf(int i, IrOp op) {
        Label skip = new Label();
        frame.beforeCall(op);
        jumpIf(op.cond().negate(), op.args[0], op.args[1], skip);
        invoke(i, op, 2);
        mv.visitLabel(skip);
        release(i, op);
        frame.afterCall(op);
    }

    /** Pushes the vCPU (if the helper takes it) and inputs {@code firstArg}.., calls, handles the result. */
    private void invoke(int i, IrOp op, int firstArg) {
        Helper h = op.helper;
        if (h.takesVcpu()) {
            frame.loadVcpu();
        }
        for (int k = firstArg; k < op.args.length; k++) {
            push(op.args[k]);
        }
        frame.callRangeStart(i);
        Class<?> owner = h.owner();
        mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(owner), h.name(),
                h.methodType().toMethodDescriptorString(), owner.isInterface());
        frame.callRangeEnd(i);
        if (h.hasResult() && op.dst >= 0) {
            define(i, op);
        } else {
            if (h.hasResult()) {
                mv.visitInsn(POP2);
            }
            if (firstArg == 0) {
                release(i, op);
            }
        }
    }

    /**
     * A plugin's inline add or store: {@code cpu.scoreboards[board][slot] (+)= value}, a few
     * array instructions and no call.
     */
    private void scoreboard(int i, IrOp op, boolean add) {
        frame.loadScoreboardRow(op.aux);
        frame.pushInt((int) op.imm);
        if (add) {
            mv.visitInsn(DUP2);
            mv.visitInsn(LALOAD);
            push(op.args[0]);
            mv.visitInsn(LADD);
        } else {
            push(op.args[0]);
        }
        mv.visitInsn(LASTORE);
        release(i, op);
    }

    private void scoreboardGet(int i, IrOp op) {
        frame.loadScoreboardRow(op.aux);
        frame.pushInt((int) op.imm);
        mv.visitInsn(LALOAD);
        define(i, op);
    }

    private void exitIf(int i, IrOp op) {
        Label stay = new Label();
        jumpIf(op.cond().negate(), op.args[0], op.args[1], stay);
        frame.leaveDirect(i, op.imm);
        mv.visitLabel(stay);
        release(i, op);
    }

    // ------------------------------------------------------------------ values live in the frame

    private void push(int temp) {
        frame.push(temp);
    }

    private void define(int i, IrOp op) {
        frame.define(i, op);
    }

    private void release(int i, IrOp op) {
        frame.release(i, op);
    }

    private void pushLong(long v) {
        frame.pushLong(v);
    }
}
