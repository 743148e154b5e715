package dev.emu.engine.linux;

/**
 * A syscall failing with an errno: thrown from deep inside a handler (a bad descriptor, an
 * unreadable path) and turned by {@link LinuxProcess#syscall} into the negative result the
 * guest sees. A guest event, not a bug: it carries no stack trace.
 */
public final class SyscallError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public final int errno;

    public SyscallError(int errno) {
        super(null, null, false, false);
        this.errno = errno;
    }

    @Override
    public String getMessage() {
        return "errno " + errno + " (" + Errno.message(errno) + ")";
    }
}
