package dev.emu.engine.linux;

/**
 * The guest asked to end: exit_group, or exit of its last thread. Thrown out of
 * {@link LinuxProcess#syscall}; the run loop catches it, stops every vCPU and makes
 * {@link #status} emu's own exit status. Carries no stack trace: it is a guest event.
 */
public final class GuestExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The exit status as the parent would see it: the low 8 bits of what the guest passed. */
    public final int status;

    public GuestExit(int status) {
        super(null, null, false, false);
        this.status = status & 0xff;
    }

    @Override
    public String getMessage() {
        return "guest exited with status " + status;
    }
}
