package dev.emu.engine.instrument;

import dev.emu.engine.plugin.Comparison;
import dev.emu.engine.plugin.MemoryDirection;
import dev.emu.engine.plugin.RegisterAccess;

/**
 * What a plugin attached to a block or an instruction at translation time, recorded by the
 * handles and turned into IR by {@link BlockInstrumenter} once the callbacks have returned.
 * Callbacks are referred to by their id in {@link Instrumentation}'s tables.
 */
sealed interface Attachment {
    /** A call of execution callback {@code id} each time the point runs. */
    record Call(int id, RegisterAccess access) implements Attachment {}

    /** {@code board[slot] += value} (or {@code = value} when not {@code add}). */
    record Inline(int board, int slot, long value, boolean add) implements Attachment {}

    /** A call of execution callback {@code id} when {@code board[slot] comparison value}. */
    record Conditional(int board, int slot, Comparison comparison, long value, int id, RegisterAccess access)
            implements Attachment {}

    /** After each access in direction: a call of memory callback {@code callback}. */
    record MemoryCall(dev.emu.engine.plugin.Instruction.MemoryCallback callback, MemoryDirection direction,
                      RegisterAccess access) implements Attachment {}

    /** After each access in direction: {@code board[slot] += value}. */
    record MemoryInline(MemoryDirection direction, int board, int slot, long value) implements Attachment {}
}
