package dev.emu.engine.plugin;

import java.util.List;

/**
 * A block of guest code just translated: straight-line instructions that run together. Attaching
 * to it ({@link ExecutionPoint}) acts each time the block starts. A handle: valid only inside the
 * block-translation callback that received it; afterwards every method throws
 * {@link IllegalStateException}.
 */
public interface TranslationBlock extends ExecutionPoint {
    /** The guest address of its first instruction. */
    long vaddr();

    /** Its length in bytes. */
    int size();

    int instructionCount();

    /** The i-th instruction (from 0), valid as long as this block. */
    Instruction instruction(int index);

    /** All its instructions in order. */
    List<Instruction> instructions();
}
