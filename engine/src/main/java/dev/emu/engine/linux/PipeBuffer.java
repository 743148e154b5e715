package dev.emu.engine.linux;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel side of a pipe: a 64 KiB ring buffer shared by its read and write ends, which
 * guest threads may use at once. Reads wait for data (or end of file once the write end is
 * closed); writes wait for room, a write of at most {@link #PIPE_BUF} bytes going in whole, as
 * POSIX requires. Writing with the read end closed fails with EPIPE (SIGPIPE is raised by the
 * write syscall's caller, {@link FileSyscalls}).
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

    /** Reads up to len bytes; 0 at end of file; EAGAIN when empty and nonBlocking. */
    synchronized int read(byte[] b, int off, int len, boolean nonBlocking) {
        if (len == 0) {
            return 0;
        }
        while (count == 0) {
            if (writerClosed) {
                return 0;
            }
            if (nonBlocking) {
                throw new SyscallError(Errno.EAGAIN);
            }
            sleep();
        }
        int n = Math.min(len, count);
        int first = Math.min(n, CAPACITY - head);
        System.arraycopy(ring, head, b, off, first);
        System.arraycopy(ring, 0, b, off + first, n - first);
        head = (head + n) % CAPACITY;
        count -= n;
        changed();
        return n;
    }

    /** Writes len bytes, waiting for room unless nonBlocking (then: what fits, or EAGAIN). */
    synchronized int write(byte[] b, int off, int len, boolean nonBlocking) {
        int done = 0;
        while (done < len || len == 0) {
            if (readerClosed) {
                if (done > 0) {
                    return done;
                }
                throw new SyscallError(Errno.EPIPE);
            }
            if (len == 0) {
                return 0;
            }
            int room = CAPACITY - count;
            boolean atomic = len <= PIPE_BUF;
            if (room == 0 || atomic && room < len) {
                if (nonBlocking) {
                    if (done > 0) {
                        return done;
                    }
                    throw new SyscallError(Errno.EAGAIN);
                }
                sleep();
                continue;
            }
            int n = Math.min(room, len - done);
            int tail = (head + count) % CAPACITY;
            int first = Math.min(n, CAPACITY - tail);
            System.arraycopy(b, off + done, ring, tail, first);
            System.arraycopy(b, off + done + first, ring, 0, n - first);
            count += n;
            done += n;
            changed();
        }
        return done;
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
        notifyAll();
        for (PollWaiter w : waiters) {
            w.wakeup();
        }
    }

    private void sleep() {
        try {
            wait();
        } catch (InterruptedException e) {
            throw new SyscallError(Errno.EINTR);
        }
    }
}
