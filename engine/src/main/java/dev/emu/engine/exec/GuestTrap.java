package dev.emu.engine.exec;

import dev.emu.engine.mem.MemoryFault;

/**
 * A synchronous guest exception the run loop hands to the OS layer: the Linux signal it raises
 * and the si_code that says why (the numbering every Linux ISA shares). The OS layer delivers
 * it to a guest handler or ends the process ({@link FatalSignal}).
 */
public enum GuestTrap {
    /** An access to an unmapped address (SIGSEGV, SEGV_MAPERR). */
    SEGV_MAPERR(FatalSignal.SIGSEGV, 1),
    /** An access the page's permissions forbid (SIGSEGV, SEGV_ACCERR). */
    SEGV_ACCERR(FatalSignal.SIGSEGV, 2),
    /** A misaligned atomic (SIGBUS, BUS_ADRALN). */
    BUS_ADRALN(FatalSignal.SIGBUS, 1),
    /** An illegal instruction (SIGILL, ILL_ILLOPC). */
    ILL_ILLOPC(FatalSignal.SIGILL, 1),
    /** A breakpoint instruction (SIGTRAP, TRAP_BRKPT). */
    TRAP_BRKPT(FatalSignal.SIGTRAP, 1);

    public final int signal;
    public final int code;

    GuestTrap(int signal, int code) {
        this.signal = signal;
        this.code = code;
    }

    /** The trap a memory fault raises. */
    public static GuestTrap of(MemoryFault fault) {
        return switch (fault.kind) {
            case UNMAPPED -> SEGV_MAPERR;
            case PROTECTION -> SEGV_ACCERR;
            case MISALIGNED_ATOMIC -> BUS_ADRALN;
        };
    }
}
