package dev.emu.engine.mem;

/**
 * A guest access to an unmapped page or one whose permissions forbid it. Thrown by guest memory
 * and caught by the run loop, which turns it into SIGSEGV (or SIGBUS) for the guest. Carries no
 * stack trace: it is a guest event, not a bug, and it must be cheap.
 */
public final class MemoryFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind { UNMAPPED, PROTECTION, MISALIGNED_ATOMIC }

    public final long address;
    public final boolean write;
    public final Kind kind;

    public MemoryFault(long address, boolean write, Kind kind) {
        super(null, null, false, false);
        this.address = address;
        this.write = write;
        this.kind = kind;
    }

    @Override
    public String getMessage() {
        return kind + (write ? " write at 0x" : " read at 0x") + Long.toHexString(address);
    }
}
