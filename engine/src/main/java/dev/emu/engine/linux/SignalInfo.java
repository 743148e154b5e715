package dev.emu.engine.linux;

import dev.emu.engine.mem.GuestMemory;

/**
 * One signal's siginfo_t as the handler sees it (128 bytes): si_signo, si_errno and si_code,
 * then a union whose first words hold the sender (si_pid, si_uid) for kill and tgkill, the
 * faulting address (si_addr) for faults, or si_value for sigqueue.
 *
 * @param first  the union's first 8 bytes: si_addr, or si_pid in the low and si_uid in the
 *               high half
 * @param second the union's next 8 bytes (si_value)
 */
public record SignalInfo(int signal, int code, long first, long second) {
    /** Sent by kill. */
    public static final int SI_USER = 0;
    /** Sent by the kernel itself (timers, a terminal's interrupt key). */
    public static final int SI_KERNEL = 0x80;
    /** Sent by sigqueue (rt_sigqueueinfo). */
    public static final int SI_QUEUE = -1;
    /** Sent by tkill or tgkill (raise, abort). */
    public static final int SI_TKILL = -6;
    static final int SIZE = 128;

    /** A signal sent by a process: si_pid and si_uid. */
    public static SignalInfo fromProcess(int signal, int code, int pid, int uid) {
        return new SignalInfo(signal, code, (pid & 0xffffffffL) | (long) uid << 32, 0);
    }

    /** A fault: si_addr. */
    public static SignalInfo fault(int signal, int code, long address) {
        return new SignalInfo(signal, code, address, 0);
    }

    /** From the kernel, with no sender. */
    public static SignalInfo kernel(int signal) {
        return new SignalInfo(signal, SI_KERNEL, 0, 0);
    }

    void write(GuestMemory m, long addr) {
        for (int i = 0; i < SIZE; i += 8) {
            GuestMemory.store64(m, addr + i, 0);
        }
        GuestMemory.store32(m, addr, signal);
        GuestMemory.store32(m, addr + 8, code);
        GuestMemory.store64(m, addr + 16, first);
        GuestMemory.store64(m, addr + 24, second);
    }

    /** A siginfo_t the guest wrote (rt_sigqueueinfo). */
    static SignalInfo read(GuestMemory m, long addr, int signal) {
        return new SignalInfo(signal, (int) GuestMemory.load32(m, addr + 8), GuestMemory.load64(m, addr + 16),
                GuestMemory.load64(m, addr + 24));
    }
}
