package dev.emu.engine.plugin;

/**
 * A place in translated code that can be instrumented: the start of a block (each time it runs)
 * or the start of an instruction (each time it runs). What is attached runs in the order it was
 * attached, on the thread of the vCPU executing the code. Only callable inside the
 * block-translation callback that gave this handle.
 */
public interface ExecutionPoint {
    /**
     * Calls {@code callback} each time execution reaches this point. {@code access} says what
     * the callback does with the guest registers: {@link RegisterAccess#NONE} lets the engine
     * keep them in host locals across the call.
     */
    void onExecute(ExecutionCallback callback, RegisterAccess access);

    /** Adds {@code value} to the executing vCPU's {@code slot} of {@code board}: compiled inline, no call. */
    void inlineAdd(Scoreboard board, int slot, long value);

    /** Stores {@code value} into the executing vCPU's {@code slot} of {@code board}: compiled inline. */
    void inlineStore(Scoreboard board, int slot, long value);

    /**
     * Calls {@code callback} when the executing vCPU's {@code slot} of {@code board} compares
     * with {@code value} as {@code comparison} says (unsigned, as QEMU's conditional callbacks):
     * the test is compiled inline, the call happens only when it holds.
     */
    void onCondition(Scoreboard board, int slot, Comparison comparison, long value,
                     ExecutionCallback callback, RegisterAccess access);

    /** An execution callback: the index of the vCPU that executed the code. */
    @FunctionalInterface
    interface ExecutionCallback {
        void executed(int vcpu);
    }
}
