package dev.emu.engine.plugin;

/**
 * One guest instruction of a block being translated. Attaching to it ({@link ExecutionPoint})
 * acts each time it is about to run; memory callbacks act after each of its loads or stores.
 * A handle: valid only inside the block-translation callback that gave its block.
 */
public interface Instruction extends ExecutionPoint {
    long vaddr();

    /** Its length in bytes (2 or 4 on RISC-V). */
    int size();

    /** Its bytes, in memory order (a copy). */
    byte[] bytes();

    /** Its text as {@code objdump -d} prints it ({@code addi\tsp,sp,-16}). */
    String disassembly();

    /** The name of the program's symbol that contains it, or null when none is known. */
    String symbol();

    /**
     * Calls {@code callback} after each memory access of this instruction in {@code direction},
     * with the address, size, sign and value loaded or stored. Atomic memory operations
     * (LR/SC, AMOs) are not reported yet.
     */
    void onMemory(MemoryCallback callback, MemoryDirection direction, RegisterAccess access);

    /** Adds {@code value} to {@code slot} of {@code board} after each access in {@code direction}: compiled inline. */
    void inlineMemoryAdd(MemoryDirection direction, Scoreboard board, int slot, long value);

    /** A memory callback. */
    @FunctionalInterface
    interface MemoryCallback {
        void accessed(int vcpu, MemoryAccess access);
    }
}
