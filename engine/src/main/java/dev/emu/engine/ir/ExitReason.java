package dev.emu.engine.ir;

/** Why an EXIT op hands control back to the run loop. */
public enum ExitReason {
    /** A system call; the EXIT's pc is the instruction after it, where the guest resumes. */
    SYSCALL,
    /** A breakpoint instruction at pc (SIGTRAP). */
    BREAKPOINT,
    /** An instruction the guest may not execute at pc (SIGILL). */
    ILLEGAL_INSTRUCTION,
    /** The guest asked to synchronise its instruction stream (fence.i): flush, then go on at pc (the next instruction). */
    FLUSH_CODE,
}
