package dev.emu.engine.linux;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One direction of a socketpair: what one socket sent and the other has not yet received, as a
 * queue of the sends. A stream receive joins sends into one run of bytes; a datagram receive
 * takes one send whole (the rest of a long one is dropped). At most {@link #CAPACITY} bytes
 * wait (Linux's default send buffer); a sender waits for room, a receiver for data, both by
 * parking as {@link PipeBuffer} does, so a signal's unpark and the stop condition end the wait
 * (ERESTARTSYS).
 */
final class UnixPairQueue {
    /** net.core.wmem_default: what one side may have in flight. */
    static final int CAPACITY = 212992;

    private final boolean datagrams;
    private final ArrayDeque<byte[]> sends = new ArrayDeque<>();
    /** How much of the first send a stream receive has taken already. */
    private int headOffset;
    private int bytes;
    private long arrivals;
    /** The receiving side will read no more (closed, or shut down for reading): sends fail. */
    private boolean receiverGone;
    /** The sending side will send no more (closed, or shut down for writing): receives end. */
    private boolean senderGone;
    private final List<PollWaiter> waiters = new ArrayList<>();
    private final Set<Thread> sleepers = new HashSet<>();

    UnixPairQueue(boolean datagrams) {
        this.datagrams = datagrams;
    }

    /**
     * Queues len bytes. A stream send may go in parts and returns what it queued when it must
     * stop waiting after a first part; a datagram goes in whole (EMSGSIZE when it can never fit).
     * EPIPE (streams) or ECONNREFUSED (datagrams) once the receiver is gone.
     */
    int send(byte[] b, int len, boolean nonBlocking, BooleanSupplier stop) {
        if (datagrams && len > CAPACITY) {
            throw new SyscallError(Errno.EMSGSIZE);
        }
        int done = 0;
        while (true) {
            synchronized (this) {
                if (receiverGone) {
                    if (done > 0) {
                        return done;
                    }
                    throw new SyscallError(datagrams ? Errno.ECONNREFUSED : Errno.EPIPE);
                }
                int room = CAPACITY - bytes;
                if (datagrams ? room >= len : room > 0 || len == 0) {
                    int n = datagrams ? len : Math.min(room, len - done);
                    if (n > 0 || datagrams) {
                        sends.add(java.util.Arrays.copyOfRange(b, done, done + n));
                        bytes += n;
                        arrivals++;
                        done += n;
                        changed();
                    }
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

    /**
     * Receives into b: returns {count, full length}. For a stream, count bytes from as many
     * sends as fit (waitAll: until len, the end, or a stop with something received); 0 at the
     * end. For datagrams, one send; full is its whole length. shutRead: the receiving side
     * shut down for reading, so an empty queue is the end too.
     */
    int[] receive(byte[] b, int len, boolean peek, boolean waitAll, boolean nonBlocking, boolean shutRead,
                  BooleanSupplier stop) {
        int got = 0;
        while (true) {
            synchronized (this) {
                if (datagrams && !sends.isEmpty()) {
                    byte[] d = peek ? sends.peek() : sends.poll();
                    int n = Math.min(len, d.length);
                    System.arraycopy(d, 0, b, 0, n);
                    if (!peek) {
                        bytes -= d.length;
                        changed();
                    }
                    return new int[] {n, d.length};
                }
                if (!datagrams) {
                    got += take(b, got, len - got, peek);
                    if (got == len || got > 0 && (!waitAll || peek)) {
                        return new int[] {got, got};
                    }
                }
                if (sends.isEmpty() && (senderGone && !datagrams || shutRead)) {
                    return new int[] {got, got};
                }
                if (nonBlocking) {
                    if (got > 0) {
                        return new int[] {got, got};
                    }
                    throw new SyscallError(Errno.EAGAIN);
                }
                sleepers.add(Thread.currentThread());
            }
            try {
                sleep(stop);
            } catch (SyscallError e) {
                if (got > 0) {
                    return new int[] {got, got};
                }
                throw e;
            }
        }
    }

    /** Copies up to len stream bytes to b at off, consuming them unless peek. */
    private int take(byte[] b, int off, int len, boolean peek) {
        int n = 0;
        int skip = headOffset;
        for (var it = sends.iterator(); it.hasNext() && n < len; ) {
            byte[] s = it.next();
            int part = Math.min(len - n, s.length - skip);
            System.arraycopy(s, skip, b, off + n, part);
            n += part;
            if (peek) {
                skip = 0;
                continue;
            }
            if (skip + part == s.length) {
                it.remove();
                headOffset = 0;
                skip = 0;
            } else {
                headOffset = skip + part;
            }
        }
        if (!peek && n > 0) {
            bytes -= n;
            changed();
        }
        return n;
    }

    /** FIONREAD: every byte waiting (stream), or the next datagram's length. */
    synchronized int available() {
        if (datagrams) {
            return sends.isEmpty() ? 0 : sends.peek().length;
        }
        return bytes;
    }

    synchronized boolean hasData() {
        return !sends.isEmpty();
    }

    synchronized boolean hasRoom() {
        return bytes < CAPACITY;
    }

    synchronized boolean senderGone() {
        return senderGone;
    }

    synchronized boolean receiverGone() {
        return receiverGone;
    }

    synchronized long arrivals() {
        return arrivals;
    }

    synchronized void closeSender() {
        senderGone = true;
        changed();
    }

    synchronized void closeReceiver() {
        receiverGone = true;
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

    /** Parks until a change or a signal's unpark; ERESTARTSYS when stop is already true. */
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
