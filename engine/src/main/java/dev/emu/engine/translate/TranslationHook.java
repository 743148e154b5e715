package dev.emu.engine.translate;

import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.isa.GuestFrontend;
import dev.emu.engine.mem.GuestMemory;

/**
 * What the translator loop calls after translating a block and before it is optimised: the
 * plugins' block-translation hook, which may add instrumentation to the block's IR. Called under
 * the translation lock, one block at a time.
 */
@FunctionalInterface
public interface TranslationHook {
    void translated(IrBlock block, GuestFrontend frontend, GuestMemory code);
}
