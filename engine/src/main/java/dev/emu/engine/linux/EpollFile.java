package dev.emu.engine.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An epoll instance: its interest list, keyed as Linux keys it by (descriptor number, open
 * file), so a file reached through two descriptors can be added twice. Readiness is asked of
 * each file when a wait looks ({@link OpenFile#poll}), as ppoll does; nothing is queued ahead.
 *
 * <p>Edge-triggered entries report only when something happened since the last report: a
 * wake-up from the file (pipes, eventfds and nested epolls call back through a {@link PollWaiter}
 * kept by the entry), bytes that arrived on a socket ({@link SocketFile#arrivals}), or a
 * readiness bit that was not set at the last look. One-shot entries are disarmed once they
 * report, until EPOLL_CTL_MOD arms them again. An entry goes away with the last descriptor of
 * its file, as Linux drops it when the file is released.
 *
 * <p>An epoll descriptor is itself pollable (readable while a wait would report something), so
 * epolls nest; adding one that already contains this one (directly or further down) is ELOOP.
 */
final class EpollFile extends OpenFile {
    static final int EPOLLEXCLUSIVE = 1 << 28;
    static final int EPOLLWAKEUP = 1 << 29;
    static final int EPOLLONESHOT = 1 << 30;
    static final int EPOLLET = 1 << 31;
    /** The bits that are instructions, not events. */
    static final int PRIVATE_BITS = EPOLLEXCLUSIVE | EPOLLWAKEUP | EPOLLONESHOT | EPOLLET;

    private record Key(int fd, OpenFile file) {}

    /** One watched (fd, file) pair. */
    private static final class Interest {
        final int fd;
        final OpenFile file;
        int events;
        long data;
        boolean armed = true;
        /** Set by the file's wake-ups (and on ADD/MOD), cleared when an edge is reported. */
        volatile boolean changed = true;
        int lastBits;
        long lastArrivals = -1;
        PollWaiter listener;

        Interest(int fd, OpenFile file) {
            this.fd = fd;
            this.file = file;
        }
    }

    /** What a wait reports for one entry. */
    record Event(int events, long data) {}

    private final Map<Key, Interest> interests = new LinkedHashMap<>();

    EpollFile() {
        super(OpenFlags.O_RDWR);
    }

    /** EPOLL_CTL_ADD; the caller has checked the file can be polled. */
    void add(int fd, OpenFile file, int events, long data) throws IOException {
        if (file instanceof EpollFile inner && (inner == this || inner.reaches(this, 0))) {
            throw new SyscallError(Errno.ELOOP);
        }
        Interest i = new Interest(fd, file);
        synchronized (this) {
            if (interests.containsKey(new Key(fd, file))) {
                throw new SyscallError(Errno.EEXIST);
            }
            i.events = events;
            i.data = data;
            interests.put(new Key(fd, file), i);
        }
        if (!(file instanceof SocketFile)) { // sockets cannot call back; their edges come from arrivals
            i.listener = new PollWaiter(() -> i.changed = true);
            file.watch(i.listener);
        }
    }

    synchronized void modify(int fd, OpenFile file, int events, long data) {
        Interest i = find(fd, file);
        i.events = events;
        i.data = data;
        i.armed = true;
        i.changed = true;
    }

    void delete(int fd, OpenFile file) throws IOException {
        Interest i;
        synchronized (this) {
            i = find(fd, file);
            interests.remove(new Key(fd, file));
        }
        forget(i);
    }

    private Interest find(int fd, OpenFile file) {
        Interest i = interests.get(new Key(fd, file));
        if (i == null || i.file.released()) {
            throw new SyscallError(Errno.ENOENT);
        }
        return i;
    }

    /** True when other is this epoll or sits in it, at most 5 levels down (Linux's EP_MAX_NESTS is 4). */
    private boolean reaches(EpollFile other, int depth) {
        if (depth > 5) {
            return true;
        }
        List<EpollFile> nested = new ArrayList<>();
        synchronized (this) {
            for (Interest i : interests.values()) {
                if (i.file instanceof EpollFile e) {
                    nested.add(e);
                }
            }
        }
        for (EpollFile e : nested) {
            if (e == other || e.reaches(other, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The entries ready now, at most max; take: a wait that reports them (edges and one-shots
     * are used up), otherwise only a look (a poll of this epoll).
     */
    synchronized List<Event> ready(int max, boolean take) throws IOException {
        List<Event> out = new ArrayList<>();
        List<Interest> gone = new ArrayList<>();
        for (Iterator<Interest> it = interests.values().iterator(); it.hasNext() && out.size() < max; ) {
            Interest i = it.next();
            if (i.file.released()) {
                it.remove();
                gone.add(i);
                continue;
            }
            if (!i.armed) {
                continue;
            }
            int bits = i.file.poll() & (i.events & ~PRIVATE_BITS | PollSyscalls.POLLERR | PollSyscalls.POLLHUP);
            if ((i.events & EPOLLET) != 0 && !edge(i, bits, take)) {
                continue;
            }
            if (bits == 0) {
                continue;
            }
            out.add(new Event(bits, i.data));
            if (take && (i.events & EPOLLONESHOT) != 0) {
                i.armed = false;
            }
        }
        for (Interest i : gone) {
            forget(i);
        }
        return out;
    }

    /** Whether an edge-triggered entry has something new to report; take: it is reported now. */
    private static boolean edge(Interest i, int bits, boolean take) {
        long arrivals = i.file instanceof SocketFile s ? s.arrivals() : 0;
        boolean fresh = i.changed || (bits & ~i.lastBits) != 0 || arrivals != i.lastArrivals;
        if (take) {
            i.lastBits = bits;
            i.lastArrivals = arrivals;
            if (bits != 0 && fresh) {
                i.changed = false;
            }
        }
        return fresh;
    }

    private static void forget(Interest i) throws IOException {
        if (i.listener != null) {
            i.listener.close();
        }
    }

    @Override
    public int poll() throws IOException {
        return ready(1, false).isEmpty() ? 0 : PollSyscalls.POLLIN | PollSyscalls.POLLRDNORM;
    }

    /** A wait on this epoll (or one it is nested in) wakes when any file it watches may have changed. */
    @Override
    void watch(PollWaiter waiter) throws IOException {
        List<OpenFile> files = new ArrayList<>();
        synchronized (this) {
            for (Interest i : interests.values()) {
                files.add(i.file);
            }
        }
        for (OpenFile f : files) {
            if (!f.released()) {
                f.watch(waiter);
            }
        }
    }

    @Override
    public int read(byte[] b, int off, int len) {
        throw new SyscallError(Errno.EINVAL);
    }

    @Override
    public int write(byte[] b, int off, int len) {
        throw new SyscallError(Errno.EINVAL);
    }

    /** An anonymous inode, as eventfd's. */
    @Override
    public FileStat stat() {
        return new FileStat(0xe, System.identityHashCode(this) & 0x7fffffffL, 0600, 1, 0, 0, 0, 0, 4096, 0,
                0, 0, 0, 0, 0, 0);
    }

    @Override
    protected void closeHost() throws IOException {
        List<Interest> all;
        synchronized (this) {
            all = new ArrayList<>(interests.values());
            interests.clear();
        }
        for (Interest i : all) {
            forget(i);
        }
    }
}
