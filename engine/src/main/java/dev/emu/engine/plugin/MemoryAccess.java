package dev.emu.engine.plugin;

/**
 * One guest memory access, as a memory callback sees it.
 *
 * @param address the guest virtual address
 * @param size    bytes accessed: 1, 2, 4 or 8
 * @param signed  a load that sign-extends (false for stores)
 * @param store   true for a store, false for a load
 * @param value   the value loaded (extended as the load does) or stored (its low {@code size} bytes)
 */
public record MemoryAccess(long address, int size, boolean signed, boolean store, long value) {
}
