package dev.emu.engine.linux;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * An open file description (the kernel's {@code struct file}): what one or more descriptors
 * refer to after open, dup or inheritance. It owns the host resource and the file offset; the
 * descriptor table counts references and closes it with the last one.
 *
 * <p>Transfers work on host byte arrays; the syscall layer copies between them and guest
 * memory. Failures are a {@link SyscallError} (a Linux errno) or a host IOException
 * (translated by {@link Errno#of}).
 */
public abstract class OpenFile {
    private int flags;
    private volatile int references = 1;

    protected OpenFile(int flags) {
        this.flags = flags & ~OpenFlags.O_CLOEXEC;
    }

    /** The access mode and status flags (F_GETFL). */
    public synchronized int flags() {
        return flags;
    }

    /** F_SETFL: only the status flags Linux lets a program change. */
    public synchronized void setStatusFlags(int newFlags) {
        flags = (flags & ~OpenFlags.SETFL_MASK) | (newFlags & OpenFlags.SETFL_MASK);
    }

    public boolean readable() {
        return OpenFlags.readable(flags());
    }

    public boolean writable() {
        return OpenFlags.writable(flags());
    }

    /** Reads at the file offset; returns 0 at end of file. */
    public abstract int read(byte[] b, int off, int len) throws IOException;

    /** Writes at the file offset (at the end with O_APPEND); returns the count written. */
    public abstract int write(byte[] b, int off, int len) throws IOException;

    /** Never stops a wait: for transfers made outside a guest thread's syscall. */
    static final BooleanSupplier NEVER = () -> false;

    /**
     * read, for a file whose reads may wait (pipes): the wait ends with ERESTARTSYS once stop
     * is true (a signal for the thread, the process ending). Files that do not wait ignore it.
     */
    public int read(byte[] b, int off, int len, BooleanSupplier stop) throws IOException {
        return read(b, off, len);
    }

    /** write, for a file whose writes may wait; stop as for {@link #read(byte[], int, int, BooleanSupplier)}. */
    public int write(byte[] b, int off, int len, BooleanSupplier stop) throws IOException {
        return write(b, off, len);
    }

    public int pread(byte[] b, int off, int len, long position) throws IOException {
        throw new SyscallError(Errno.ESPIPE);
    }

    public int pwrite(byte[] b, int off, int len, long position) throws IOException {
        throw new SyscallError(Errno.ESPIPE);
    }

    /** lseek; whence is SEEK_SET, SEEK_CUR, SEEK_END, SEEK_DATA or SEEK_HOLE. */
    public long seek(long offset, int whence) throws IOException {
        throw new SyscallError(Errno.ESPIPE);
    }

    public abstract FileStat stat() throws IOException;

    public boolean isTerminal() {
        try {
            return stat().isTerminal();
        } catch (IOException e) {
            return false;
        }
    }

    /** The host path, for lookups relative to a directory descriptor; null when there is none. */
    public Path path() {
        return null;
    }

    public boolean isDirectory() {
        return false;
    }

    /** O_NONBLOCK is set: a transfer that would wait fails with EAGAIN instead. */
    public boolean nonBlocking() {
        return (flags() & OpenFlags.O_NONBLOCK) != 0;
    }

    /**
     * What a poll would report now (Linux's f_op->poll): POLLIN, POLLOUT, POLLHUP, ... before
     * masking by the events asked for. Files without a notion of readiness (regular files,
     * directories) are always ready both ways, as on Linux.
     */
    public int poll() throws IOException {
        return PollSyscalls.DEFAULT_MASK;
    }

    /**
     * Asks the waiter to wake when this file's readiness may have changed: a selectable channel
     * registers with its selector, an in-memory file calls it back. The default does nothing,
     * right for files that are always ready.
     */
    void watch(PollWaiter waiter) throws IOException {
    }

    /** FIONREAD: bytes a read could return now without waiting. */
    public int available() throws IOException {
        throw new SyscallError(Errno.ENOTTY);
    }

    /** fsync (dataOnly: fdatasync). Pipes, sockets and terminals cannot: EINVAL, as on Linux. */
    public void sync(boolean dataOnly) throws IOException {
        throw new SyscallError(Errno.EINVAL);
    }

    /** ftruncate (and fallocate when grow is true: never shrinks). Only regular files open for writing. */
    public void resize(long size, boolean growOnly) throws IOException {
        throw new SyscallError(Errno.EINVAL);
    }

    /** Releases the host resource once no descriptor refers to this file. */
    protected void closeHost() throws IOException {
    }

    // Reference counting is done by FdTable under its own lock.
    final void retain() {
        references++;
    }

    /** True once no descriptor refers to this file any more (epoll then forgets it, as Linux does). */
    final boolean released() {
        return references == 0;
    }

    /** Drops one reference; true when it was the last. */
    final boolean release() {
        return --references == 0;
    }
}
