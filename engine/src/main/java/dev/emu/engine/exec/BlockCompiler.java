package dev.emu.engine.exec;

import dev.emu.engine.ir.IrBlock;

import java.util.List;

/** The hot tier: turns a block's IR into faster executable code (the bytecode backend). */
@FunctionalInterface
public interface BlockCompiler {
    CompiledBlock compile(IrBlock block);

    /**
     * Compiles blocks (the entry first) into one region, or returns null when this compiler
     * cannot (the run loop then compiles the entry block alone).
     */
    default CompiledRegion compileRegion(List<IrBlock> blocks) {
        return null;
    }
}
