package dev.emu.engine.cpu;

/**
 * Thrown by a helper when the instruction it implements turns out to be illegal only at run
 * time (a dynamic rounding mode that frm makes reserved, a CSR the guest may not touch). The run
 * loop turns it into SIGILL at the instruction's address. No stack trace: a guest event.
 */
public final class IllegalInstruction extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IllegalInstruction(String why) {
        super(why, null, false, false);
    }
}
