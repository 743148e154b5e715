package dev.emu.engine.linux;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.Set;

/**
 * Signals sent to emu's host process (a terminal's Ctrl-C, kill from a shell) passed on to the
 * guest. A host handler is installed only for a signal the guest has given a disposition of
 * its own, so a guest that never asked keeps the host's default and dies of the signal as
 * natively; setting SIG_DFL again puts the host default back. The JVM cannot catch SIGQUIT
 * (its thread dump), SIGSEGV, SIGILL, SIGFPE or SIGBUS (its own faults); SIGPIPE is not
 * forwarded because emu raises it itself on a broken pipe (the JVM ignores the host one), and
 * SIGTRAP, SIGABRT and SIGCHLD are left to the JVM.
 */
final class SignalForwarding {
    private SignalForwarding() {}

    private static final Set<Integer> FORWARDED = Set.of(Signals.SIGHUP, Signals.SIGINT, Signals.SIGUSR1,
            Signals.SIGUSR2, Signals.SIGALRM, Signals.SIGTERM, Signals.SIGCONT, Signals.SIGTSTP, Signals.SIGTTIN,
            Signals.SIGTTOU, Signals.SIGURG, Signals.SIGXCPU, Signals.SIGXFSZ, Signals.SIGVTALRM, Signals.SIGPROF,
            Signals.SIGWINCH, Signals.SIGIO, Signals.SIGPWR, Signals.SIGSYS);
    private static final String[] HOST_NAMES = {
        null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE",
        "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM",
        "PROF", "WINCH", "IO", "PWR", "SYS",
    };

    /** After rt_sigaction set {@code handler} for the signal: forward the host's, or stop doing so. */
    static void follow(LinuxProcess p, int signal, long handler) {
        if (!FORWARDED.contains(signal) || !p.signals().markForwarded(signal, handler != SignalState.SIG_DFL)) {
            return;
        }
        SignalHandler host = handler == SignalState.SIG_DFL ? SignalHandler.SIG_DFL
                : s -> p.signals().sendToProcess(p.threadList(), SignalInfo.kernel(signal));
        try {
            Signal.handle(new Signal(HOST_NAMES[signal]), host);
        } catch (IllegalArgumentException e) {
            // the JVM keeps this one (started with -Xrs, or used by a debugger agent): not forwarded
        }
    }
}
