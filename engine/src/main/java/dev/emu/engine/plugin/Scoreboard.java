package dev.emu.engine.plugin;

/**
 * Per-vCPU counters: each vCPU has its own row of {@link #slots()} longs, so inline operations
 * and callbacks on one vCPU never contend with another's. Inline operations
 * ({@link ExecutionPoint#inlineAdd}, {@link ExecutionPoint#inlineStore},
 * {@link Instruction#inlineMemoryAdd}) compile into the translated code and update the row of
 * the vCPU that runs it.
 *
 * <p>Valid for the whole run. A vCPU's own thread may read and write its row at any time (in
 * its callbacks); reading other rows while they run gives a recent value, exact once those vCPUs
 * have stopped (in the exit callbacks and at exit).
 */
public interface Scoreboard {
    /** Longs per vCPU. */
    int slots();

    /** One more than the highest vCPU index with a row (rows are never removed; indices are never reused). */
    int vcpus();

    long get(int vcpu, int slot);

    void set(int vcpu, int slot, long value);

    /** Adds to a vCPU's slot; meant for the vCPU's own thread (not atomic across threads). */
    void add(int vcpu, int slot, long delta);

    /** The slot summed over every vCPU that ever ran. */
    long sum(int slot);
}
