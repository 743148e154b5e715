package dev.emu.engine;

/**
 * A mistake of the user's (a bad flag, a missing file, a file that is not an ELF, a script that
 * does not parse): the command line reports its message as one line and exits non-zero,
 * without a stack trace. Internal bugs are never wrapped in this.
 */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
