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
    /** The optimised IR, kept for the regions of hotter blocks that may take this block in. */
    IrBlock ir;
    CompiledBlock code;
    TranslationBlock[] links;
    /** Guest instructions completed when leaving through each direct exit. */
    int[] insnsAtExit;
    /** Guest instructions completed when leaving through a computed jump or an EXIT. */
    int insnsAtOtherExit;
    /** The blocks compiled into this block's region, the block itself first; null before. */
    java.util.List<TranslationBlock> region;
    int runs;
    /** Where the block's computed jump or EXIT last led: a candidate for its region. */
    long lastIndirectTarget = -1;
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
        this.insnsAtOtherExit = guestInsns;
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

    /**
     * Runs {@code code} as the region of {@code blocks} from now on: its exits are the region's
     * (none linked yet) and it counts its own instructions.
     */
    void becomeRegion(CompiledRegion compiled, java.util.List<TranslationBlock> blocks) {
        this.code = compiled.code();
        this.links = new TranslationBlock[compiled.exits()];
        this.insnsAtExit = new int[compiled.exits()];
        this.insnsAtOtherExit = 0;
        this.region = blocks;
    }

    public boolean isCompiled() {
        return compiled;
    }

    public long endPc() {
        return pc + guestBytes;
    }
}
