package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;

/**
 * Sees every system call the guest makes: for {@code -strace} ({@link StraceWriter}) and later
 * for plugins' syscall events. Called on the vCPU's own thread.
 */
public interface SyscallListener {
    /** Before the call; {@code entry} is null for a call emu does not implement. */
    void onEntry(LinuxProcess process, Vcpu cpu, long number, SyscallTable.Entry entry, long[] args);

    /** After the call returned {@code result}; not called when it ended the thread or process. */
    void onReturn(LinuxProcess process, Vcpu cpu, long number, SyscallTable.Entry entry, long[] args, long result);
}
