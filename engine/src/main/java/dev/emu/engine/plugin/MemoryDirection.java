package dev.emu.engine.plugin;

/** Which memory accesses an instrumentation wants: loads, stores, or both. */
public enum MemoryDirection {
    READ, WRITE, READ_WRITE;

    /** Whether an access that is a store (or not) is wanted. */
    public boolean includes(boolean store) {
        return this == READ_WRITE || (this == WRITE) == store;
    }
}
