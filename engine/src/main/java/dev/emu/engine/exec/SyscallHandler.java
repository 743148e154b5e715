package dev.emu.engine.exec;

import dev.emu.engine.cpu.Vcpu;

/**
 * The operating-system layer the run loop hands system calls, traps and interrupts to (the
 * Linux user-mode layer). On return from any of them {@code cpu.pc} is where the guest
 * continues: past the syscall instruction, or wherever the layer moved it (a signal handler,
 * the context sigreturn restored).
 */
@FunctionalInterface
public interface SyscallHandler {
    void syscall(Vcpu cpu);

    /**
     * A synchronous exception at {@code cpu.pc} (every register written back); {@code address}
     * is the faulting data address or the pc. Either redirects the vCPU to a guest handler or
     * throws {@link FatalSignal}, which is all a layer without signal handlers can do.
     */
    default void trap(Vcpu cpu, GuestTrap trap, long address) {
        throw new FatalSignal(trap.signal, address);
    }

    /**
     * The vCPU stopped at a block boundary because {@link Vcpu#requestInterrupt} was called (by
     * another thread: exit_group, a signal for this thread; or by this one): clear the request,
     * then deliver what is pending (may move the pc) or throw to end the vCPU's run.
     */
    default void interrupted(Vcpu cpu) {
        cpu.clearInterrupt();
    }
}
