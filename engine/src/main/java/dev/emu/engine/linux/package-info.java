/**
 * Linux user-mode emulation: what a guest process sees of the kernel.
 *
 * <p>{@link dev.emu.engine.linux.LinuxProcess} is the process (memory map, descriptors,
 * signal dispositions, limits) and the run loop's syscall handler. A syscall is dispatched
 * through a {@link dev.emu.engine.linux.SyscallTable}: Linux's generic numbering (riscv64 and
 * arm64 share it), each number bound to a small handler in one of the per-area classes
 * ({@code FileSyscalls}, {@code PathSyscalls}, {@code MemorySyscalls}, {@code ProcessSyscalls},
 * {@code SignalSyscalls}, {@code TimeSyscalls}, {@code ThreadSyscalls}), which call shared
 * services ({@link dev.emu.engine.linux.AddressSpace}, {@link dev.emu.engine.linux.FdTable},
 * {@link dev.emu.engine.linux.SignalState}). Adding a syscall is one {@code define} line and a
 * handler of a few lines.
 *
 * <p>What the ISA decides is passed in as a {@link dev.emu.engine.linux.LinuxTarget}: the
 * registers of the syscall ABI, the stack pointer, AT_HWCAP, the uname machine. The engine
 * names no guest register.
 *
 * <p>Signals: {@link dev.emu.engine.linux.SignalState} holds dispositions and what is pending,
 * {@code SignalDelivery} acts on them when the run loop calls the process's {@code trap} or
 * {@code interrupted}, pushing a {@code SignalFrame} whose registers the ISA's
 * {@link dev.emu.engine.linux.MachineContext} writes.
 *
 * <p>Errors: a failing call returns a negative errno (handlers throw
 * {@link dev.emu.engine.linux.SyscallError}; guest-memory faults become EFAULT). The end of the
 * guest is an exception the run loop catches: {@link dev.emu.engine.linux.GuestExit} for
 * exit/exit_group, {@link dev.emu.engine.exec.FatalSignal} for a signal that kills it.
 */
package dev.emu.engine.linux;
