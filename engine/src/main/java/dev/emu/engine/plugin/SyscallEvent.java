package dev.emu.engine.plugin;

/**
 * A system call as its entry and return callbacks see it. A handle: valid only inside the
 * callback that received it, on the vCPU's own thread.
 */
public interface SyscallEvent {
    /** The index of the vCPU making the call. */
    int vcpu();

    /** The system call number (the guest ISA's numbering: 64 is write on RISC-V). */
    long number();

    /** Argument {@code i} (0..5) as the guest passed it. */
    long arg(int index);

    /** The result (a negative errno on failure); only in a return callback. */
    long result();

    /**
     * In an entry callback: do not run the system call; the guest sees {@code result} instead
     * (e.g. {@code -38} for ENOSYS). Return callbacks still run, with this result.
     */
    void skip(long result);

    /** Whether an entry callback skipped the call. */
    boolean skipped();
}
