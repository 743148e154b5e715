package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

import static dev.emu.engine.linux.SyscallNumbers.*;

/**
 * Scheduling: CPU affinity, nice values, scheduling policies and getcpu. Every guest thread is a
 * host thread that the host schedules as it likes, so these calls keep and report what the guest
 * asked for (per thread, as Linux does) without changing how the host runs it. Permission rules
 * are Linux's for a process without CAP_SYS_NICE unless its effective uid is 0.
 */
final class SchedulingSyscalls {
    private SchedulingSyscalls() {}

    static final int PRIO_PROCESS = 0;
    static final int PRIO_PGRP = 1;
    static final int PRIO_USER = 2;
    static final int SCHED_OTHER = 0;
    static final int SCHED_FIFO = 1;
    static final int SCHED_RR = 2;
    static final int SCHED_BATCH = 3;
    static final int SCHED_IDLE = 5;
    static final int SCHED_RESET_ON_FORK = 0x40000000;

    static void register(SyscallTable t) {
        t.define(SCHED_GETAFFINITY, "sched_getaffinity(d,u,p)", SchedulingSyscalls::getaffinity);
        t.define(SCHED_SETAFFINITY, "sched_setaffinity(d,u,p)", SchedulingSyscalls::setaffinity);
        t.define(GETCPU, "getcpu(p,p,p)", SchedulingSyscalls::getcpu);
        t.define(GETPRIORITY, "getpriority(d,d)", SchedulingSyscalls::getpriority);
        t.define(SETPRIORITY, "setpriority(d,d,d)", SchedulingSyscalls::setpriority);
        t.define(SCHED_GETSCHEDULER, "sched_getscheduler(d)", (p, cpu, a) -> target(p, cpu, a[0]).schedPolicy);
        t.define(SCHED_GETPARAM, "sched_getparam(d,p)", (p, cpu, a) -> {
            GuestThread th = target(p, cpu, a[0]);
            GuestMemory.store32(p.memory(), a[1], th.schedPriority);
            return 0;
        });
        t.define(SCHED_SETSCHEDULER, "sched_setscheduler(d,d,p)", (p, cpu, a) ->
                setScheduler(p, target(p, cpu, a[0]), (int) a[1], a[2]));
        t.define(SCHED_SETPARAM, "sched_setparam(d,p)", (p, cpu, a) -> {
            GuestThread th = target(p, cpu, a[0]);
            return setScheduler(p, th, th.schedPolicy, a[1]);
        });
        t.define(SCHED_GET_PRIORITY_MAX, "sched_get_priority_max(d)", (p, cpu, a) -> priorityRange((int) a[0])[1]);
        t.define(SCHED_GET_PRIORITY_MIN, "sched_get_priority_min(d)", (p, cpu, a) -> priorityRange((int) a[0])[0]);
    }

    /** The thread a pid argument names: 0 or the caller's own id is the caller; another live thread of the process; else ESRCH. */
    static GuestThread target(LinuxProcess p, Vcpu cpu, long pid) {
        if ((int) pid < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        GuestThread self = p.thread(cpu);
        if ((int) pid == 0 || (int) pid == self.tid) {
            return self;
        }
        GuestThread other = p.threadById((int) pid);
        if (other == null) {
            throw new SyscallError(Errno.ESRCH);
        }
        return other;
    }

    private static int hostCpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * The kernel's cpumask size in bytes (what sched_getaffinity returns): longs enough for
     * nr_cpu_ids, the CPUs the host could ever have (/sys/devices/system/cpu/possible, "0-N"),
     * else for the CPUs the JVM sees.
     */
    private static int maskBytes() {
        int cpus = hostCpus();
        try {
            String possible = java.nio.file.Files.readString(java.nio.file.Path.of("/sys/devices/system/cpu/possible")).trim();
            String last = possible.substring(Math.max(possible.lastIndexOf('-'), possible.lastIndexOf(',')) + 1);
            cpus = Math.max(cpus, Integer.parseInt(last) + 1);
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: the JVM's count
        }
        return (cpus + 63) / 64 * 8;
    }

    static long getaffinity(LinuxProcess p, Vcpu cpu, long[] a) {
        GuestThread th = target(p, cpu, a[0]);
        int size = maskBytes();
        if (Long.compareUnsigned(a[1] * 8, hostCpus()) < 0 || (a[1] & 7) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        byte[] mask = new byte[size];
        byte[] allowed = th.affinity;
        for (int i = 0; i < hostCpus(); i++) {
            if (allowed == null || (allowed[i / 8] & (1 << (i % 8))) != 0) {
                mask[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        UserMemory.write(p.memory(), a[2], mask);
        return size;
    }

    /** Keeps the CPUs of the mask that the host has; EINVAL when none is left. */
    static long setaffinity(LinuxProcess p, Vcpu cpu, long[] a) {
        GuestThread th = target(p, cpu, a[0]);
        int len = (int) Math.min(Math.max(a[1], 0), maskBytes());
        byte[] given = UserMemory.read(p.memory(), a[2], len);
        byte[] mask = new byte[maskBytes()];
        boolean any = false;
        for (int i = 0; i < Math.min(hostCpus(), len * 8); i++) {
            if ((given[i / 8] & (1 << (i % 8))) != 0) {
                mask[i / 8] |= (byte) (1 << (i % 8));
                any = true;
            }
        }
        if (!any) {
            throw new SyscallError(Errno.EINVAL);
        }
        th.affinity = mask;
        return 0;
    }

    /** getcpu: the first CPU the thread may run on (the host does not say where a Java thread runs), node 0. */
    static long getcpu(LinuxProcess p, Vcpu cpu, long[] a) {
        byte[] allowed = p.thread(cpu).affinity;
        int first = 0;
        while (allowed != null && (allowed[first / 8] & (1 << (first % 8))) == 0) {
            first++;
        }
        if (a[0] != 0) {
            GuestMemory.store32(p.memory(), a[0], first);
        }
        if (a[1] != 0) {
            GuestMemory.store32(p.memory(), a[1], 0);
        }
        return 0;
    }

    /** The threads getpriority/setpriority address: a thread, or all of them for our group or user. */
    private static java.util.List<GuestThread> prioTargets(LinuxProcess p, Vcpu cpu, int which, int who) {
        return switch (which) {
            case PRIO_PROCESS -> java.util.List.of(target(p, cpu, who));
            case PRIO_PGRP, PRIO_USER -> {
                int own = which == PRIO_USER ? p.credentials().uids()[1] : p.settings().processGroup();
                if (who != 0 && who != own) {
                    throw new SyscallError(Errno.ESRCH);
                }
                yield p.threads().all();
            }
            default -> throw new SyscallError(Errno.EINVAL);
        };
    }

    /** The raw syscall answers 20 - nice (1..40) so that no success looks like an error; glibc converts. */
    static long getpriority(LinuxProcess p, Vcpu cpu, long[] a) {
        int best = Integer.MAX_VALUE;
        for (GuestThread th : prioTargets(p, cpu, (int) a[0], (int) a[1])) {
            best = Math.min(best, th.nice);
        }
        return 20 - best;
    }

    /** Raising the nice value is always allowed; lowering it needs privilege (EACCES). */
    static long setpriority(LinuxProcess p, Vcpu cpu, long[] a) {
        int nice = (int) Math.max(-20, Math.min(19, (int) a[2]));
        boolean privileged = p.credentials().uids()[1] == 0;
        for (GuestThread th : prioTargets(p, cpu, (int) a[0], (int) a[1])) {
            if (nice < th.nice && !privileged) {
                throw new SyscallError(Errno.EACCES);
            }
            th.nice = nice;
        }
        return 0;
    }

    /** {min, max} static priority of a policy: 1..99 for the real-time ones, 0 otherwise. */
    private static int[] priorityRange(int policy) {
        return switch (policy) {
            case SCHED_FIFO, SCHED_RR -> new int[] {1, 99};
            case SCHED_OTHER, SCHED_BATCH, SCHED_IDLE -> new int[] {0, 0};
            default -> throw new SyscallError(Errno.EINVAL);
        };
    }

    private static long setScheduler(LinuxProcess p, GuestThread th, int policyArg, long paramAddr) {
        int policy = policyArg & ~SCHED_RESET_ON_FORK;
        if (paramAddr == 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        int priority = (int) GuestMemory.load32(p.memory(), paramAddr);
        int[] range = priorityRange(policy);
        if (priority < range[0] || priority > range[1]) {
            throw new SyscallError(Errno.EINVAL);
        }
        boolean realtime = policy == SCHED_FIFO || policy == SCHED_RR;
        if (realtime && p.credentials().uids()[1] != 0) {
            throw new SyscallError(Errno.EPERM);
        }
        th.schedPolicy = policy;
        th.schedPriority = priority;
        return 0;
    }
}
