package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.emu.engine.linux.SyscallNumbers.*;

/**
 * CPU time and resource usage: times and getrusage. The guest's process is the JVM, so the
 * process figures are the JVM's (from /proc/self/stat and /proc/self/status where Linux has
 * them, else the JVM's own counters), thread figures the calling host thread's, and children
 * none (emu never has any).
 */
final class ResourceUsage {
    private ResourceUsage() {}

    static final int RUSAGE_SELF = 0;
    static final int RUSAGE_CHILDREN = -1;
    static final int RUSAGE_THREAD = 1;
    /** USER_HZ: the unit of clock_t in times and /proc/self/stat. */
    static final long CLOCK_TICKS = 100;
    static final long TICK_NANOS = 1_000_000_000L / CLOCK_TICKS;
    /** sizeof(struct rusage) on 64-bit: two timevals and fourteen longs. */
    static final int RUSAGE_SIZE = 144;

    static void register(SyscallTable t) {
        t.define(TIMES, "times(p)", ResourceUsage::times);
        t.define(GETRUSAGE, "getrusage(d,p)", ResourceUsage::getrusage);
    }

    /** struct tms {utime, stime, cutime, cstime} in ticks; the result is a tick count since boot. */
    static long times(LinuxProcess p, Vcpu cpu, long[] a) {
        if (a[0] != 0) {
            long[] cpuTime = processTimes();
            ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(cpuTime[0] / TICK_NANOS).putLong(cpuTime[1] / TICK_NANOS).putLong(0).putLong(0);
            UserMemory.write(p.memory(), a[0], b.array());
        }
        return System.nanoTime() / TICK_NANOS;
    }

    static long getrusage(LinuxProcess p, Vcpu cpu, long[] a) {
        long[] userSystem;
        long maxRssKb;
        switch ((int) a[0]) {
            case RUSAGE_SELF -> {
                userSystem = processTimes();
                maxRssKb = statusKb("VmHWM:");
            }
            case RUSAGE_THREAD -> {
                userSystem = threadTimes();
                maxRssKb = statusKb("VmHWM:");
            }
            case RUSAGE_CHILDREN -> {
                userSystem = new long[2];
                maxRssKb = 0;
            }
            default -> throw new SyscallError(Errno.EINVAL);
        }
        ByteBuffer b = ByteBuffer.allocate(RUSAGE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        putTimeval(b, userSystem[0]);
        putTimeval(b, userSystem[1]);
        b.putLong(maxRssKb);
        UserMemory.write(p.memory(), a[1], b.array());
        return 0;
    }

    private static void putTimeval(ByteBuffer b, long nanos) {
        b.putLong(nanos / 1_000_000_000L).putLong(nanos % 1_000_000_000L / 1000);
    }

    /** {user, system} nanoseconds of the whole process: /proc/self/stat's utime and stime, else the JVM's CPU time as user time. */
    static long[] processTimes() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]) * TICK_NANOS, Long.parseLong(f[12]) * TICK_NANOS};
        } catch (IOException | RuntimeException e) {
            long total = TimeSyscalls.now(TimeSyscalls.CLOCK_PROCESS_CPUTIME_ID);
            return new long[] {total, 0};
        }
    }

    /** {user, system} nanoseconds of the calling thread, as the JVM measures them. */
    static long[] threadTimes() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = Math.max(0, threads.getCurrentThreadCpuTime());
        long user = Math.max(0, Math.min(total, threads.getCurrentThreadUserTime()));
        return new long[] {user, total - user};
    }

    /** A "Key: N kB" line of /proc/self/status; the JVM's heap in use where there is none. */
    private static long statusKb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1024;
    }
}
