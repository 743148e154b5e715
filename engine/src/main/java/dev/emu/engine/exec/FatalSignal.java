package dev.emu.engine.exec;

/**
 * A signal that ends the guest process (no handler, or one the guest cannot catch): the command
 * line reports it in qemu's words (see the Linux layer's Signals.report) and exits with
 * 128 + the signal number, as a shell would see.
 */
public final class FatalSignal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final int SIGILL = 4;
    public static final int SIGTRAP = 5;
    public static final int SIGABRT = 6;
    public static final int SIGBUS = 7;
    public static final int SIGSEGV = 11;

    public final int signal;
    /** The faulting address or pc, for the report. */
    public final long address;

    public FatalSignal(int signal, long address) {
        super(null, null, false, false);
        this.signal = signal;
        this.address = address;
    }

    public int exitStatus() {
        return 128 + signal;
    }

    @Override
    public String getMessage() {
        return "fatal signal " + signal + " at 0x" + Long.toHexString(address);
    }
}
