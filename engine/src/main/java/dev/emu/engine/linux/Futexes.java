package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Futex wait queues keyed by guest address (one process: private and shared futexes alike). The
 * value check and the enqueue happen under the lock every waker takes, so a wake that follows
 * the guest's store is never missed: a waker that ran before the check made its store visible
 * to it through that lock. Waiters queue in arrival order and wake in that order.
 *
 * <p>A waiter parks its host thread; it leaves when woken (its flag set under the lock, then
 * unparked), at its deadline (ETIMEDOUT), or when its vCPU gets an interrupt request (EINTR, so
 * the run loop can stop it or deliver a signal). Requeue moves waiters between addresses.
 */
final class Futexes {
    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        final Vcpu cpu;
        final int bitset;
        /** The queue it is in (requeue changes it); guarded by the Futexes lock. */
        long addr;
        boolean woken;

        Waiter(Vcpu cpu, long addr, int bitset) {
            this.cpu = cpu;
            this.addr = addr;
            this.bitset = bitset;
        }
    }

    private final Map<Long, List<Waiter>> queues = new HashMap<>();

    /**
     * Waits while the 32-bit word at addr equals expected, until woken (returns), until the
     * System.nanoTime deadline (Long.MAX_VALUE: none; ETIMEDOUT) or until {@code interrupted}
     * says the thread has something to do (a signal to take, the process ending: ERESTARTSYS,
     * which the syscall layer turns into EINTR or a restart); EAGAIN at once when the word
     * differs. Whoever makes {@code interrupted} true unparks the waiting host thread.
     */
    void await(GuestMemory memory, Vcpu cpu, long addr, int expected, long deadline, int bitset,
               BooleanSupplier interrupted) {
        checkAligned(addr);
        Waiter w = new Waiter(cpu, addr, bitset);
        synchronized (this) {
            if ((int) GuestMemory.load32(memory, addr) != expected) {
                throw new SyscallError(Errno.EAGAIN);
            }
            queues.computeIfAbsent(addr, k -> new ArrayList<>()).add(w);
        }
        while (true) {
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            int failure = left <= 0 ? Errno.ETIMEDOUT : interrupted.getAsBoolean() ? SignalDelivery.ERESTARTSYS : 0;
            synchronized (this) {
                if (w.woken) {
                    return;
                }
                if (failure != 0) {
                    remove(w);
                    throw new SyscallError(failure);
                }
            }
            if (left == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, left);
            }
        }
    }

    /**
     * Wakes up to count waiters on addr whose bitset intersects; returns how many. Like Linux, a
     * count of 0 still wakes one.
     */
    synchronized int wake(long addr, int count, int bitset) {
        checkAligned(addr);
        List<Waiter> q = queues.get(addr);
        int woken = 0;
        if (q != null) {
            for (Iterator<Waiter> it = q.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if ((w.bitset & bitset) != 0) {
                    it.remove();
                    wakeUp(w);
                    if (++woken >= count) {
                        break;
                    }
                }
            }
            dropIfEmpty(addr, q);
        }
        return woken;
    }

    /**
     * FUTEX_REQUEUE and FUTEX_CMP_REQUEUE: wakes up to wakeCount waiters on addr and moves up to
     * requeueCount of the rest to addr2; returns how many it woke and moved. With
     * {@code compare}, first EAGAIN unless the word at addr equals expected.
     */
    synchronized int requeue(GuestMemory memory, long addr, int wakeCount, int requeueCount, long addr2,
                             boolean compare, int expected) {
        checkAligned(addr);
        checkAligned(addr2);
        if (wakeCount < 0 || requeueCount < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        if (compare && (int) GuestMemory.load32(memory, addr) != expected) {
            throw new SyscallError(Errno.EAGAIN);
        }
        List<Waiter> q = queues.get(addr);
        if (q == null) {
            return 0;
        }
        int handled = 0;
        List<Waiter> moved = new ArrayList<>();
        for (Iterator<Waiter> it = q.iterator(); it.hasNext() && handled - wakeCount < requeueCount; ) {
            Waiter w = it.next();
            it.remove();
            if (++handled <= wakeCount) {
                wakeUp(w);
            } else {
                w.addr = addr2;
                moved.add(w);
            }
        }
        dropIfEmpty(addr, q);
        if (!moved.isEmpty()) {
            queues.computeIfAbsent(addr2, k -> new ArrayList<>()).addAll(moved);
        }
        return handled;
    }

    /**
     * FUTEX_WAKE_OP: atomically applies the encoded operation to the word at addr2, wakes up to
     * count waiters on addr, then, if the word's old value passes the encoded comparison, up to
     * count2 waiters on addr2; returns how many it woke.
     */
    synchronized int wakeOp(GuestMemory memory, long addr, int count, long addr2, int count2, int encoded) {
        checkAligned(addr);
        checkAligned(addr2);
        int op = encoded >>> 28 & 7;
        int cmp = encoded >>> 24 & 15;
        int oparg = encoded << 8 >> 20;
        int cmparg = encoded << 20 >> 20;
        if ((encoded >>> 28 & 8) != 0) {
            oparg = 1 << (oparg & 31);
        }
        if (op > 4 || cmp > 5) {
            throw new SyscallError(Errno.ENOSYS);
        }
        GuestMemory.AtomicSlot slot = memory.atomic(addr2, 4);
        int old = slot.getVolatile32();
        while (true) {
            int witness = slot.compareAndExchange32(old, applyOp(op, old, oparg));
            if (witness == old) {
                break;
            }
            old = witness;
        }
        int woken = wakeIfQueued(addr, count);
        if (compare(cmp, old, cmparg)) {
            woken += wakeIfQueued(addr2, count2);
        }
        return woken;
    }

    private int wakeIfQueued(long addr, int count) {
        return queues.containsKey(addr) ? wake(addr, count, ThreadSyscalls.FUTEX_BITSET_MATCH_ANY) : 0;
    }

    private static int applyOp(int op, int old, int arg) {
        return switch (op) {
            case 0 -> arg;
            case 1 -> old + arg;
            case 2 -> old | arg;
            case 3 -> old & ~arg;
            default -> old ^ arg;
        };
    }

    private static boolean compare(int cmp, int old, int arg) {
        return switch (cmp) {
            case 0 -> old == arg;
            case 1 -> old != arg;
            case 2 -> old < arg;
            case 3 -> old <= arg;
            case 4 -> old > arg;
            default -> old >= arg;
        };
    }

    private static void wakeUp(Waiter w) {
        w.woken = true;
        LockSupport.unpark(w.thread);
    }

    private void remove(Waiter w) {
        List<Waiter> q = queues.get(w.addr);
        if (q != null) {
            q.remove(w);
            dropIfEmpty(w.addr, q);
        }
    }

    private void dropIfEmpty(long addr, List<Waiter> q) {
        if (q.isEmpty()) {
            queues.remove(addr);
        }
    }

    private static void checkAligned(long addr) {
        if ((addr & 3) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
    }
}
