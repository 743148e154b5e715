package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

import static dev.emu.engine.linux.SyscallNumbers.*;

/**
 * Threads: clone (new threads only: see {@link #clone}), exit of one thread (in
 * {@link ProcessSyscalls}), gettid, set_tid_address, set_robust_list, rseq (refused, so glibc
 * does without) and futex, whose queues are {@link Futexes}.
 */
final class ThreadSyscalls {
    private ThreadSyscalls() {}

    static final int FUTEX_WAIT = 0;
    static final int FUTEX_WAKE = 1;
    static final int FUTEX_REQUEUE = 3;
    static final int FUTEX_CMP_REQUEUE = 4;
    static final int FUTEX_WAKE_OP = 5;
    static final int FUTEX_WAIT_BITSET = 9;
    static final int FUTEX_WAKE_BITSET = 10;
    static final int FUTEX_PRIVATE_FLAG = 128;
    static final int FUTEX_CLOCK_REALTIME = 256;
    static final int FUTEX_BITSET_MATCH_ANY = -1;
    /** sizeof(struct robust_list_head) on 64-bit. */
    static final int ROBUST_LIST_HEAD_SIZE = 24;

    static final long CLONE_VM = 0x100;
    static final long CLONE_FS = 0x200;
    static final long CLONE_FILES = 0x400;
    static final long CLONE_SIGHAND = 0x800;
    static final long CLONE_PIDFD = 0x1000;
    static final long CLONE_VFORK = 0x4000;
    static final long CLONE_THREAD = 0x10000;
    static final long CLONE_SETTLS = 0x80000;
    static final long CLONE_PARENT_SETTID = 0x100000;
    static final long CLONE_CHILD_CLEARTID = 0x200000;
    static final long CLONE_CHILD_SETTID = 0x1000000;
    /** CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET: no namespaces here. */
    static final long CLONE_NEW_NAMESPACES = 0x20000 | 0x7e000000;

    /** Clone flag names in the order qemu 7.2's -strace prints them. */
    private static final String[] CLONE_FLAG_NAMES = {"CLONE_VM", "CLONE_FS", "CLONE_FILES", "CLONE_SIGHAND",
        "CLONE_PTRACE", "CLONE_VFORK", "CLONE_PARENT", "CLONE_THREAD", "CLONE_NEWNS", "CLONE_SYSVSEM", "CLONE_SETTLS",
        "CLONE_PARENT_SETTID", "CLONE_CHILD_CLEARTID", "CLONE_DETACHED", "CLONE_UNTRACED", "CLONE_CHILD_SETTID",
        "CLONE_NEWUTS", "CLONE_NEWIPC", "CLONE_NEWUSER", "CLONE_NEWPID", "CLONE_NEWNET", "CLONE_NEWCGROUP",
        "CLONE_NEWTIME", "CLONE_IO"};
    private static final long[] CLONE_FLAG_VALUES = {0x100, 0x200, 0x400, 0x800, 0x2000, 0x4000, 0x8000, 0x10000,
        0x20000, 0x40000, 0x80000, 0x100000, 0x200000, 0x400000, 0x800000, 0x1000000, 0x4000000, 0x8000000,
        0x10000000, 0x20000000, 0x40000000, 0x2000000, 0x80, 0x80000000L};
    private static final String[] FUTEX_OP_NAMES = {"FUTEX_WAIT", "FUTEX_WAKE", "FUTEX_FD", "FUTEX_REQUEUE",
        "FUTEX_CMP_REQUEUE", "FUTEX_WAKE_OP", "FUTEX_LOCK_PI", "FUTEX_UNLOCK_PI", "FUTEX_TRYLOCK_PI",
        "FUTEX_WAIT_BITSET", "FUTEX_WAKE_BITSET"};

    static void register(SyscallTable t) {
        t.define(CLONE, "clone(C,child_stack=X,parent_tidptr=X,tls=X,child_tidptr=X)", ThreadSyscalls::clone);
        // glibc 2.36 tries clone3 first where it has it, and takes clone on ENOSYS.
        t.define(CLONE3, "clone3(p,u)", (p, cpu, a) -> -Errno.ENOSYS);
        t.define(GETTID, "gettid()", (p, cpu, a) -> p.thread(cpu).tid);
        t.define(SET_TID_ADDRESS, "set_tid_address(p)", (p, cpu, a) -> {
            GuestThread thread = p.thread(cpu);
            thread.clearChildTid = a[0];
            return thread.tid;
        });
        t.define(SET_ROBUST_LIST, "set_robust_list(p,u)", (p, cpu, a) -> {
            if (a[1] != ROBUST_LIST_HEAD_SIZE) {
                throw new SyscallError(Errno.EINVAL);
            }
            GuestThread thread = p.thread(cpu);
            thread.robustListHead = a[0];
            thread.robustListLength = a[1];
            return 0;
        });
        t.define(RSEQ, "rseq(p,u,x,x)", (p, cpu, a) -> -Errno.ENOSYS);
        t.define(FUTEX, "futex(p,F,d,p,p,d)", ThreadSyscalls::futex);
    }

    /**
     * clone(flags, newsp, parent_tid, tls, child_tid) (riscv64's argument order): a new thread of
     * this process, as pthread_create asks (CLONE_VM|CLONE_THREAD|CLONE_SIGHAND, and with them
     * whatever of CLONE_FS, FILES, SYSVSEM, SETTLS, PARENT_SETTID, CHILD_SETTID, CHILD_CLEARTID).
     * A new process (fork, vfork, posix_spawn: clone without CLONE_THREAD) is ENOSYS: one JVM
     * cannot fork.
     */
    static long clone(LinuxProcess p, Vcpu cpu, long[] a) {
        long flags = a[0];
        if ((flags & CLONE_THREAD) != 0 && (flags & CLONE_SIGHAND) == 0
                || (flags & CLONE_SIGHAND) != 0 && (flags & CLONE_VM) == 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        if ((flags & CLONE_THREAD) == 0 || (flags & CLONE_VFORK) != 0) {
            p.logUnimplemented(CLONE); // fork, vfork, posix_spawn: -d unimp says so
            throw new SyscallError(Errno.ENOSYS);
        }
        if ((flags & (CLONE_NEW_NAMESPACES | CLONE_PIDFD)) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        return p.threads().cloneThread(cpu, flags, a[1], a[2], a[3], a[4]);
    }

    /**
     * What ends a futex wait early: a signal the thread can take, or a request to stop its vCPU
     * (another thread ended the process). Either way the run loop gets the vCPU back. Pipe
     * reads and writes wait on the same condition.
     */
    static java.util.function.BooleanSupplier interrupted(LinuxProcess p, Vcpu cpu) {
        GuestThread self = p.thread(cpu);
        // Not the vCPU's interrupt flag: it may be left over from a signal this very wait already
        // saw as pending, which would end the next wait for nothing (a spurious restart).
        return () -> p.signals().interruptsWait(self) || p.threads().isEnding();
    }

    static long futex(LinuxProcess p, Vcpu cpu, long[] a) {
        int op = (int) a[1];
        int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
        boolean realtime = (op & FUTEX_CLOCK_REALTIME) != 0;
        if (realtime && cmd != FUTEX_WAIT_BITSET) {
            throw new SyscallError(Errno.ENOSYS);
        }
        Futexes futexes = p.futexes();
        GuestMemory m = p.memory();
        long addr = a[0];
        int val = (int) a[2];
        return switch (cmd) {
            case FUTEX_WAIT -> {
                futexes.await(m, cpu, addr, val, relativeDeadline(m, a[3]), FUTEX_BITSET_MATCH_ANY, interrupted(p, cpu));
                yield 0;
            }
            case FUTEX_WAIT_BITSET -> {
                futexes.await(m, cpu, addr, val, absoluteDeadline(m, a[3], realtime), bitset(a[5]), interrupted(p, cpu));
                yield 0;
            }
            case FUTEX_WAKE -> futexes.wake(addr, val, FUTEX_BITSET_MATCH_ANY);
            case FUTEX_WAKE_BITSET -> futexes.wake(addr, val, bitset(a[5]));
            case FUTEX_REQUEUE -> futexes.requeue(m, addr, val, (int) a[3], a[4], false, 0);
            case FUTEX_CMP_REQUEUE -> futexes.requeue(m, addr, val, (int) a[3], a[4], true, (int) a[5]);
            case FUTEX_WAKE_OP -> futexes.wakeOp(m, addr, val, a[4], (int) a[3], (int) a[5]);
            default -> throw new SyscallError(Errno.ENOSYS); // the PI futexes, FUTEX_FD
        };
    }

    private static int bitset(long value) {
        if ((int) value == 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        return (int) value;
    }

    /** FUTEX_WAIT's timeout: relative, on CLOCK_MONOTONIC; as a System.nanoTime deadline. */
    private static long relativeDeadline(GuestMemory m, long timeoutAddr) {
        if (timeoutAddr == 0) {
            return Long.MAX_VALUE;
        }
        long t = TimeSyscalls.readTimespec(m, timeoutAddr);
        long now = System.nanoTime();
        return t > Long.MAX_VALUE - 1 - now ? Long.MAX_VALUE - 1 : now + t;
    }

    /** FUTEX_WAIT_BITSET's timeout: absolute, on CLOCK_MONOTONIC or (with the flag) CLOCK_REALTIME. */
    private static long absoluteDeadline(GuestMemory m, long timeoutAddr, boolean realtime) {
        if (timeoutAddr == 0) {
            return Long.MAX_VALUE;
        }
        long t = TimeSyscalls.readTimespec(m, timeoutAddr);
        long left = t - TimeSyscalls.now(realtime ? TimeSyscalls.CLOCK_REALTIME : TimeSyscalls.CLOCK_MONOTONIC);
        long now = System.nanoTime();
        return left > Long.MAX_VALUE - 1 - now ? Long.MAX_VALUE - 1 : now + left;
    }

    /** Clone flags as qemu's -strace prints them: names joined by |, the rest (the exit signal) in hex. */
    static String cloneFlagNames(long flags) {
        StringBuilder sb = new StringBuilder();
        long rest = flags & 0xffffffffL;
        for (int i = 0; i < CLONE_FLAG_NAMES.length; i++) {
            if ((rest & CLONE_FLAG_VALUES[i]) != 0) {
                sb.append(sb.isEmpty() ? "" : "|").append(CLONE_FLAG_NAMES[i]);
                rest &= ~CLONE_FLAG_VALUES[i];
            }
        }
        if (rest != 0 || sb.isEmpty()) {
            sb.append(sb.isEmpty() ? "" : "|").append(rest == 0 ? "0" : "0x" + Long.toHexString(rest));
        }
        return sb.toString();
    }

    /** A futex operation as qemu's -strace prints it: the flags, then the command's name. */
    static String futexOpName(int op) {
        StringBuilder sb = new StringBuilder();
        if ((op & FUTEX_PRIVATE_FLAG) != 0) {
            sb.append("FUTEX_PRIVATE_FLAG|");
        }
        if ((op & FUTEX_CLOCK_REALTIME) != 0) {
            sb.append("FUTEX_CLOCK_REALTIME|");
        }
        int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
        return sb.append(cmd >= 0 && cmd < FUTEX_OP_NAMES.length ? FUTEX_OP_NAMES[cmd] : Integer.toString(cmd)).toString();
    }
}
