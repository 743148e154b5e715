package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

import static dev.emu.engine.linux.SyscallNumbers.*;

/**
 * What glibc's thread runtime calls even in a single-threaded program: gettid,
 * set_tid_address, set_robust_list, rseq (refused, so glibc does without) and futex.
 */
final class ThreadSyscalls {
    private ThreadSyscalls() {}

    static final int FUTEX_WAIT = 0;
    static final int FUTEX_WAKE = 1;
    static final int FUTEX_WAIT_BITSET = 9;
    static final int FUTEX_WAKE_BITSET = 10;
    static final int FUTEX_PRIVATE_FLAG = 128;
    static final int FUTEX_CLOCK_REALTIME = 256;
    static final int FUTEX_BITSET_MATCH_ANY = -1;
    /** sizeof(struct robust_list_head) on 64-bit. */
    static final int ROBUST_LIST_HEAD_SIZE = 24;

    static void register(SyscallTable t) {
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
        t.define(FUTEX, "futex(p,d,d,p,p,d)", ThreadSyscalls::futex);
    }

    static long futex(LinuxProcess p, Vcpu cpu, long[] a) {
        int op = (int) a[1];
        int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
        boolean realtime = (op & FUTEX_CLOCK_REALTIME) != 0;
        Futexes futexes = p.futexes();
        return switch (cmd) {
            case FUTEX_WAIT, FUTEX_WAIT_BITSET -> {
                int bitset = cmd == FUTEX_WAIT ? FUTEX_BITSET_MATCH_ANY : (int) a[5];
                if (bitset == 0 || realtime && cmd == FUTEX_WAIT) {
                    throw new SyscallError(cmd == FUTEX_WAIT ? Errno.ENOSYS : Errno.EINVAL);
                }
                GuestThread self = p.thread(cpu);
                futexes.await(p.memory(), a[0], (int) a[2], deadline(p.memory(), a[3], cmd, realtime), bitset,
                        () -> p.signals().interruptsWait(self));
                yield 0;
            }
            case FUTEX_WAKE, FUTEX_WAKE_BITSET -> {
                int bitset = cmd == FUTEX_WAKE ? FUTEX_BITSET_MATCH_ANY : (int) a[5];
                if (bitset == 0) {
                    throw new SyscallError(Errno.EINVAL);
                }
                yield futexes.wake(a[0], (int) a[2], bitset);
            }
            default -> throw new SyscallError(Errno.ENOSYS);
        };
    }

    /**
     * The System.nanoTime deadline of a futex wait: FUTEX_WAIT's timeout is relative,
     * FUTEX_WAIT_BITSET's absolute on CLOCK_MONOTONIC (or CLOCK_REALTIME with the flag).
     */
    private static long deadline(GuestMemory m, long timeoutAddr, int cmd, boolean realtime) {
        if (timeoutAddr == 0) {
            return Long.MAX_VALUE;
        }
        long t = TimeSyscalls.readTimespec(m, timeoutAddr);
        long now = System.nanoTime();
        if (cmd == FUTEX_WAIT) {
            return t > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + t;
        }
        long clockNow = TimeSyscalls.now(realtime ? TimeSyscalls.CLOCK_REALTIME : TimeSyscalls.CLOCK_MONOTONIC);
        return now + (t - clockNow);
    }
}
