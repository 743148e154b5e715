package dev.emu.engine.exec;

import dev.emu.engine.ir.IrBlock;

/** The hot tier: turns a block's IR into faster executable code (the bytecode backend). */
@FunctionalInterface
public interface BlockCompiler {
    CompiledBlock compile(IrBlock block);
}
