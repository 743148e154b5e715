package dev.emu.engine.linux;

/**
 * The process's resource limits (getrlimit/setrlimit/prlimit64), starting from the values a
 * typical Linux login gets. They are recorded and reported; emu enforces only what it must
 * (the descriptor table's size is fixed at {@link FdTable#MAX_FDS}).
 */
public final class ResourceLimits {
    public static final long INFINITY = -1L;
    public static final int RLIMIT_CPU = 0;
    public static final int RLIMIT_FSIZE = 1;
    public static final int RLIMIT_DATA = 2;
    public static final int RLIMIT_STACK = 3;
    public static final int RLIMIT_CORE = 4;
    public static final int RLIMIT_RSS = 5;
    public static final int RLIMIT_NPROC = 6;
    public static final int RLIMIT_NOFILE = 7;
    public static final int RLIMIT_MEMLOCK = 8;
    public static final int RLIMIT_AS = 9;
    public static final int RLIMIT_LOCKS = 10;
    public static final int RLIMIT_SIGPENDING = 11;
    public static final int RLIMIT_MSGQUEUE = 12;
    public static final int RLIMIT_NICE = 13;
    public static final int RLIMIT_RTPRIO = 14;
    public static final int RLIMIT_RTTIME = 15;
    public static final int COUNT = 16;

    private final long[] soft = new long[COUNT];
    private final long[] hard = new long[COUNT];

    public ResourceLimits() {
        java.util.Arrays.fill(soft, INFINITY);
        java.util.Arrays.fill(hard, INFINITY);
        initial(RLIMIT_STACK, 8L << 20, INFINITY);
        initial(RLIMIT_CORE, 0, INFINITY);
        initial(RLIMIT_NPROC, 63_000, 63_000);
        initial(RLIMIT_NOFILE, FdTable.MAX_FDS, FdTable.MAX_FDS);
        initial(RLIMIT_MEMLOCK, 8L << 20, 8L << 20);
        initial(RLIMIT_SIGPENDING, 63_000, 63_000);
        initial(RLIMIT_MSGQUEUE, 819_200, 819_200);
        initial(RLIMIT_NICE, 0, 0);
        initial(RLIMIT_RTPRIO, 0, 0);
    }

    private void initial(int resource, long softLimit, long hardLimit) {
        soft[resource] = softLimit;
        hard[resource] = hardLimit;
    }

    public synchronized long soft(int resource) {
        return soft[check(resource)];
    }

    public synchronized long hard(int resource) {
        return hard[check(resource)];
    }

    /**
     * Sets both limits; EINVAL when soft exceeds hard, EPERM when raising the hard limit (as
     * for an unprivileged process) or NOFILE beyond the descriptor table.
     */
    public synchronized void set(int resource, long newSoft, long newHard) {
        check(resource);
        if (Long.compareUnsigned(newSoft, newHard) > 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        if (Long.compareUnsigned(newHard, hard[resource]) > 0) {
            throw new SyscallError(Errno.EPERM);
        }
        if (resource == RLIMIT_NOFILE && Long.compareUnsigned(newHard, FdTable.MAX_FDS) > 0) {
            throw new SyscallError(Errno.EPERM);
        }
        soft[resource] = newSoft;
        hard[resource] = newHard;
    }

    private static int check(int resource) {
        if (resource < 0 || resource >= COUNT) {
            throw new SyscallError(Errno.EINVAL);
        }
        return resource;
    }
}
