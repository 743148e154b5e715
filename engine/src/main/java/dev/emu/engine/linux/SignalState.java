package dev.emu.engine.linux;

import dev.emu.engine.exec.FatalSignal;

/**
 * The process's signal dispositions (what rt_sigaction installs) and the signals raised but not
 * yet delivered. Delivering a signal to a guest handler comes with the signal-frame work; until
 * then a caught or blocked signal stays pending here, and a signal whose action is to terminate
 * ends the process at once with a {@link FatalSignal}.
 */
public final class SignalState {
    public static final long SIG_DFL = 0;
    public static final long SIG_IGN = 1;

    /** struct sigaction's fields; restorer is 0 on ISAs without sa_restorer. */
    public record Action(long handler, long flags, long restorer, long mask) {
        static final Action DEFAULT = new Action(SIG_DFL, 0, 0, 0);
    }

    private final Action[] actions = new Action[Signals.MAX + 1];
    private long pending;

    public SignalState() {
        java.util.Arrays.fill(actions, Action.DEFAULT);
    }

    public synchronized Action action(int signal) {
        return actions[signal];
    }

    synchronized void setAction(int signal, Action action) {
        actions[signal] = action;
    }

    /** Signals raised but not delivered (bit n-1 for signal n). */
    public synchronized long pending() {
        return pending;
    }

    /**
     * Raises a signal at a thread: ignored signals vanish, caught or blocked ones become
     * pending, and one whose default action terminates the process throws FatalSignal.
     * Stop and continue are ignored for now (there is no job control to report to).
     */
    void raise(GuestThread thread, int signal) {
        if (signal == Signals.SIGKILL) {
            throw new FatalSignal(signal, 0);
        }
        Action action = action(signal);
        if (action.handler() == SIG_IGN) {
            return;
        }
        if (action.handler() == SIG_DFL) {
            Signals.DefaultAction what = Signals.defaultAction(signal);
            if (what != Signals.DefaultAction.TERMINATE && what != Signals.DefaultAction.CORE_DUMP) {
                return;
            }
            if ((thread.blockedSignals & Signals.bit(signal)) == 0) {
                throw new FatalSignal(signal, 0);
            }
        }
        synchronized (this) {
            pending |= Signals.bit(signal);
        }
    }

    /** After a thread unblocks signals: a pending one that now terminates the process does so. */
    void deliverUnblocked(GuestThread thread) {
        long ready;
        synchronized (this) {
            ready = pending & ~thread.blockedSignals;
        }
        for (int signal = 1; signal <= Signals.MAX; signal++) {
            if ((ready & Signals.bit(signal)) != 0 && action(signal).handler() == SIG_DFL) {
                synchronized (this) {
                    pending &= ~Signals.bit(signal);
                }
                raise(thread, signal);
            }
        }
    }
}
