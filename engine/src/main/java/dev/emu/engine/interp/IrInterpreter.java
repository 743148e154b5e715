package dev.emu.engine.interp;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.exec.CompiledBlock;
import dev.emu.engine.ir.Cond;
import dev.emu.engine.ir.Helper;
import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrOp;
import dev.emu.engine.ir.Opcode;
import dev.emu.engine.mem.GuestMemory;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a block by walking its IR: the cold tier. It costs no class generation, so a block run a
 * few times (start-up code) is cheap; blocks that get hot are compiled to bytecode instead.
 * Register slots are read and written in {@code cpu.regs} directly, so a fault leaves them
 * exactly as the instructions before it left them.
 */
public final class IrInterpreter implements CompiledBlock {
    private static final Map<Helper, MethodHandle> HANDLES = new HashMap<>();

    private final IrOp[] ops;
    private final int temps;
    private final MethodHandle[] helpers;
    /** Direct-exit number of each EXIT_IF / GOTO op, by op index. */
    private final int[] exitNumber;

    public IrInterpreter(IrBlock block) {
        List<IrOp> list = block.ops;
        this.ops = list.toArray(IrOp[]::new);
        this.temps = block.temps;
        this.helpers = new MethodHandle[ops.length];
        this.exitNumber = new int[ops.length];
        int exits = 0;
        for (int i = 0; i < ops.length; i++) {
            IrOp op = ops[i];
            if (op.op.callsHelper()) {
                helpers[i] = handle(op.helper);
            } else if (op.op == Opcode.EXIT_IF || op.op == Opcode.GOTO) {
                exitNumber[i] = exits++;
            }
        }
    }

    private static MethodHandle handle(Helper h) {
        synchronized (HANDLES) {
            return HANDLES.computeIfAbsent(h, k -> {
                try {
                    return MethodHandles.publicLookup().findStatic(k.owner(), k.name(), k.methodType());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("helper " + k + k.methodType() + " not found", e);
                }
            });
        }
    }

    @Override
    public int run(Vcpu cpu) {
        long[] t = new long[temps];
        long[] regs = cpu.regs;
        GuestMemory mem = cpu.memory;
        long insnPc = cpu.pc;
        try {
            for (int i = 0; i < ops.length; i++) {
                IrOp op = ops[i];
                int[] a = op.args;
                switch (op.op) {
                    case INSN_START -> insnPc = op.imm;
                    case CONST -> t[op.dst] = op.imm;
                    case GET -> t[op.dst] = regs[op.aux];
                    case SET -> regs[op.aux] = t[a[0]];
                    case ADD -> t[op.dst] = t[a[0]] + t[a[1]];
                    case SUB -> t[op.dst] = t[a[0]] - t[a[1]];
                    case MUL -> t[op.dst] = t[a[0]] * t[a[1]];
                    case MULH -> t[op.dst] = Math.multiplyHigh(t[a[0]], t[a[1]]);
                    case MULHU -> t[op.dst] = IrSemantics.mulhu(t[a[0]], t[a[1]]);
                    case MULHSU -> t[op.dst] = IrSemantics.mulhsu(t[a[0]], t[a[1]]);
                    case DIV -> t[op.dst] = IrSemantics.div(t[a[0]], t[a[1]]);
                    case DIVU -> t[op.dst] = IrSemantics.divu(t[a[0]], t[a[1]]);
                    case REM -> t[op.dst] = IrSemantics.rem(t[a[0]], t[a[1]]);
                    case REMU -> t[op.dst] = IrSemantics.remu(t[a[0]], t[a[1]]);
                    case AND -> t[op.dst] = t[a[0]] & t[a[1]];
                    case OR -> t[op.dst] = t[a[0]] | t[a[1]];
                    case XOR -> t[op.dst] = t[a[0]] ^ t[a[1]];
                    case SHL -> t[op.dst] = t[a[0]] << t[a[1]];
                    case SHR -> t[op.dst] = t[a[0]] >>> t[a[1]];
                    case SAR -> t[op.dst] = t[a[0]] >> t[a[1]];
                    case SEXT8 -> t[op.dst] = (byte) t[a[0]];
                    case SEXT16 -> t[op.dst] = (short) t[a[0]];
                    case SEXT32 -> t[op.dst] = (int) t[a[0]];
                    case ZEXT8 -> t[op.dst] = t[a[0]] & 0xffL;
                    case ZEXT16 -> t[op.dst] = t[a[0]] & 0xffffL;
                    case ZEXT32 -> t[op.dst] = t[a[0]] & 0xffffffffL;
                    case SETCC -> t[op.dst] = op.cond().test(t[a[0]], t[a[1]]) ? 1 : 0;
                    case SELECT -> t[op.dst] = t[a[0]] != 0 ? t[a[1]] : t[a[2]];
                    case LOAD -> t[op.dst] = load(mem, t[a[0]], op.aux);
                    case STORE -> store(mem, t[a[0]], t[a[1]], op.aux);
                    case CALL -> call(cpu, t, op, helpers[i], 0);
                    case CALL_IF -> {
                        if (op.cond().test(t[a[0]], t[a[1]])) {
                            call(cpu, t, op, helpers[i], 2);
                        }
                    }
                    case SCOREBOARD_ADD -> cpu.scoreboards[op.aux][(int) op.imm] += t[a[0]];
                    case SCOREBOARD_STORE -> cpu.scoreboards[op.aux][(int) op.imm] = t[a[0]];
                    case SCOREBOARD_GET -> t[op.dst] = cpu.scoreboards[op.aux][(int) op.imm];
                    case EXIT_IF -> {
                        if (Cond.values()[op.aux].test(t[a[0]], t[a[1]])) {
                            cpu.pc = op.imm;
                            return exitNumber[i];
                        }
                    }
                    case GOTO -> {
                        cpu.pc = op.imm;
                        return exitNumber[i];
                    }
                    case GOTO_INDIRECT -> {
                        cpu.pc = t[a[0]];
                        return INDIRECT;
                    }
                    case EXIT -> {
                        cpu.pc = op.imm;
                        return EXIT_BASE - op.aux;
                    }
                }
            }
        } catch (RuntimeException e) {
            cpu.pc = insnPc;
            throw e;
        }
        throw new IllegalStateException("block at 0x" + Long.toHexString(cpu.pc) + " does not end with an exit");
    }

    static long load(GuestMemory mem, long addr, int aux) {
        int size = aux & 0xf;
        boolean signed = (aux & Opcode.SIGNED) != 0;
        return switch (size) {
            case 1 -> signed ? (byte) GuestMemory.load8(mem, addr) : GuestMemory.load8(mem, addr);
            case 2 -> signed ? (short) GuestMemory.load16(mem, addr) : GuestMemory.load16(mem, addr);
            case 4 -> signed ? (int) GuestMemory.load32(mem, addr) : GuestMemory.load32(mem, addr);
            case 8 -> GuestMemory.load64(mem, addr);
            default -> throw new IllegalStateException("load size " + size);
        };
    }

    static void store(GuestMemory mem, long addr, long value, int size) {
        switch (size) {
            case 1 -> GuestMemory.store8(mem, addr, value);
            case 2 -> GuestMemory.store16(mem, addr, value);
            case 4 -> GuestMemory.store32(mem, addr, value);
            case 8 -> GuestMemory.store64(mem, addr, value);
            default -> throw new IllegalStateException("store size " + size);
        }
    }

    /** Calls op's helper with the values of op's inputs from {@code firstArg} on. */
    private static void call(Vcpu cpu, long[] t, IrOp op, MethodHandle mh, int firstArg) {
        Helper h = op.helper;
        int n = op.args.length - firstArg + (h.takesVcpu() ? 1 : 0);
        Object[] args = new Object[n];
        int k = 0;
        if (h.takesVcpu()) {
            args[k++] = cpu;
        }
        for (int j = firstArg; j < op.args.length; j++) {
            args[k++] = t[op.args[j]];
        }
        try {
            Object result = mh.invokeWithArguments(args);
            if (op.dst >= 0) {
                t[op.dst] = (long) result;
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("helper " + h + " threw a checked exception", e);
        }
    }
}
