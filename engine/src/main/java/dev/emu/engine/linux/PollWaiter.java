package dev.emu.engine.linux;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;

/**
 * What one ppoll/pselect6 call (or one blocking transfer) sleeps on until a file it watches may
 * have changed: a {@link Selector} for host channels (sockets), plus wake-up calls from
 * in-memory files (pipes, eventfds) made by whichever guest thread changed them. A file that
 * can tell neither (a terminal or pipe on the host's stdin) asks to be polled again after a
 * short slice instead.
 *
 * <p>Made per call: it is closed (selector and callbacks dropped) when the call returns.
 */
final class PollWaiter implements AutoCloseable {
    /** How often a file that cannot wake the waiter is looked at again. */
    static final long SLICE_NANOS = 10_000_000;

    private Selector selector;
    private boolean sliced;
    private boolean woken;
    private final List<Runnable> unregister = new ArrayList<>();
    /** Told of every wake-up: epoll's interest entries use a waiter this way, to see edges. */
    private final Runnable onWake;

    PollWaiter() {
        this(null);
    }

    /** A waiter that also runs onWake (from the waking thread, which may hold the file's lock) on each wake-up. */
    PollWaiter(Runnable onWake) {
        this.onWake = onWake;
    }

    /** Wakes on the channel becoming ready for ops (SelectionKey.OP_*). */
    void register(SelectableChannel channel, int ops) throws IOException {
        if (selector == null) {
            selector = Selector.open();
        }
        try {
            channel.register(selector, ops);
        } catch (ClosedChannelException e) {
            wakeup();
        }
    }

    /** For in-memory files: keeps the callback until close, through remove. */
    void onClose(Runnable remove) {
        unregister.add(remove);
    }

    /** Polls again after a short slice: for a file that cannot wake the waiter. */
    void pollEvery() {
        sliced = true;
    }

    /** Called by an in-memory file whose state changed, from any thread. */
    void wakeup() {
        if (onWake != null) {
            onWake.run();
        }
        Selector s;
        synchronized (this) {
            woken = true;
            notifyAll();
            s = selector;
        }
        if (s != null) {
            s.wakeup();
        }
    }

    /**
     * Sleeps until woken, until deadline (System.nanoTime; Long.MAX_VALUE: none) or for a slice.
     * A Java interrupt (the thread is being stopped) ends the wait with EINTR.
     */
    void await(long deadline) throws IOException {
        long wait = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadline - System.nanoTime());
        if (sliced) {
            wait = Math.min(wait, SLICE_NANOS);
        }
        if (wait == 0) {
            return;
        }
        if (selector != null) {
            long ms = wait == Long.MAX_VALUE ? 0 : Math.max(1, (wait + 999_999) / 1_000_000);
            selector.select(ms);
            selector.selectedKeys().clear();
        } else {
            awaitMonitor(wait);
        }
        synchronized (this) {
            woken = false;
        }
        if (Thread.interrupted()) {
            throw new SyscallError(Errno.EINTR);
        }
    }

    private synchronized void awaitMonitor(long nanos) {
        long end = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
        try {
            while (!woken) {
                long left = end == Long.MAX_VALUE ? 0 : end - System.nanoTime();
                if (end != Long.MAX_VALUE && left <= 0) {
                    return;
                }
                wait(left / 1_000_000, (int) (left % 1_000_000));
            }
        } catch (InterruptedException e) {
            throw new SyscallError(Errno.EINTR);
        }
    }

    @Override
    public void close() throws IOException {
        unregister.forEach(Runnable::run);
        if (selector != null) {
            selector.close();
        }
    }
}
