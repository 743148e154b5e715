package dev.emu.engine.exec;

import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrOp;
import dev.emu.engine.ir.Opcode;

import java.util.List;

/**
 * A translated block as the run loop sees it: its executable form, and one link per direct exit
 * to the successor block, filled in the first time the exit is taken, so later runs go block to
 * block without a lookup.
 *
 * <p>Several vCPU threads run the same blocks. What a thread reads together (the code, its exit
 * table and instruction counts) is final and never changes: a hotter tier makes a new block that
 * replaces this one in the cache, and this one becomes invalid, so a racing thread sees either
 * the old block whole or the new one whole (final fields make even a racy link safe to
 * follow). The links, the run count and the last indirect target are plain fields that threads
 * update racily: a lost update only costs a lookup or delays compilation.
 */
public final class TranslationBlock {
    public final long pc;
    public final int guestBytes;
    public final int guestInsns;
    /** The optimised IR, kept for the regions of hotter blocks that may take this block in. */
    final IrBlock ir;
    final CompiledBlock code;
    final TranslationBlock[] links;
    /** Guest instructions completed when leaving through each direct exit. */
    final int[] insnsAtExit;
    /** Guest instructions completed when leaving through a computed jump or an EXIT. */
    final int insnsAtOtherExit;
    /** The blocks compiled into this block's region, the block itself first; null for a block alone. */
    final List<TranslationBlock> region;
    /** Whether a hotter form exists or is being made (set under the translation lock). */
    final boolean compiled;
    int runs;
    /** Where the block's computed jump or EXIT last led: a candidate for its region. */
    long lastIndirectTarget = -1;
    /** Set (under the translation lock) once a thread has replaced the block by its compiled form. */
    boolean retired;
    volatile boolean valid = true;

    /** A block whose code runs its IR's exits (the interpreter's or a single compiled block). */
    TranslationBlock(IrBlock ir, CompiledBlock code) {
        this(ir, code, false);
    }

    private TranslationBlock(IrBlock ir, CompiledBlock code, boolean compiled) {
        this.pc = ir.startPc;
        this.guestBytes = ir.guestBytes;
        this.guestInsns = ir.guestInsns;
        this.ir = ir;
        this.code = code;
        this.compiled = compiled;
        this.region = null;
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
     * The region of {@code blocks} (this block first) as a new block at this pc: its exits are the
     * region's (none linked yet) and its code counts its own instructions.
     */
    private TranslationBlock(TranslationBlock entry, CompiledRegion compiled, List<TranslationBlock> blocks) {
        this(entry, compiled, compiled.code(), blocks);
    }

    private TranslationBlock(TranslationBlock entry, CompiledRegion compiled, CompiledBlock code, List<TranslationBlock> blocks) {
        this.pc = entry.pc;
        this.guestBytes = entry.guestBytes;
        this.guestInsns = entry.guestInsns;
        this.ir = entry.ir;
        this.code = code;
        this.compiled = true;
        this.links = new TranslationBlock[compiled.exits()];
        this.insnsAtExit = new int[compiled.exits()];
        this.insnsAtOtherExit = 0;
        this.region = List.copyOf(blocks);
        inheritCounters(entry);
    }

    /** This block with its code compiled alone: same exits, same counts. */
    TranslationBlock withCode(CompiledBlock compiledCode) {
        TranslationBlock tb = new TranslationBlock(ir, compiledCode, true);
        tb.inheritCounters(this);
        return tb;
    }

    /**
     * This block, the {@code k}-th of a compiled region's {@code blocks}, replaced by that
     * region's method entered at it: its exits are the region's.
     */
    TranslationBlock asRegionEntry(CompiledRegion compiledRegion, int k, List<TranslationBlock> blocks) {
        return new TranslationBlock(this, compiledRegion, compiledRegion.entryAt(k), blocks);
    }

    /** This block (the first of {@code blocks}) replaced by the region compiled from them. */
    TranslationBlock asRegion(CompiledRegion compiledRegion, List<TranslationBlock> blocks) {
        return new TranslationBlock(this, compiledRegion, blocks);
    }

    private void inheritCounters(TranslationBlock from) {
        this.runs = from.runs;
        this.lastIndirectTarget = from.lastIndirectTarget;
    }

    public boolean isCompiled() {
        return compiled;
    }

    public long endPc() {
        return pc + guestBytes;
    }
}
