package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;

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

    // Signals (see SignalState, SignalDelivery). Pending set and masks change under SignalState's lock.
    /** The vCPU running this thread, flagged when a signal arrives for it. */
    volatile Vcpu vcpu;
    /** The host thread running it, unparked when a signal arrives while it waits in a syscall. */
    volatile Thread hostThread;
    long pendingSignals;
    private SignalInfo[] pendingInfo;
    /** The signals rt_sigtimedwait waits for (they wake the thread although blocked). */
    long waitingFor;
    /** rt_sigsuspend's caller's mask, put back once a handler is set up (or none runs). */
    long savedMask;
    boolean hasSavedMask;
    /** A syscall that a signal interrupted: its ERESTART* kind (0: none) and first argument. */
    int interruptedSyscall;
    long interruptedArg0;

    GuestThread(int tid) {
        this.tid = tid;
    }

    public long blockedSignals() {
        return blockedSignals;
    }

    SignalInfo[] pendingInfo() {
        if (pendingInfo == null) {
            pendingInfo = new SignalInfo[Signals.MAX + 1];
        }
        return pendingInfo;
    }

    /** Whether sp lies on the alternate signal stack (which grows down from base + size). */
    boolean onAltStack(long sp) {
        return altStackSize != 0 && sp - altStackBase > 0 && sp - altStackBase <= altStackSize;
    }

    public long clearChildTid() {
        return clearChildTid;
    }
}
