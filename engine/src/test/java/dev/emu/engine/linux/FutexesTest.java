package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.Protection;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Futex queues with real host threads: wait/wake, value checks, timeouts, requeue, wake-op, interrupts. */
class FutexesTest {
    private static final long A = 0x10000;
    private static final long B = 0x10040;
    private static final int ANY = ThreadSyscalls.FUTEX_BITSET_MATCH_ANY;

    private final GuestMemory memory = new GuestMemory();
    private final Futexes futexes = new Futexes();

    FutexesTest() {
        memory.map(A, GuestMemory.PAGE_SIZE, Protection.RW);
    }

    private int errno(Runnable r) {
        return assertThrows(SyscallError.class, r::run).errno;
    }

    /** Starts a waiter on addr (value 0 expected) and returns when it is queued. */
    private CompletableFuture<Integer> waiter(long addr, int bitset, Vcpu cpu) throws InterruptedException {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                futexes.await(memory, cpu, addr, 0, Long.MAX_VALUE, bitset, cpu == null ? () -> false : cpu::interruptRequested);
                result.complete(0);
            } catch (SyscallError e) {
                result.complete(-e.errno);
            }
        });
        t.setDaemon(true);
        t.start();
        while (t.getState() != Thread.State.WAITING && !result.isDone()) {
            Thread.sleep(1);
        }
        return result;
    }

    @Test
    void aValueThatDiffersIsEagainAndATimeoutIsEtimedout() {
        GuestMemory.store32(memory, A, 5);
        assertEquals(Errno.EAGAIN, errno(() -> futexes.await(memory, null, A, 4, Long.MAX_VALUE, ANY, () -> false)));
        long start = System.nanoTime();
        assertEquals(Errno.ETIMEDOUT, errno(() -> futexes.await(memory, null, A, 5, System.nanoTime() + 20_000_000, ANY, () -> false)));
        assertTrue(System.nanoTime() - start >= 20_000_000);
        assertEquals(Errno.EINVAL, errno(() -> futexes.await(memory, null, A + 2, 0, Long.MAX_VALUE, ANY, () -> false)));
        assertEquals(0, futexes.wake(A, 1, ANY), "the timed-out waiter left its queue");
    }

    @Test
    void wakeWakesAtMostCountWaitersWithAMatchingBitset() throws Exception {
        List<CompletableFuture<Integer>> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiters.add(waiter(A, 1, null));
        }
        CompletableFuture<Integer> other = waiter(A, 2, null);
        assertEquals(0, futexes.wake(A, 5, 4), "no bitset matches");
        assertEquals(2, futexes.wake(A, 2, 1));
        assertEquals(1, futexes.wake(A, 0, 1), "a count of 0 wakes one, as on Linux");
        assertEquals(1, futexes.wake(A, Integer.MAX_VALUE, ANY));
        for (CompletableFuture<Integer> w : waiters) {
            assertEquals(0, w.get(5, TimeUnit.SECONDS));
        }
        assertEquals(0, other.get(5, TimeUnit.SECONDS));
    }

    @Test
    void cmpRequeueWakesSomeAndMovesTheRest() throws Exception {
        List<CompletableFuture<Integer>> waiters = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waiters.add(waiter(A, ANY, null));
        }
        GuestMemory.store32(memory, A, 7);
        assertEquals(Errno.EAGAIN, errno(() -> futexes.requeue(memory, A, 1, 10, B, true, 6)));
        assertEquals(3, futexes.requeue(memory, A, 1, 2, B, true, 7));
        for (int i = 0; i < 500 && waiters.stream().noneMatch(CompletableFuture::isDone); i++) {
            Thread.sleep(2);
        }
        assertEquals(1, waiters.stream().filter(CompletableFuture::isDone).count(), "one woken");
        assertEquals(2, futexes.wake(B, 10, ANY), "two were moved to B");
        assertEquals(1, futexes.wake(A, 10, ANY), "one stayed on A");
        for (CompletableFuture<Integer> w : waiters) {
            assertEquals(0, w.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void wakeOpUpdatesTheSecondWordAndWakesByItsOldValue() throws Exception {
        CompletableFuture<Integer> onA = waiter(A, ANY, null);
        CompletableFuture<Integer> onB = waiter(B, ANY, null);
        GuestMemory.store32(memory, B, 0);
        // FUTEX_OP_ADD 5 to B; wake B if its old value == 0 (FUTEX_OP_CMP_EQ 0)
        int encoded = 1 << 28 | 0 << 24 | 5 << 12 | 0;
        assertEquals(2, futexes.wakeOp(memory, A, 1, B, 1, encoded));
        assertEquals(5, (int) GuestMemory.load32(memory, B));
        assertEquals(0, onA.get(5, TimeUnit.SECONDS));
        assertEquals(0, onB.get(5, TimeUnit.SECONDS));
        // FUTEX_OP_OR with a shifted argument (1 << 3), compare old > 100: false, B not woken
        GuestMemory.store32(memory, B, 0);
        CompletableFuture<Integer> again = waiter(B, ANY, null);
        assertEquals(0, futexes.wakeOp(memory, A, 1, B, 1, (8 | 2) << 28 | 4 << 24 | 3 << 12 | 100));
        assertEquals(8, (int) GuestMemory.load32(memory, B));
        assertFalse(again.isDone());
        assertEquals(1, futexes.wake(B, 1, ANY));
        assertEquals(0, again.get(5, TimeUnit.SECONDS));
    }

    @Test
    void anInterruptRequestEndsTheWaitForARestart() throws Exception {
        Vcpu cpu = new Vcpu(1, 64, memory);
        CompletableFuture<Integer> w = waiter(A, ANY, cpu);
        cpu.requestInterrupt();
        futexes.wake(B, 1, ANY); // an unrelated wake does not matter; the unpark below does
        Thread.sleep(5);
        assertFalse(w.isDone(), "the request alone is seen at the next unpark");
        for (int i = 0; i < 100 && !w.isDone(); i++) {
            java.util.concurrent.locks.LockSupport.unpark(findWaiter());
            Thread.sleep(5);
        }
        assertEquals(-SignalDelivery.ERESTARTSYS, w.get(5, TimeUnit.SECONDS)); // EINTR or a restart, as the syscall layer decides
        assertEquals(0, futexes.wake(A, 1, ANY));
    }

    private static Thread findWaiter() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getState() == Thread.State.WAITING && t.isDaemon())
                .filter(t -> List.of(t.getStackTrace()).stream().anyMatch(e -> e.getMethodName().equals("await")))
                .findFirst().orElse(null);
    }

    @Test
    void manyThreadsCountingUnderAFutexLockLoseNothing() throws Exception {
        // A futex-based mutex (0 free, 1 locked, 2 contended), as glibc's lowlevellock builds it.
        AtomicInteger inside = new AtomicInteger();
        int[] counter = new int[1];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            Thread th = new Thread(() -> {
                GuestMemory.AtomicSlot lock = memory.atomic(A, 4);
                for (int i = 0; i < 2000; i++) {
                    if (lock.compareAndExchange32(0, 1) != 0) {
                        while (exchange(lock, 2) != 0) {
                            try {
                                futexes.await(memory, null, A, 2, Long.MAX_VALUE, ANY, () -> false);
                            } catch (SyscallError e) {
                                // EAGAIN: the value changed, try again
                            }
                        }
                    }
                    assertEquals(1, inside.incrementAndGet());
                    counter[0]++;
                    inside.decrementAndGet();
                    if (exchange(lock, 0) == 2) {
                        futexes.wake(A, 1, ANY);
                    }
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join(60_000);
        }
        assertEquals(12000, counter[0]);
    }

    private static int exchange(GuestMemory.AtomicSlot slot, int value) {
        int old = slot.getVolatile32();
        while (true) {
            int witness = slot.compareAndExchange32(old, value);
            if (witness == old) {
                return old;
            }
            old = witness;
        }
    }
}
