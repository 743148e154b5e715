package dev.emu.engine.instrument;

import dev.emu.engine.plugin.SyscallEvent;

/**
 * The {@link SyscallEvent} handle of one phase (entry or return) of one system call; a new one
 * for each phase, so a handle kept from the entry stays dead during the return.
 */
public final class SyscallHandle implements SyscallEvent {
    private final int vcpu;
    private final long number;
    private final long[] args;
    private final boolean entry;
    private long result;
    private boolean skipped;
    private boolean valid = true;

    SyscallHandle(int vcpu, long number, long[] args, boolean entry, long result, boolean skipped) {
        this.vcpu = vcpu;
        this.number = number;
        this.args = args;
        this.entry = entry;
        this.result = result;
        this.skipped = skipped;
    }

    private void check() {
        if (!valid) {
            throw new IllegalStateException("a syscall event used outside the callback that received it");
        }
    }

    void invalidate() {
        valid = false;
    }

    @Override
    public int vcpu() {
        check();
        return vcpu;
    }

    @Override
    public long number() {
        check();
        return number;
    }

    @Override
    public long arg(int index) {
        check();
        if (index < 0 || index >= args.length) {
            throw new IndexOutOfBoundsException("syscall argument " + index + " (0 to " + (args.length - 1) + ")");
        }
        return args[index];
    }

    @Override
    public long result() {
        check();
        if (entry && !skipped) {
            throw new IllegalStateException("a syscall has no result before it runs (use onSyscallReturn)");
        }
        return result;
    }

    @Override
    public void skip(long value) {
        check();
        if (!entry) {
            throw new IllegalStateException("a syscall can only be skipped at its entry");
        }
        skipped = true;
        result = value;
    }

    @Override
    public boolean skipped() {
        check();
        return skipped;
    }

    /** For the Linux layer, after the entry callbacks: whether one skipped the call, and its result. */
    public boolean wasSkipped() {
        return skipped;
    }

    public long skipResult() {
        return result;
    }
}
