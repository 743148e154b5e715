package dev.emu.engine.linux;

import dev.emu.engine.mem.GuestMemory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Futex wait queues keyed by guest address. The value check and the enqueue happen under the
 * same lock a waker takes, so a wake that follows the guest's store can never be missed. With
 * one thread a FUTEX_WAIT whose value matches can only end by its timeout (or never), as on
 * Linux; a mismatching value returns EAGAIN at once. A signal for the waiting thread ends the
 * wait with ERESTARTSYS (EINTR, or a restart under SA_RESTART).
 */
final class Futexes {
    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        final int bitset;
        boolean woken;

        Waiter(int bitset) {
            this.bitset = bitset;
        }
    }

    private final Map<Long, List<Waiter>> queues = new HashMap<>();

    /**
     * Waits while the 32-bit word at addr equals expected, until woken or until the
     * System.nanoTime deadline (Long.MAX_VALUE: none).
     */
    void await(GuestMemory memory, long addr, int expected, long deadline, int bitset, BooleanSupplier signalled) {
        if ((addr & 3) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        Waiter w = new Waiter(bitset);
        synchronized (this) {
            if ((int) GuestMemory.load32(memory, addr) != expected) {
                throw new SyscallError(Errno.EAGAIN);
            }
            queues.computeIfAbsent(addr, k -> new ArrayList<>()).add(w);
        }
        while (true) {
            synchronized (this) {
                if (w.woken) {
                    return;
                }
            }
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (signalled.getAsBoolean()) {
                synchronized (this) {
                    if (w.woken) {
                        return;
                    }
                    remove(addr, w);
                }
                throw new SyscallError(SignalDelivery.ERESTARTSYS); // a signal for the waiter
            }
            if (left <= 0) {
                synchronized (this) {
                    if (w.woken) {
                        return;
                    }
                    remove(addr, w);
                }
                throw new SyscallError(Errno.ETIMEDOUT);
            }
            if (left == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, left);
            }
        }
    }

    /** Wakes up to count waiters on addr whose bitset intersects; returns how many. */
    synchronized int wake(long addr, int count, int bitset) {
        List<Waiter> q = queues.get(addr);
        int woken = 0;
        if (q != null) {
            for (Iterator<Waiter> it = q.iterator(); it.hasNext() && woken < count; ) {
                Waiter w = it.next();
                if ((w.bitset & bitset) != 0) {
                    it.remove();
                    w.woken = true;
                    LockSupport.unpark(w.thread);
                    woken++;
                }
            }
            if (q.isEmpty()) {
                queues.remove(addr);
            }
        }
        return woken;
    }

    private void remove(long addr, Waiter w) {
        List<Waiter> q = queues.get(addr);
        if (q != null) {
            q.remove(w);
            if (q.isEmpty()) {
                queues.remove(addr);
            }
        }
    }
}
