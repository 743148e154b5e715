package dev.emu.engine.opt;

import dev.emu.engine.interp.IrSemantics;
import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrOp;
import dev.emu.engine.ir.Opcode;

import java.util.Arrays;

/**
 * Block-local optimisation in two passes over the SSA-within-a-block IR:
 * <ol>
 *   <li>forward: register forwarding (a GET after a SET or GET of the same slot reuses that
 *       value), copy propagation, and constant folding of pure ops;</li>
 *   <li>backward: dead-code elimination of unused pure results, and of a SET that a later SET
 *       of the same slot overwrites before anything could observe the first (a fault, a
 *       helper that reads registers, an exit).</li>
 * </ol>
 */
public final class Optimizer {
    private Optimizer() {}

    public static void optimize(IrBlock block) {
        forward(block);
        removeDeadCode(block);
    }

    // ------------------------------------------------------------------ forward pass

    private static void forward(IrBlock block) {
        int n = block.temps;
        int[] alias = new int[n];          // temp -> the temp it copies (itself if none)
        boolean[] isConst = new boolean[n];
        long[] value = new long[n];
        for (int i = 0; i < n; i++) {
            alias[i] = i;
        }
        int[] slotValue = new int[256];    // register slot -> temp holding its current value, or -1
        Arrays.fill(slotValue, -1);
        for (IrOp op : block.ops) {
            for (int k = 0; k < op.args.length; k++) {
                op.args[k] = alias[op.args[k]];
            }
            switch (op.op) {
                case CONST -> {
                    isConst[op.dst] = true;
                    value[op.dst] = op.imm;
                }
                case GET -> {
                    int known = op.aux < slotValue.length ? slotValue[op.aux] : -1;
                    if (known >= 0) {
                        alias[op.dst] = known;
                        isConst[op.dst] = isConst[known];
                        value[op.dst] = value[known];
                    } else if (op.aux < slotValue.length) {
                        slotValue[op.aux] = op.dst;
                    }
                }
                case SET -> {
                    if (op.aux < slotValue.length) {
                        slotValue[op.aux] = op.args[0];
                    }
                }
                case CALL, CALL_IF -> {
                    if (op.helper.writesRegs()) {
                        Arrays.fill(slotValue, -1);
                    }
                }
                default -> {
                    if (op.op.isRemovable() && op.op.hasResult() && op.args.length > 0 && allConst(op.args, isConst)) {
                        long v = fold(op, value);
                        op.becomeConst(v);
                        isConst[op.dst] = true;
                        value[op.dst] = v;
                    }
                }
            }
        }
    }

    private static boolean allConst(int[] args, boolean[] isConst) {
        for (int a : args) {
            if (!isConst[a]) {
                return false;
            }
        }
        return true;
    }

    /** The value of a pure op over constant inputs: the same arithmetic both tiers use. */
    static long fold(IrOp op, long[] v) {
        int[] a = op.args;
        return switch (op.op) {
            case ADD -> v[a[0]] + v[a[1]];
            case SUB -> v[a[0]] - v[a[1]];
            case MUL -> v[a[0]] * v[a[1]];
            case MULH -> Math.multiplyHigh(v[a[0]], v[a[1]]);
            case MULHU -> IrSemantics.mulhu(v[a[0]], v[a[1]]);
            case MULHSU -> IrSemantics.mulhsu(v[a[0]], v[a[1]]);
            case DIV -> IrSemantics.div(v[a[0]], v[a[1]]);
            case DIVU -> IrSemantics.divu(v[a[0]], v[a[1]]);
            case REM -> IrSemantics.rem(v[a[0]], v[a[1]]);
            case REMU -> IrSemantics.remu(v[a[0]], v[a[1]]);
            case AND -> v[a[0]] & v[a[1]];
            case OR -> v[a[0]] | v[a[1]];
            case XOR -> v[a[0]] ^ v[a[1]];
            case SHL -> v[a[0]] << v[a[1]];
            case SHR -> v[a[0]] >>> v[a[1]];
            case SAR -> v[a[0]] >> v[a[1]];
            case SEXT8 -> (byte) v[a[0]];
            case SEXT16 -> (short) v[a[0]];
            case SEXT32 -> (int) v[a[0]];
            case ZEXT8 -> v[a[0]] & 0xffL;
            case ZEXT16 -> v[a[0]] & 0xffffL;
            case ZEXT32 -> v[a[0]] & 0xffffffffL;
            case SETCC -> op.cond().test(v[a[0]], v[a[1]]) ? 1 : 0;
            case SELECT -> v[a[0]] != 0 ? v[a[1]] : v[a[2]];
            default -> throw new IllegalStateException("cannot fold " + op.op);
        };
    }

    // ------------------------------------------------------------------ backward pass

    private static void removeDeadCode(IrBlock block) {
        boolean[] used = new boolean[block.temps];
        // slot -> true when a later SET overwrites it with nothing in between that could observe it
        boolean[] overwritten = new boolean[256];
        var ops = block.ops;
        boolean[] remove = new boolean[ops.size()];
        for (int i = ops.size() - 1; i >= 0; i--) {
            IrOp op = ops.get(i);
            boolean observes = op.op.is(Opcode.MAY_FAULT) || op.op.is(Opcode.BRANCH) || op.op.is(Opcode.ENDS_BLOCK)
                    || (op.op.callsHelper() && (op.helper.readsRegs() || op.helper.mayFault()));
            if (observes) {
                Arrays.fill(overwritten, false);
            }
            boolean dead;
            if (op.op == Opcode.SET) {
                dead = op.aux < overwritten.length && overwritten[op.aux];
                if (op.aux < overwritten.length) {
                    overwritten[op.aux] = true;
                }
            } else if (op.op == Opcode.GET) {
                dead = !used[op.dst];
                if (!dead && op.aux < overwritten.length) {
                    overwritten[op.aux] = false;
                }
            } else if (op.op.callsHelper()) {
                dead = false;
            } else {
                dead = op.op.isRemovable() && op.dst >= 0 && !used[op.dst];
            }
            if (dead) {
                remove[i] = true;
            } else {
                for (int a : op.args) {
                    used[a] = true;
                }
            }
        }
        int w = 0;
        for (int i = 0; i < ops.size(); i++) {
            if (!remove[i]) {
                ops.set(w++, ops.get(i));
            }
        }
        ops.subList(w, ops.size()).clear();
    }
}
