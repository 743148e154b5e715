package dev.emu.engine.instrument;

import dev.emu.engine.plugin.Instruction;
import dev.emu.engine.plugin.TranslationBlock;

import java.util.List;

/** The {@link TranslationBlock} handle a block-translation callback gets. */
final class BlockHandle extends PointHandle implements TranslationBlock {
    private final long vaddr;
    private final int size;
    final List<InstructionHandle> instructions;

    BlockHandle(Instrumentation owner, long vaddr, int size, List<InstructionHandle> instructions) {
        super(owner);
        this.vaddr = vaddr;
        this.size = size;
        this.instructions = instructions;
    }

    @Override
    String kind() {
        return "translation block";
    }

    @Override
    public long vaddr() {
        check();
        return vaddr;
    }

    @Override
    public int size() {
        check();
        return size;
    }

    @Override
    public int instructionCount() {
        check();
        return instructions.size();
    }

    @Override
    public Instruction instruction(int index) {
        check();
        if (index < 0 || index >= instructions.size()) {
            throw new IndexOutOfBoundsException("instruction " + index + " of a block of " + instructions.size());
        }
        return instructions.get(index);
    }

    @Override
    public List<Instruction> instructions() {
        check();
        return List.copyOf(instructions);
    }

    /** Ends the handle's life and its instructions'. */
    void close() {
        invalidate();
        instructions.forEach(PointHandle::invalidate);
    }

    boolean anythingAttached() {
        if (!attached.isEmpty()) {
            return true;
        }
        for (InstructionHandle insn : instructions) {
            if (!insn.attached.isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
