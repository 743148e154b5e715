package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The process's signal dispositions (what rt_sigaction installs), the signals sent to the
 * whole process and not yet taken by a thread, and the bookkeeping that moves a signal to the
 * thread that will run its handler. Each thread's own pending set and blocked mask live in its
 * {@link GuestThread} but change only under this object's lock, so a sender sees a consistent
 * picture when it picks a thread; the thread itself acts on them at its next block boundary
 * ({@link SignalDelivery}), after the sender has flagged its vCPU and unparked it from any wait.
 *
 * <p>Standard signals do not queue: a second one of a kind already pending is merged with it.
 * A signal nobody blocks and whose action is to ignore it is dropped when sent, as on Linux.
 */
public final class SignalState {
    public static final long SIG_DFL = 0;
    public static final long SIG_IGN = 1;
    public static final long SA_SIGINFO = 4;
    public static final long SA_RESTORER = 0x04000000;
    public static final long SA_ONSTACK = 0x08000000;
    public static final long SA_RESTART = 0x10000000;
    public static final long SA_NODEFER = 0x40000000;
    public static final long SA_RESETHAND = 0x80000000L;
    static final long UNBLOCKABLE = Signals.bit(Signals.SIGKILL) | Signals.bit(Signals.SIGSTOP);
    /** Delivered first when several are pending: the ones a fault raises (as Linux's SYNCHRONOUS_MASK). */
    private static final long SYNCHRONOUS = Signals.bit(Signals.SIGSEGV) | Signals.bit(Signals.SIGBUS)
            | Signals.bit(Signals.SIGILL) | Signals.bit(Signals.SIGTRAP) | Signals.bit(Signals.SIGFPE)
            | Signals.bit(Signals.SIGSYS);

    /** struct sigaction's fields; restorer is 0 on ISAs without sa_restorer. */
    public record Action(long handler, long flags, long restorer, long mask) {
        static final Action DEFAULT = new Action(SIG_DFL, 0, 0, 0);
    }

    private final Action[] actions = new Action[Signals.MAX + 1];
    private final int pid;
    private final int uid;
    private long pending;
    /** Host signals passed on to the guest ({@link SignalForwarding}). */
    private long forwarded;
    private final SignalInfo[] pendingInfo = new SignalInfo[Signals.MAX + 1];

    SignalState(int pid, int uid) {
        this.pid = pid;
        this.uid = uid;
        Arrays.fill(actions, Action.DEFAULT);
    }

    public synchronized Action action(int signal) {
        return actions[signal];
    }

    synchronized void setAction(int signal, Action action) {
        actions[signal] = action;
    }

    /** Signals sent to the process and not yet taken by a thread (bit n-1 for signal n). */
    public synchronized long pending() {
        return pending;
    }

    /** What rt_sigpending reports: the thread's and the process's pending signals it blocks. */
    synchronized long pendingBlocked(GuestThread t) {
        return (pending | t.pendingSignals) & t.blockedSignals;
    }

    /** Sends a signal from this process to one of its threads (tkill, SIGPIPE). */
    void raise(GuestThread thread, int signal) {
        sendToThread(thread, SignalInfo.fromProcess(signal, SignalInfo.SI_USER, pid, uid));
    }

    int pid() {
        return pid;
    }

    int uid() {
        return uid;
    }

    /** A thread-directed signal: pending on that thread only. */
    void sendToThread(GuestThread t, SignalInfo info) {
        synchronized (this) {
            int signal = info.signal();
            if (isIgnored(signal) && (t.blockedSignals & Signals.bit(signal)) == 0) {
                return;
            }
            if ((t.pendingSignals & Signals.bit(signal)) == 0) {
                t.pendingSignals |= Signals.bit(signal);
                t.pendingInfo()[signal] = info;
            }
        }
        wake(t);
    }

    /**
     * A process-directed signal (kill, a timer, a host signal): taken by the first thread that
     * does not block it, the main thread first; while every thread blocks it, it waits here.
     */
    void sendToProcess(Collection<GuestThread> threads, SignalInfo info) {
        int signal = info.signal();
        long bit = Signals.bit(signal);
        GuestThread target = null;
        synchronized (this) {
            List<GuestThread> ordered = threads.stream().sorted(Comparator.comparingInt(t -> t.tid)).toList();
            boolean blockedByAll = ordered.stream().allMatch(t -> (t.blockedSignals & bit) != 0);
            if (isIgnored(signal) && !blockedByAll) {
                return;
            }
            if ((pending & bit) == 0) {
                pending |= bit;
                pendingInfo[signal] = info;
            }
            for (GuestThread t : ordered) {
                if ((t.blockedSignals & bit) == 0 || (t.waitingFor & bit) != 0) {
                    target = t;
                    break;
                }
            }
        }
        if (target != null) {
            wake(target);
        }
    }

    private boolean isIgnored(int signal) {
        long handler = actions[signal].handler();
        return handler == SIG_IGN
                || handler == SIG_DFL && Signals.defaultAction(signal) == Signals.DefaultAction.IGNORE;
    }

    /**
     * Takes the signal the thread should act on next among {@code allowed}: its own before the
     * process's, synchronous ones first, then the lowest number. Null when none is pending.
     */
    synchronized SignalInfo take(GuestThread t, long allowed) {
        long mine = t.pendingSignals & allowed;
        long shared = pending & allowed;
        long from = mine != 0 ? mine : shared;
        if (from == 0) {
            return null;
        }
        long pick = (from & SYNCHRONOUS) != 0 ? from & SYNCHRONOUS : from;
        int signal = Long.numberOfTrailingZeros(pick) + 1;
        long bit = Signals.bit(signal);
        SignalInfo info;
        if (mine != 0) {
            t.pendingSignals &= ~bit;
            info = t.pendingInfo()[signal];
            t.pendingInfo()[signal] = null;
        } else {
            pending &= ~bit;
            info = pendingInfo[signal];
            pendingInfo[signal] = null;
        }
        return info;
    }

    /** Whether the thread has a signal to act on: pending and not blocked (or waited for). */
    synchronized boolean hasDeliverable(GuestThread t) {
        return ((t.pendingSignals | pending) & (~t.blockedSignals | t.waitingFor)) != 0;
    }

    /** Records whether a host signal is forwarded; returns whether that changed. */
    synchronized boolean markForwarded(int signal, boolean on) {
        long old = forwarded;
        forwarded = on ? forwarded | Signals.bit(signal) : forwarded & ~Signals.bit(signal);
        return old != forwarded;
    }

    /** Whether a signal outside {@code set} is due (it interrupts rt_sigtimedwait). */
    synchronized boolean hasDeliverableOutside(GuestThread t, long set) {
        return ((t.pendingSignals | pending) & ~t.blockedSignals & ~set) != 0;
    }

    /** Changes a thread's mask; a signal it no longer blocks is acted on at its next block boundary. */
    void setBlocked(GuestThread t, long mask) {
        boolean ready;
        synchronized (this) {
            t.blockedSignals = mask & ~UNBLOCKABLE;
            ready = ((t.pendingSignals | pending) & ~t.blockedSignals) != 0;
        }
        if (ready) {
            wake(t);
        }
    }

    /** Sets what rt_sigtimedwait waits for, so senders wake the thread for them although blocked. */
    synchronized void setWaitingFor(GuestThread t, long set) {
        t.waitingFor = set;
    }

    /**
     * Parks the calling thread (the one running {@code t}) until the System.nanoTime deadline
     * (Long.MAX_VALUE: none) or until it has a signal to act on; returns whether a signal ended
     * the wait.
     */
    boolean park(GuestThread t, long deadline) {
        t.host = Thread.currentThread();
        while (true) {
            if (hasDeliverable(t)) {
                return true;
            }
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (left == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, left);
            }
        }
    }

    /** For a wait loop of its own (futex): registers the thread to be unparked; true when a signal is due. */
    boolean interruptsWait(GuestThread t) {
        t.host = Thread.currentThread();
        return hasDeliverable(t);
    }

    /** Makes the thread look at its signals: at its next block boundary, and now if it is parked. */
    private static void wake(GuestThread t) {
        Vcpu cpu = t.cpu;
        if (cpu != null) {
            cpu.requestInterrupt();
        }
        Thread host = t.host;
        if (host != null) {
            LockSupport.unpark(host);
        }
    }
}
