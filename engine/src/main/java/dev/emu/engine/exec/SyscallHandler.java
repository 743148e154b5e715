package dev.emu.engine.exec;

import dev.emu.engine.cpu.Vcpu;

/**
 * The operating-system layer the run loop hands system calls to (the Linux user-mode layer).
 * On return {@code cpu.pc} is where the guest continues (already past the syscall instruction);
 * the handler may change it (signal delivery, sigreturn).
 */
@FunctionalInterface
public interface SyscallHandler {
    void syscall(Vcpu cpu);
}
