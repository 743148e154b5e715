package dev.emu.engine.linux;

/**
 * What the Linux layer must know about the guest ISA, supplied by the ISA so the engine names
 * none: the {@code uname} machine, how syscalls use registers, where the stack pointer lives,
 * AT_HWCAP and AT_MINSIGSTKSZ for the auxiliary vector, and how struct sigaction is laid out.
 * Everything else (syscall numbers, struct stat, errno values, open flags) is the asm-generic
 * ABI that riscv64 uses.
 *
 * @param machine              {@code uname -m}: {@code riscv64}
 * @param stackPointerSlot     the register slot of sp (RISC-V x2: slot 2)
 * @param hwcap                AT_HWCAP (RISC-V: bit n set for base extension letter 'a'+n; see {@link #letterBits})
 * @param minSigStackSize      AT_MINSIGSTKSZ: the signal frame size the kernel reports (0: left out)
 * @param sigactionHasRestorer whether struct sigaction has an sa_restorer field before sa_mask
 *                             (arm64 and x86 yes, riscv64 no)
 * @param machineContext       the ISA's registers in a signal frame; null when signal handlers
 *                             cannot run (a caught signal then ends the process as if uncaught)
 * @param threadPointerSlot    the register slot clone's CLONE_SETTLS sets (RISC-V tp = x4: slot 4),
 *                             or -1 when the ISA keeps TLS elsewhere
 */
public record LinuxTarget(String machine, SyscallAbi syscallAbi, int stackPointerSlot, long hwcap,
                          long minSigStackSize, boolean sigactionHasRestorer, MachineContext machineContext,
                          int threadPointerSlot) {

    /** A target without signal frames or a thread-pointer register (tests of the syscall layer alone). */
    public LinuxTarget(String machine, SyscallAbi syscallAbi, int stackPointerSlot, long hwcap,
                       long minSigStackSize, boolean sigactionHasRestorer) {
        this(machine, syscallAbi, stackPointerSlot, hwcap, minSigStackSize, sigactionHasRestorer, null, -1);
    }

    /** A bit per letter, 'a' = bit 0 ... 'z' = bit 25: how RISC-V Linux reports single-letter extensions. */
    public static long letterBits(String letters) {
        long bits = 0;
        for (char c : letters.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (c < 'a' || c > 'z') {
                throw new IllegalArgumentException("not an extension letter: " + c);
            }
            bits |= 1L << (c - 'a');
        }
        return bits;
    }
}
