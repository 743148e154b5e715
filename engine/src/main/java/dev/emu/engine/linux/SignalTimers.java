package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static dev.emu.engine.linux.SyscallNumbers.GETITIMER;
import static dev.emu.engine.linux.SyscallNumbers.SETITIMER;

/**
 * The process's interval timers (setitimer, getitimer; glibc's alarm() is setitimer on
 * riscv64). ITIMER_REAL counts host wall-clock time on one daemon thread, made on first use,
 * and sends SIGALRM to the process each time it expires. ITIMER_VIRTUAL and ITIMER_PROF are
 * recorded and reported back but never fire: emu does not measure the guest's CPU time per
 * timer.
 */
final class SignalTimers {
    static final int ITIMER_REAL = 0;
    static final int ITIMER_VIRTUAL = 1;
    static final int ITIMER_PROF = 2;
    private static final long MICROS = 1_000_000;

    private final LinuxProcess process;
    private ScheduledExecutorService clock;
    private ScheduledFuture<?> real;
    /** When ITIMER_REAL next expires (System.nanoTime) and its interval, in ns; 0: disarmed. */
    private long realDeadline;
    private long realInterval;
    /** The CPU-time timers' {interval, value} in microseconds, as last set. */
    private final long[][] cpuTimers = new long[3][2];

    SignalTimers(LinuxProcess process) {
        this.process = process;
    }

    static void register(SyscallTable t) {
        t.define(SETITIMER, "setitimer(d,p,p)", (p, cpu, a) -> p.timers().setitimer((int) a[0], a[1], a[2]));
        t.define(GETITIMER, "getitimer(d,p)", (p, cpu, a) -> p.timers().getitimer((int) a[0], a[1]));
    }

    /** struct itimerval: it_interval {tv_sec, tv_usec}, then it_value. */
    synchronized long setitimer(int which, long newAddr, long oldAddr) {
        checkWhich(which);
        GuestMemory m = process.memory();
        long interval = 0;
        long value = 0;
        if (newAddr != 0) {
            interval = readTimeval(m, newAddr);
            value = readTimeval(m, newAddr + 16);
        }
        if (oldAddr != 0) {
            getitimer(which, oldAddr);
        }
        if (which != ITIMER_REAL) {
            cpuTimers[which][0] = interval;
            cpuTimers[which][1] = value;
            return 0;
        }
        if (real != null) {
            real.cancel(false);
            real = null;
        }
        realDeadline = 0;
        realInterval = 0;
        if (value != 0) {
            long valueNs = value * 1000;
            realInterval = interval * 1000;
            realDeadline = System.nanoTime() + valueNs;
            real = realInterval != 0
                    ? clock().scheduleAtFixedRate(this::expire, valueNs, realInterval, TimeUnit.NANOSECONDS)
                    : clock().schedule(this::expire, valueNs, TimeUnit.NANOSECONDS);
        }
        return 0;
    }

    synchronized long getitimer(int which, long addr) {
        checkWhich(which);
        GuestMemory m = process.memory();
        if (which != ITIMER_REAL) {
            writeTimeval(m, addr, cpuTimers[which][0]);
            writeTimeval(m, addr + 16, cpuTimers[which][1]);
            return 0;
        }
        long left = realDeadline == 0 ? 0 : Math.max(1000, realDeadline - System.nanoTime());
        writeTimeval(m, addr, realInterval / 1000);
        writeTimeval(m, addr + 16, (left + 999) / 1000);
        return 0;
    }

    private void expire() {
        synchronized (this) {
            if (realInterval != 0) {
                realDeadline += realInterval;
            } else {
                realDeadline = 0;
                real = null;
            }
        }
        process.signals().sendToProcess(process.threadList(), SignalInfo.kernel(Signals.SIGALRM));
    }

    private ScheduledExecutorService clock() {
        if (clock == null) {
            clock = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "emu-itimer");
                t.setDaemon(true);
                return t;
            });
        }
        return clock;
    }

    private static void checkWhich(int which) {
        if (which != ITIMER_REAL && which != ITIMER_VIRTUAL && which != ITIMER_PROF) {
            throw new SyscallError(Errno.EINVAL);
        }
    }

    /** A struct timeval in microseconds; EINVAL for a negative time or tv_usec outside [0, 1e6). */
    private static long readTimeval(GuestMemory m, long addr) {
        long sec = GuestMemory.load64(m, addr);
        long usec = GuestMemory.load64(m, addr + 8);
        if (sec < 0 || usec < 0 || usec >= MICROS) {
            throw new SyscallError(Errno.EINVAL);
        }
        return sec > Long.MAX_VALUE / MICROS / 1000 - 1 ? Long.MAX_VALUE / 1000 : sec * MICROS + usec;
    }

    private static void writeTimeval(GuestMemory m, long addr, long micros) {
        GuestMemory.store64(m, addr, micros / MICROS);
        GuestMemory.store64(m, addr + 8, micros % MICROS);
    }
}
