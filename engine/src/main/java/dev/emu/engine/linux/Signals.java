package dev.emu.engine.linux;

/**
 * Linux signal numbers (the generic numbering riscv64 and arm64 share), their C library
 * descriptions, and what each does by default when no handler is installed.
 */
public final class Signals {
    private Signals() {}

    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGILL = 4;
    public static final int SIGTRAP = 5;
    public static final int SIGABRT = 6;
    public static final int SIGBUS = 7;
    public static final int SIGFPE = 8;
    public static final int SIGKILL = 9;
    public static final int SIGUSR1 = 10;
    public static final int SIGSEGV = 11;
    public static final int SIGUSR2 = 12;
    public static final int SIGPIPE = 13;
    public static final int SIGALRM = 14;
    public static final int SIGTERM = 15;
    public static final int SIGSTKFLT = 16;
    public static final int SIGCHLD = 17;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;
    public static final int SIGTSTP = 20;
    public static final int SIGTTIN = 21;
    public static final int SIGTTOU = 22;
    public static final int SIGURG = 23;
    public static final int SIGXCPU = 24;
    public static final int SIGXFSZ = 25;
    public static final int SIGVTALRM = 26;
    public static final int SIGPROF = 27;
    public static final int SIGWINCH = 28;
    public static final int SIGIO = 29;
    public static final int SIGPWR = 30;
    public static final int SIGSYS = 31;
    public static final int SIGRTMIN = 32;
    /** The highest signal number (_NSIG). */
    public static final int MAX = 64;

    /** What a signal does when its disposition is SIG_DFL. */
    public enum DefaultAction { TERMINATE, CORE_DUMP, IGNORE, STOP, CONTINUE }

    private static final String[] DESCRIPTIONS = {
        null, "Hangup", "Interrupt", "Quit", "Illegal instruction", "Trace/breakpoint trap", "Aborted",
        "Bus error", "Floating point exception", "Killed", "User defined signal 1", "Segmentation fault",
        "User defined signal 2", "Broken pipe", "Alarm clock", "Terminated", "Stack fault", "Child exited",
        "Continued", "Stopped (signal)", "Stopped", "Stopped (tty input)", "Stopped (tty output)",
        "Urgent I/O condition", "CPU time limit exceeded", "File size limit exceeded", "Virtual timer expired",
        "Profiling timer expired", "Window changed", "I/O possible", "Power failure", "Bad system call",
    };

    public static boolean isValid(int signal) {
        return signal >= 1 && signal <= MAX;
    }

    /** strsignal's text: "Segmentation fault", "Real-time signal 3". */
    public static String description(int signal) {
        if (signal >= 1 && signal < DESCRIPTIONS.length) {
            return DESCRIPTIONS[signal];
        }
        if (signal >= SIGRTMIN && signal <= MAX) {
            return "Real-time signal " + (signal - SIGRTMIN);
        }
        return "Unknown signal " + signal;
    }

    public static DefaultAction defaultAction(int signal) {
        return switch (signal) {
            case SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS ->
                    DefaultAction.CORE_DUMP;
            case SIGCHLD, SIGURG, SIGWINCH -> DefaultAction.IGNORE;
            case SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU -> DefaultAction.STOP;
            case SIGCONT -> DefaultAction.CONTINUE;
            default -> DefaultAction.TERMINATE;
        };
    }

    public static boolean dumpsCore(int signal) {
        return defaultAction(signal) == DefaultAction.CORE_DUMP;
    }

    /**
     * The stderr line for a process killed by this signal: {@code emu: uncaught target signal
     * 11 (Segmentation fault) - core dumped}. qemu-user prints it only when it wrote a core
     * file; emu writes none but prints it for every signal whose default action dumps core, so
     * a crash is never silent, and returns empty for the plainly terminating ones (SIGTERM,
     * SIGPIPE, SIGKILL, ...), for which neither qemu nor a shell prints anything.
     */
    public static java.util.Optional<String> report(int signal) {
        if (!dumpsCore(signal)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("emu: uncaught target signal " + signal + " (" + description(signal)
                + ") - core dumped");
    }

    /** SIGKILL and SIGSTOP can be neither caught, ignored nor blocked. */
    public static boolean isUncatchable(int signal) {
        return signal == SIGKILL || signal == SIGSTOP;
    }

    /** The bit of a signal in a 64-bit sigset_t. */
    public static long bit(int signal) {
        return 1L << (signal - 1);
    }
}
