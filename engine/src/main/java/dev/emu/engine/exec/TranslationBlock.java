package dev.emu.engine.exec;

import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrOp;
import dev.emu.engine.ir.Opcode;

/**
 * A translated block as the run loop sees it: its current executable form (which a hotter tier
 * may replace), and one link per direct exit to the successor block, filled in the first time
 * the exit is taken, so later runs go block to block without a lookup.
 */
public final class TranslationBlock {
    public final long pc;
    public final int guestBytes;
    public final int guestInsns;
    /** The optimised IR, kept until the block is compiled. */
    IrBlock ir;
    CompiledBlock code;
    final TranslationBlock[] links;
    /** Guest instructions completed when leaving through each direct exit. */
    final int[] insnsAtExit;
    int runs;
    boolean compiled;
    volatile boolean valid = true;

    TranslationBlock(IrBlock ir, CompiledBlock code) {
        this.pc = ir.startPc;
        this.guestBytes = ir.guestBytes;
        this.guestInsns = ir.guestInsns;
        this.ir = ir;
        this.code = code;
        int exits = 0;
        for (IrOp op : ir.ops) {
            if (op.op == Opcode.EXIT_IF || op.op == Opcode.GOTO) {
                exits++;
            }
        }
        this.links = new TranslationBlock[exits];
        this.insnsAtExit = new int[exits];
        int insns = 0;
        int exit = 0;
        for (IrOp op : ir.ops) {
            if (op.op == Opcode.INSN_START) {
                insns++;
            } else if (op.op == Opcode.EXIT_IF || op.op == Opcode.GOTO) {
                insnsAtExit[exit++] = insns;
            }
        }
    }

    public boolean isCompiled() {
        return compiled;
    }

    public long endPc() {
        return pc + guestBytes;
    }
}
