package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

/**
 * The ISA's part of a Linux signal frame, supplied through {@link LinuxTarget}: the registers
 * saved in uc_mcontext, how a handler is entered, and the code of the sigreturn trampoline
 * the handler returns to. The rest of the frame (siginfo, the ucontext header, placement on
 * the stack) is the same for every asm-generic ISA ({@link SignalFrame}).
 */
public interface MachineContext {
    /** sizeof(mcontext_t); it sits at offset 176 of the ucontext, 16-byte aligned. */
    int size();

    /** Saves the vCPU's registers and pc as uc_mcontext at {@code addr}. */
    void save(Vcpu cpu, GuestMemory m, long addr);

    /** rt_sigreturn: loads registers and pc back from the uc_mcontext at {@code addr}. */
    void restore(Vcpu cpu, GuestMemory m, long addr);

    /**
     * Points the vCPU at a handler: {@code handler(signal, info, ucontext)} with the stack
     * pointer at the frame and the return address at {@code returnAddress}.
     */
    void enterHandler(Vcpu cpu, long handler, int signal, long info, long ucontext, long frame, long returnAddress);

    /** Machine code that makes the rt_sigreturn system call, mapped once per process. */
    byte[] sigreturnCode();

    /** The length of the syscall instruction, to step back over it when a syscall restarts. */
    int syscallInstructionLength();
}
