package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;

/**
 * Per-thread Linux state: the thread id, the blocked-signal mask, the alternate signal stack,
 * the addresses glibc registers (set_tid_address, set_robust_list; clone's child tid), and the
 * vCPU and host thread that run it. One per guest thread; its fields other than the vCPU and host
 * thread are changed only by its own vCPU thread (the process reads them to end or signal it).
 */
public final class GuestThread {
    public static final int SS_ONSTACK = 1;
    public static final int SS_DISABLE = 2;
    public static final int SS_AUTODISARM = 1 << 31;

    public final int tid;
    long blockedSignals;
    /** Where to store 0 and futex-wake when the thread exits (CLONE_CHILD_CLEARTID, set_tid_address). */
    long clearChildTid;
    long robustListHead;
    long robustListLength;
    long altStackBase;
    long altStackSize;
    int altStackFlags = SS_DISABLE;
    /** The vCPU the thread runs on, set before the thread starts; flagged when a signal arrives for it. */
    volatile Vcpu cpu;
    /**
     * The host thread running the vCPU (null while the caller's own thread runs it and has not
     * waited yet); unparked when a signal arrives while it waits in a syscall, or the process ends.
     */
    volatile Thread host;

    // Signals (see SignalState, SignalDelivery). Pending set and masks change under SignalState's lock.
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

    // Scheduling and naming (see SchedulingSyscalls, ProcessControlSyscalls); a new thread copies
    // its creator's, except the death signal, which clone clears as Linux does.
    /** The name prctl(PR_SET_NAME) gives (Linux's comm, at most 15 bytes); null: the program's. */
    volatile byte[] name;
    int deathSignal;
    int nice;
    int schedPolicy;
    int schedPriority;
    /** The CPUs sched_setaffinity allowed, one bit each; null: all of them. */
    byte[] affinity;

    GuestThread(int tid) {
        this.tid = tid;
    }

    /** What a thread made by clone takes from this one, its creator. */
    void inheritInto(GuestThread child) {
        child.blockedSignals = blockedSignals;
        child.name = name;
        child.nice = nice;
        child.schedPolicy = schedPolicy;
        child.schedPriority = schedPriority;
        child.affinity = affinity;
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

    /** The vCPU running this thread, or null before it is known. */
    public Vcpu cpu() {
        return cpu;
    }
}
