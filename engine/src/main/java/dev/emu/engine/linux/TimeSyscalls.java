package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;

import static dev.emu.engine.linux.SyscallNumbers.*;

/**
 * Clocks, sleeping and scheduling: the guest reads the host's clocks (CLOCK_MONOTONIC is
 * System.nanoTime, which HotSpot takes from the host's CLOCK_MONOTONIC).
 */
final class TimeSyscalls {
    private TimeSyscalls() {}

    static final int CLOCK_REALTIME = 0;
    static final int CLOCK_MONOTONIC = 1;
    static final int CLOCK_PROCESS_CPUTIME_ID = 2;
    static final int CLOCK_THREAD_CPUTIME_ID = 3;
    static final int CLOCK_MONOTONIC_RAW = 4;
    static final int CLOCK_REALTIME_COARSE = 5;
    static final int CLOCK_MONOTONIC_COARSE = 6;
    static final int CLOCK_BOOTTIME = 7;
    static final int CLOCK_TAI = 11;
    static final int TIMER_ABSTIME = 1;
    private static final long NANOS = 1_000_000_000L;

    static void register(SyscallTable t) {
        t.define(CLOCK_GETTIME, "clock_gettime(d,p)", (p, cpu, a) -> {
            writeTimespec(p.memory(), a[1], now((int) a[0]));
            return 0;
        });
        t.define(CLOCK_GETRES, "clock_getres(d,p)", (p, cpu, a) -> {
            now((int) a[0]); // validates the clock
            if (a[1] != 0) {
                writeTimespec(p.memory(), a[1], 1);
            }
            return 0;
        });
        t.define(GETTIMEOFDAY, "gettimeofday(p,p)", TimeSyscalls::gettimeofday);
        t.define(NANOSLEEP, "nanosleep(p,p)", (p, cpu, a) -> {
            sleepUntil(p, cpu, System.nanoTime() + readTimespec(p.memory(), a[0]), a[1]);
            return 0;
        });
        t.define(CLOCK_NANOSLEEP, "clock_nanosleep(d,d,p,p)", TimeSyscalls::clockNanosleep);
        t.define(SCHED_YIELD, "sched_yield()", (p, cpu, a) -> {
            Thread.yield();
            return 0;
        });
    }

    /** The clock's current value in nanoseconds; EINVAL for a clock Linux does not have. */
    static long now(int clock) {
        return switch (clock) {
            case CLOCK_REALTIME, CLOCK_REALTIME_COARSE, CLOCK_TAI -> {
                Instant i = Clock.systemUTC().instant();
                yield i.getEpochSecond() * NANOS + i.getNano();
            }
            case CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME -> System.nanoTime();
            case CLOCK_PROCESS_CPUTIME_ID -> processCpuTime();
            case CLOCK_THREAD_CPUTIME_ID -> ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            default -> throw new SyscallError(Errno.EINVAL);
        };
    }

    private static long processCpuTime() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long t = os.getProcessCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** struct timeval {tv_sec, tv_usec}; a non-null timezone gets zeros (UTC, no DST). */
    static long gettimeofday(LinuxProcess p, Vcpu cpu, long[] a) {
        long ns = now(CLOCK_REALTIME);
        if (a[0] != 0) {
            GuestMemory.store64(p.memory(), a[0], Math.floorDiv(ns, NANOS));
            GuestMemory.store64(p.memory(), a[0] + 8, Math.floorMod(ns, NANOS) / 1000);
        }
        if (a[1] != 0) {
            GuestMemory.store64(p.memory(), a[1], 0);
        }
        return 0;
    }

    static long clockNanosleep(LinuxProcess p, Vcpu cpu, long[] a) {
        int clock = (int) a[0];
        if (clock == CLOCK_PROCESS_CPUTIME_ID) {
            throw new SyscallError(Errno.EOPNOTSUPP); // sleeping on CPU time: not emulated
        }
        if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME && clock != CLOCK_TAI) {
            throw new SyscallError(Errno.EINVAL);
        }
        long request = readTimespec(p.memory(), a[2]);
        long relative = (a[1] & TIMER_ABSTIME) != 0 ? request - now(clock) : request;
        sleepUntil(p, cpu, System.nanoTime() + Math.max(0, relative), (a[1] & TIMER_ABSTIME) != 0 ? 0 : a[3]);
        return 0;
    }

    /** struct timespec in nanoseconds; EINVAL for a negative time or tv_nsec outside [0, 1e9). */
    static long readTimespec(GuestMemory m, long addr) {
        long sec = GuestMemory.load64(m, addr);
        long nsec = GuestMemory.load64(m, addr + 8);
        if (sec < 0 || nsec < 0 || nsec >= NANOS) {
            throw new SyscallError(Errno.EINVAL);
        }
        return sec > Long.MAX_VALUE / NANOS - 1 ? Long.MAX_VALUE : sec * NANOS + nsec;
    }

    static void writeTimespec(GuestMemory m, long addr, long nanos) {
        GuestMemory.store64(m, addr, Math.floorDiv(nanos, NANOS));
        GuestMemory.store64(m, addr + 8, Math.floorMod(nanos, NANOS));
    }

    /**
     * Sleeps until the System.nanoTime deadline. A signal for the thread cuts it short: the time
     * left goes to {@code remainAddr} (if not 0) and the call fails with EINTR once handled.
     */
    private static void sleepUntil(LinuxProcess p, Vcpu cpu, long deadline, long remainAddr) {
        if (p.signals().park(p.thread(cpu), deadline)) {
            if (remainAddr != 0) {
                writeTimespec(p.memory(), remainAddr, Math.max(0, deadline - System.nanoTime()));
            }
            throw new SyscallError(SignalDelivery.ERESTART_RESTARTBLOCK);
        }
    }
}
