package dev.emu.engine.translate;

import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrBuilder;
import dev.emu.engine.ir.IrOp;
import dev.emu.engine.isa.GuestFrontend;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.MemoryFault;

/**
 * The translator loop: asks the ISA frontend for one instruction at a time and decides where a
 * block ends: at an instruction that leaves the block (branch, jump, ecall, fence.i), at the
 * instruction limit, or before the first instruction on another page (so a block depends on
 * the pages it starts on, and invalidating a page drops every block that read it).
 */
public final class Translator {
    public static final int DEFAULT_MAX_INSNS = 256;

    private final GuestFrontend frontend;
    private final int maxInsns;
    /** Plugins' block-translation hook, or null (then the IR is exactly the frontend's). */
    private volatile TranslationHook hook;

    /** {@code maxInsns} 1 gives one instruction per block ({@code -singlestep}). */
    public Translator(GuestFrontend frontend, int maxInsns) {
        this.frontend = frontend;
        this.maxInsns = maxInsns;
    }

    public GuestFrontend frontend() {
        return frontend;
    }

    /** Sets (or, with null, removes) the hook called after each block is translated. */
    public void setHook(TranslationHook hook) {
        this.hook = hook;
    }

    /**
     * Translates the block at pc. A fetch fault on the block's first instruction propagates
     * (the guest jumped to unmapped or non-executable memory); one on a later instruction ends
     * the block before it, so the fault happens when execution actually gets there.
     */
    public IrBlock translate(GuestMemory memory, long pc) {
        IrBlock block = new IrBlock(pc);
        IrBuilder b = new IrBuilder(block);
        long cur = pc;
        while (true) {
            int start = block.ops.size();
            int temps = block.temps;
            b.insnStart(cur, 0);
            int length;
            try {
                length = frontend.translate(b, cur, memory);
            } catch (MemoryFault fault) {
                if (block.guestInsns == 0) {
                    throw fault;
                }
                block.ops.subList(start, block.ops.size()).clear();
                block.temps = temps;
                b.gotoPc(cur);
                break;
            }
            IrOp marker = block.ops.get(start);
            marker.aux = length;
            block.guestInsns++;
            cur += length;
            if (b.ended()) {
                break;
            }
            if (block.guestInsns >= maxInsns || ((cur ^ pc) >>> GuestMemory.PAGE_BITS) != 0) {
                b.gotoPc(cur);
                break;
            }
        }
        block.guestBytes = (int) (cur - pc);
        for (long page = pc >>> GuestMemory.PAGE_BITS; page <= (cur - 1) >>> GuestMemory.PAGE_BITS; page++) {
            memory.markCode(page << GuestMemory.PAGE_BITS);
        }
        TranslationHook h = hook;
        if (h != null) {
            h.translated(block, frontend, memory);
        }
        return block;
    }
}
