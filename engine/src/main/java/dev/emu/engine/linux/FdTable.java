package dev.emu.engine.linux;

import java.io.IOException;

/**
 * The process's file descriptor table: descriptor number to {@link OpenFile}, with the
 * close-on-exec bit per descriptor. New descriptors take the lowest free number, as POSIX
 * requires. Several descriptors may share one OpenFile (dup); the host resource is closed with
 * the last of them.
 */
public final class FdTable {
    /** RLIMIT_NOFILE's usual soft limit: descriptors are 0 .. MAX_FDS-1. */
    public static final int MAX_FDS = 1024;

    private final OpenFile[] files = new OpenFile[MAX_FDS];
    private final boolean[] closeOnExec = new boolean[MAX_FDS];

    FdTable(StandardStreams streams) {
        StandardStream[] std = StandardStream.open(streams);
        System.arraycopy(std, 0, files, 0, std.length);
    }

    /** The file behind fd, or EBADF. */
    public synchronized OpenFile get(long fd) {
        OpenFile f = fd >= 0 && fd < MAX_FDS ? files[(int) fd] : null;
        if (f == null) {
            throw new SyscallError(Errno.EBADF);
        }
        return f;
    }

    /** Installs a newly opened file at the lowest free descriptor >= minFd; EMFILE when none is free. */
    public synchronized int install(OpenFile file, int minFd, boolean cloexec) {
        for (int fd = Math.max(0, minFd); fd < MAX_FDS; fd++) {
            if (files[fd] == null) {
                files[fd] = file;
                closeOnExec[fd] = cloexec;
                return fd;
            }
        }
        throw new SyscallError(minFd >= MAX_FDS ? Errno.EINVAL : Errno.EMFILE);
    }

    /** dup/F_DUPFD: a new descriptor for the same open file. */
    public synchronized int duplicate(long fd, int minFd, boolean cloexec) {
        OpenFile f = get(fd);
        int nfd = install(f, minFd, cloexec);
        f.retain();
        return nfd;
    }

    /** dup3: makes newFd refer to oldFd's file, closing what newFd referred to. */
    public void duplicateTo(long oldFd, long newFd, boolean cloexec) throws IOException {
        OpenFile replaced;
        synchronized (this) {
            OpenFile f = get(oldFd);
            if (newFd < 0 || newFd >= MAX_FDS) {
                throw new SyscallError(Errno.EBADF);
            }
            if (oldFd == newFd) {
                throw new SyscallError(Errno.EINVAL);
            }
            replaced = files[(int) newFd];
            f.retain();
            files[(int) newFd] = f;
            closeOnExec[(int) newFd] = cloexec;
            if (replaced == null || !replaced.release()) {
                return;
            }
        }
        replaced.closeHost();
    }

    public void close(long fd) throws IOException {
        OpenFile f;
        synchronized (this) {
            f = get(fd);
            files[(int) fd] = null;
            closeOnExec[(int) fd] = false;
            if (!f.release()) {
                return;
            }
        }
        f.closeHost();
    }

    /** Whether fd refers to an open file (close_range skips the gaps). */
    public synchronized boolean isOpen(int fd) {
        return fd >= 0 && fd < MAX_FDS && files[fd] != null;
    }

    public synchronized boolean closeOnExec(long fd) {
        get(fd);
        return closeOnExec[(int) fd];
    }

    public synchronized void setCloseOnExec(long fd, boolean value) {
        get(fd);
        closeOnExec[(int) fd] = value;
    }
}
