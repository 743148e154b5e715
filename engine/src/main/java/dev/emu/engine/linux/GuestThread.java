package dev.emu.engine.linux;

/**
 * Per-thread Linux state: the thread id, the blocked-signal mask, the alternate signal stack,
 * and the addresses glibc registers at startup (set_tid_address, set_robust_list). One per
 * vCPU; only its own vCPU thread changes it.
 */
public final class GuestThread {
    public static final int SS_ONSTACK = 1;
    public static final int SS_DISABLE = 2;
    public static final int SS_AUTODISARM = 1 << 31;

    public final int tid;
    long blockedSignals;
    long clearChildTid;
    long robustListHead;
    long robustListLength;
    long altStackBase;
    long altStackSize;
    int altStackFlags = SS_DISABLE;

    GuestThread(int tid) {
        this.tid = tid;
    }

    public long blockedSignals() {
        return blockedSignals;
    }

    public long clearChildTid() {
        return clearChildTid;
    }
}
