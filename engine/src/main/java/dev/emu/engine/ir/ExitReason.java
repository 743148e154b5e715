package dev.emu.engine.ir;

/** Why an EXIT op hands control back to the run loop. */
public enum ExitReason {
    /** A system call at pc; the run loop continues at pc + the instruction's length. */
    SYSCALL,
    /** A breakpoint instruction at pc (SIGTRAP). */
    BREAKPOINT,
    /** An instruction the guest may not execute at pc (SIGILL). */
    ILLEGAL_INSTRUCTION,
    /** The guest asked to synchronise its instruction stream (fence.i): flush, then go on at pc. */
    FLUSH_CODE,
}
