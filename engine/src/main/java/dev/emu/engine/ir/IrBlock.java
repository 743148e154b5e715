package dev.emu.engine.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * The IR of one translation block: guest instructions from {@code startPc}, in order, ending
 * in an op that leaves the block (GOTO, GOTO_INDIRECT or EXIT).
 */
public final class IrBlock {
    public final long startPc;
    public final List<IrOp> ops = new ArrayList<>();
    public int temps;
    /** Guest bytes covered, and the number of guest instructions. */
    public int guestBytes;
    public int guestInsns;

    public IrBlock(long startPc) {
        this.startPc = startPc;
    }
}
