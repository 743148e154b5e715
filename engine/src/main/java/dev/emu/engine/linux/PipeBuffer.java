package dev.emu.engine.linux;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The kernel side of a pipe: a 64 KiB ring buffer shared by its read and write ends, which
 * guest threads may use at once. Reads wait for data (or end of file once the write end is
 * closed); writes wait for room, a write of at most {@link #PIPE_BUF} bytes going in whole, as
 * POSIX requires. Writing with the read end closed fails with EPIPE (SIGPIPE is raised by the
 * write syscall's caller, {@link FileSyscalls}). A waiting read or write gives up when its
 * stop condition (a signal for the thread, the process ending) turns true.
 */
final class PipeBuffer {
    /** Linux's default pipe capacity (16 pages). */
    static final int CAPACITY = 65536;
    /** Writes up to this size are atomic. */
    static final int PIPE_BUF = 4096;

    private final byte[] ring = new byte[CAPACITY];
    private int head;
    private int count;
    private boolean readerClosed;
    private boolean writerClosed;
    private final List<PollWaiter> waiters = new ArrayList<>();
    /** Threads parked in read or write until the buffer changes. */
    private final Set<Thread> sleepers = new HashSet<>();

    /** Reads up to len bytes; 0 at end of file; EAGAIN when empty and nonBlocking; ERESTARTSYS when stop says so while waiting. */
    int read(byte[] b, int off, int len, boolean nonBlocking, BooleanSupplier stop) {
        while (true) {
            synchronized (this) {
                if (len == 0 || count == 0 && writerClosed) {
                    return 0;
                }
                if (count > 0) {
                    return take(b, off, len);
                }
                if (nonBlocking) {
                    throw new SyscallError(Errno.EAGAIN);
                }
                sleepers.add(Thread.currentThread());
            }
            sleep(stop);
        }
    }

    private int take(byte[] b, int off, int len) {
        int n = Math.min(len, count);
        int first = Math.min(n, CAPACITY - head);
        System.arraycopy(ring, head, b, off, first);
        System.arraycopy(ring, 0, b, off + first, n - first);
        head = (head + n) % CAPACITY;
        count -= n;
        changed();
        return n;
    }

    /**
     * Writes len bytes, waiting for room unless nonBlocking (then: what fits, or EAGAIN). When
     * stop says so while it waits, the call ends with what it wrote, or ERESTARTSYS if nothing.
     */
    int write(byte[] b, int off, int len, boolean nonBlocking, BooleanSupplier stop) {
        int done = 0;
        while (true) {
            synchronized (this) {
                if (readerClosed) {
                    if (done > 0) {
                        return done;
                    }
                    throw new SyscallError(Errno.EPIPE);
                }
                int room = CAPACITY - count;
                boolean atomic = len <= PIPE_BUF;
                if (room > 0 && (!atomic || room >= len)) {
                    done += put(b, off + done, Math.min(room, len - done));
                }
                if (done == len) {
                    return done;
                }
                if (nonBlocking) {
                    if (done > 0) {
                        return done;
                    }
                    throw new SyscallError(Errno.EAGAIN);
                }
                sleepers.add(Thread.currentThread());
            }
            try {
                sleep(stop);
            } catch (SyscallError e) {
                if (done > 0) {
                    return done;
                }
                throw e;
            }
        }
    }

    private int put(byte[] b, int off, int n) {
        int tail = (head + count) % CAPACITY;
        int first = Math.min(n, CAPACITY - tail);
        System.arraycopy(b, off, ring, tail, first);
        System.arraycopy(b, off + first, ring, 0, n - first);
        count += n;
        changed();
        return n;
    }

    synchronized int available() {
        return count;
    }

    /** pipe_poll: the read end is readable with data, hung up without a writer; the write end is writable with room, in error without a reader. */
    synchronized int poll(boolean readEnd) {
        if (readEnd) {
            return (count > 0 ? PollSyscalls.POLLIN | PollSyscalls.POLLRDNORM : 0)
                    | (writerClosed ? PollSyscalls.POLLHUP : 0);
        }
        return (count < CAPACITY ? PollSyscalls.POLLOUT | PollSyscalls.POLLWRNORM : 0)
                | (readerClosed ? PollSyscalls.POLLERR : 0);
    }

    synchronized void closeEnd(boolean readEnd) {
        if (readEnd) {
            readerClosed = true;
        } else {
            writerClosed = true;
        }
        changed();
    }

    synchronized void addWaiter(PollWaiter w) {
        waiters.add(w);
    }

    synchronized void removeWaiter(PollWaiter w) {
        waiters.remove(w);
    }

    private void changed() {
        for (Thread t : sleepers) {
            LockSupport.unpark(t);
        }
        for (PollWaiter w : waiters) {
            w.wakeup();
        }
    }

    /**
     * Parks the calling thread, which has put itself among the sleepers under the lock, until a
     * change unparks it or stop turns true. Parking rather than Object.wait is what lets a
     * signal end the wait: the sender unparks the thread (SignalState) as it does a futex waiter.
     */
    private void sleep(BooleanSupplier stop) {
        try {
            if (stop.getAsBoolean()) {
                throw new SyscallError(SignalDelivery.ERESTARTSYS);
            }
            LockSupport.park(this);
        } finally {
            synchronized (this) {
                sleepers.remove(Thread.currentThread());
            }
        }
    }
}
