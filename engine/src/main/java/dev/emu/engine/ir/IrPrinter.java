package dev.emu.engine.ir;

import java.util.function.IntFunction;

/** The text of a block's IR for {@code -d op} and {@code -d op_opt}. */
public final class IrPrinter {
    private IrPrinter() {}

    public static String print(IrBlock block, IntFunction<String> slotName) {
        StringBuilder sb = new StringBuilder();
        for (IrOp op : block.ops) {
            if (op.op == Opcode.INSN_START) {
                sb.append(String.format(" ---- %016x%n", op.imm));
                continue;
            }
            sb.append("  ");
            if (op.dst >= 0) {
                sb.append('t').append(op.dst).append(" = ");
            }
            sb.append(op.op.name().toLowerCase());
            switch (op.op) {
                case CONST -> sb.append(" 0x").append(Long.toHexString(op.imm));
                case GET, SET -> sb.append(' ').append(slotName.apply(op.aux));
                case LOAD, STORE -> sb.append(op.aux & 0xf).append((op.aux & Opcode.SIGNED) != 0 ? "s" : "");
                case SETCC -> sb.append(' ').append(op.cond().name().toLowerCase());
                case EXIT_IF -> sb.append(' ').append(op.cond().name().toLowerCase());
                case CALL -> sb.append(' ').append(op.helper);
                case CALL_IF -> sb.append(' ').append(op.cond().name().toLowerCase()).append(' ').append(op.helper);
                case SCOREBOARD_ADD, SCOREBOARD_STORE, SCOREBOARD_GET -> sb.append(" sb").append(op.aux).append('[').append(op.imm).append(']');
                case EXIT -> sb.append(' ').append(ExitReason.values()[op.aux].name().toLowerCase());
                default -> { }
            }
            for (int i = 0; i < op.args.length; i++) {
                sb.append(i == 0 && op.op != Opcode.SET ? " " : ", ").append('t').append(op.args[i]);
            }
            if (op.op == Opcode.EXIT_IF || op.op == Opcode.GOTO || op.op == Opcode.EXIT) {
                sb.append(" -> 0x").append(Long.toHexString(op.imm));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
