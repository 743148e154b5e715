package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static dev.emu.engine.linux.SyscallNumbers.*;

/**
 * Reading and writing descriptors: read, write, their vector and positional forms, lseek,
 * close, dup, fcntl and the terminal ioctls. Data moves through a host buffer of at most
 * {@link #CHUNK} bytes at a time; a vector write is gathered into one host write so it stays
 * one write, as on Linux.
 */
final class FileSyscalls {
    private FileSyscalls() {}

    /** Linux's MAX_RW_COUNT: the most one read or write transfers. */
    static final int MAX_RW_COUNT = Integer.MAX_VALUE & ~4095;
    static final int CHUNK = 1 << 20;
    static final int IOV_MAX = 1024;

    static void register(SyscallTable t) {
        t.define(READ, "read(d,p,u)", FileSyscalls::read);
        t.define(WRITE, "write(d,p,u)", FileSyscalls::write);
        t.define(READV, "readv(d,p,d)", FileSyscalls::readv);
        t.define(WRITEV, "writev(d,p,d)", FileSyscalls::writev);
        t.define(PREAD64, "pread64(d,p,u,l)", FileSyscalls::pread);
        t.define(PWRITE64, "pwrite64(d,p,u,l)", FileSyscalls::pwrite);
        t.define(LSEEK, "lseek(d,l,d)", (p, cpu, a) -> p.files().get(a[0]).seek(a[1], (int) a[2]));
        t.define(CLOSE, "close(d)", (p, cpu, a) -> {
            p.files().close(a[0]);
            return 0;
        });
        t.define(DUP, "dup(d)", (p, cpu, a) -> p.files().duplicate(a[0], 0, false));
        t.define(DUP3, "dup3(d,d,x)", FileSyscalls::dup3);
        t.define(FCNTL, "fcntl(d,d,x)", FileSyscalls::fcntl);
        t.define(IOCTL, "ioctl(d,x,p)", Terminal::ioctl);
        t.define(FLOCK, "flock(d,d)", FileSyscalls::flock);
        t.define(CLOSE_RANGE, "close_range(u,u,x)", FileSyscalls::closeRange);
    }

    static long read(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        OpenFile f = readableFile(p, a[0]);
        int count = count(a[2]);
        UserMemory.checkWritable(p.memory(), a[1], count);
        return readInto(p.memory(), f, a[1], count, -1, ThreadSyscalls.interrupted(p, cpu));
    }

    static long write(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        return writeFrom(p, cpu, writableFile(p, a[0]), a[1], count(a[2]), -1);
    }

    static long pread(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        OpenFile f = readableFile(p, a[0]);
        int count = count(a[2]);
        if (a[3] < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        UserMemory.checkWritable(p.memory(), a[1], count);
        return readInto(p.memory(), f, a[1], count, a[3], OpenFile.NEVER);
    }

    static long pwrite(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        OpenFile f = writableFile(p, a[0]);
        if (a[3] < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        return writeFrom(p, cpu, f, a[1], count(a[2]), a[3]);
    }

    static long readv(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        OpenFile f = readableFile(p, a[0]);
        long[] iov = iovecs(p.memory(), a[1], a[2]);
        long total = 0;
        for (int i = 0; i < iov.length; i += 2) {
            UserMemory.checkWritable(p.memory(), iov[i], iov[i + 1]);
            total += iov[i + 1];
        }
        byte[] buf = new byte[(int) total];
        int n = f instanceof HostFile ? readFully(f, buf, buf.length, -1)
                : f.read(buf, 0, buf.length, ThreadSyscalls.interrupted(p, cpu));
        int off = 0;
        for (int i = 0; i < iov.length && off < n; i += 2) {
            int part = (int) Math.min(iov[i + 1], n - off);
            p.memory().write(iov[i], buf, off, part);
            off += part;
        }
        return n;
    }

    static long writev(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        OpenFile f = writableFile(p, a[0]);
        long[] iov = iovecs(p.memory(), a[1], a[2]);
        long total = 0;
        for (int i = 0; i < iov.length; i += 2) {
            UserMemory.checkReadable(p.memory(), iov[i], iov[i + 1]);
            total += iov[i + 1];
        }
        byte[] buf = new byte[(int) total];
        int off = 0;
        for (int i = 0; i < iov.length; i += 2) {
            p.memory().read(iov[i], buf, off, (int) iov[i + 1]);
            off += (int) iov[i + 1];
        }
        return writeHost(p, cpu, f, buf, buf.length, -1, 0);
    }

    static long dup3(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        if ((a[2] & ~OpenFlags.O_CLOEXEC) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        p.files().duplicateTo(a[0], a[1], (a[2] & OpenFlags.O_CLOEXEC) != 0);
        return a[1];
    }

    static final int F_DUPFD = 0;
    static final int F_GETFD = 1;
    static final int F_SETFD = 2;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int F_GETLK = 5;
    static final int F_SETLK = 6;
    static final int F_SETLKW = 7;
    static final int F_OFD_GETLK = 36;
    static final int F_OFD_SETLK = 37;
    static final int F_OFD_SETLKW = 38;
    static final int F_DUPFD_CLOEXEC = 1030;
    static final int F_SETPIPE_SZ = 1031;
    static final int F_GETPIPE_SZ = 1032;
    static final int FD_CLOEXEC = 1;
    static final int F_RDLCK = 0;
    static final int F_WRLCK = 1;
    static final int F_UNLCK = 2;

    static long fcntl(LinuxProcess p, Vcpu cpu, long[] a) {
        FdTable files = p.files();
        return switch ((int) a[1]) {
            case F_DUPFD -> files.duplicate(a[0], (int) Math.min(a[2], FdTable.MAX_FDS), false);
            case F_DUPFD_CLOEXEC -> files.duplicate(a[0], (int) Math.min(a[2], FdTable.MAX_FDS), true);
            case F_GETFD -> files.closeOnExec(a[0]) ? FD_CLOEXEC : 0;
            case F_SETFD -> {
                files.setCloseOnExec(a[0], (a[2] & FD_CLOEXEC) != 0);
                yield 0;
            }
            case F_GETFL -> files.get(a[0]).flags();
            case F_SETFL -> {
                files.get(a[0]).setStatusFlags((int) a[2]);
                yield 0;
            }
            case F_GETLK, F_SETLK, F_SETLKW, F_OFD_GETLK, F_OFD_SETLK, F_OFD_SETLKW -> lock(p, (int) a[1], files.get(a[0]), a[2]);
            case F_GETPIPE_SZ, F_SETPIPE_SZ -> {
                if (!(files.get(a[0]) instanceof PipeFile)) {
                    throw new SyscallError(Errno.EBADF);
                }
                yield PipeBuffer.CAPACITY; // the size is fixed: a request to change it gets the size there is
            }
            default -> {
                files.get(a[0]);
                throw new SyscallError(Errno.EINVAL);
            }
        };
    }

    /**
     * Record locks are advisory and emu runs one guest process, so nobody else can hold one:
     * F_SETLK(W) checks its struct flock and succeeds, F_GETLK reports the range unlocked.
     * (Another process on the host locking the same file is not seen.)
     */
    private static long lock(LinuxProcess p, int cmd, OpenFile f, long addr) {
        int type = (short) GuestMemory.load16(p.memory(), addr);
        int whence = (short) GuestMemory.load16(p.memory(), addr + 2);
        boolean ofd = cmd >= F_OFD_GETLK && cmd <= F_OFD_SETLKW;
        if (type < F_RDLCK || type > F_UNLCK || whence < 0 || whence > 2
                || ofd && GuestMemory.load32(p.memory(), addr + 24) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
            if (type == F_UNLCK) {
                throw new SyscallError(Errno.EINVAL);
            }
            GuestMemory.store16(p.memory(), addr, F_UNLCK);
            return 0;
        }
        if (type == F_RDLCK && !f.readable() || type == F_WRLCK && !f.writable()) {
            throw new SyscallError(Errno.EBADF);
        }
        return 0;
    }

    /** flock: advisory, and uncontended for the same reason as {@link #lock}; checks the operation. */
    static long flock(LinuxProcess p, Vcpu cpu, long[] a) {
        p.files().get(a[0]);
        int op = (int) a[1] & ~4; // LOCK_NB
        if (op != 1 && op != 2 && op != 8) { // LOCK_SH, LOCK_EX, LOCK_UN
            throw new SyscallError(Errno.EINVAL);
        }
        return 0;
    }

    static final int CLOSE_RANGE_UNSHARE = 2;
    static final int CLOSE_RANGE_CLOEXEC = 4;

    /** close_range(first, last, flags): closes (or with CLOSE_RANGE_CLOEXEC marks) every open fd in the range. */
    static long closeRange(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        long first = a[0] & 0xffffffffL;
        long last = a[1] & 0xffffffffL;
        if ((a[2] & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) != 0 || first > last) {
            throw new SyscallError(Errno.EINVAL);
        }
        FdTable files = p.files();
        for (long fd = first; fd <= Math.min(last, FdTable.MAX_FDS - 1); fd++) {
            if (!files.isOpen((int) fd)) {
                continue;
            }
            if ((a[2] & CLOSE_RANGE_CLOEXEC) != 0) {
                files.setCloseOnExec(fd, true);
            } else {
                files.close(fd);
            }
        }
        return 0;
    }

    // ------------------------------------------------------------------ shared pieces

    private static OpenFile readableFile(LinuxProcess p, long fd) {
        OpenFile f = p.files().get(fd);
        if (!f.readable()) {
            throw new SyscallError(Errno.EBADF);
        }
        return f;
    }

    private static OpenFile writableFile(LinuxProcess p, long fd) {
        OpenFile f = p.files().get(fd);
        if (!f.writable()) {
            throw new SyscallError(Errno.EBADF);
        }
        return f;
    }

    /** A size_t count as Linux takes it: anything above MAX_RW_COUNT is cut down to it. */
    private static int count(long count) {
        return Long.compareUnsigned(count, MAX_RW_COUNT) > 0 ? MAX_RW_COUNT : (int) count;
    }

    /** Writes count guest bytes at addr, chunk by chunk, at position (or the file offset when -1). */
    private static long writeFrom(LinuxProcess p, Vcpu cpu, OpenFile f, long addr, int count, long position)
            throws IOException {
        UserMemory.checkReadable(p.memory(), addr, count);
        byte[] buf = new byte[Math.min(count, CHUNK)];
        long done = 0;
        do {
            int n = (int) Math.min(buf.length, count - done);
            p.memory().read(addr + done, buf, 0, n);
            int w = writeHost(p, cpu, f, buf, n, position < 0 ? -1 : position + done, done);
            done += w;
            if (w < n) {
                break;
            }
        } while (done < count);
        return done;
    }

    /**
     * Reads up to count bytes into guest memory at position (or the file offset when -1). A
     * regular file is read until count or end of file, as Linux does; a pipe or terminal
     * returns what one host read gives.
     */
    private static long readInto(GuestMemory memory, OpenFile f, long addr, int count, long position,
                                 java.util.function.BooleanSupplier stop) throws IOException {
        byte[] buf = new byte[Math.min(count, CHUNK)];
        long done = 0;
        while (done < count) {
            int want = (int) Math.min(buf.length, count - done);
            int n = position >= 0 ? f.pread(buf, 0, want, position + done) : f.read(buf, 0, want, stop);
            if (n <= 0) {
                break;
            }
            memory.write(addr + done, buf, 0, n);
            done += n;
            if (!(f instanceof HostFile) || n < want) {
                break;
            }
        }
        return done;
    }

    private static int readFully(OpenFile f, byte[] buf, int len, long position) throws IOException {
        int done = 0;
        while (done < len) {
            int n = position >= 0 ? f.pread(buf, done, len - done, position + done) : f.read(buf, done, len - done);
            if (n <= 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    /**
     * One host write. A broken pipe raises SIGPIPE, which by default ends the guest as it would
     * natively; when the guest ignores or catches it, the call fails with EPIPE. When earlier
     * chunks of the same call went through, the count so far is the result instead.
     */
    static int writeHost(LinuxProcess p, Vcpu cpu, OpenFile f, byte[] buf, int len, long position,
                                 long doneBefore) throws IOException {
        try {
            return position >= 0 ? f.pwrite(buf, 0, len, position) : f.write(buf, 0, len, ThreadSyscalls.interrupted(p, cpu));
        } catch (IOException | SyscallError e) {
            int errno = e instanceof SyscallError se ? se.errno : Errno.of((IOException) e);
            if (doneBefore > 0) {
                return 0;
            }
            if (errno == Errno.EPIPE) {
                p.signals().raise(p.thread(cpu), Signals.SIGPIPE);
            }
            throw new SyscallError(errno);
        }
    }

    /** The iovec array as {base0, len0, base1, len1, ...}; EINVAL for a bad count or total. */
    static long[] iovecs(GuestMemory memory, long addr, long count) {
        if (count < 0 || count > IOV_MAX) {
            throw new SyscallError(Errno.EINVAL);
        }
        ByteBuffer b = ByteBuffer.wrap(UserMemory.read(memory, addr, (int) count * 16)).order(ByteOrder.LITTLE_ENDIAN);
        long[] iov = new long[(int) count * 2];
        long total = 0;
        for (int i = 0; i < iov.length; i += 2) {
            iov[i] = b.getLong();
            iov[i + 1] = b.getLong();
            if (iov[i + 1] < 0 || (total += iov[i + 1]) < 0) {
                throw new SyscallError(Errno.EINVAL);
            }
        }
        if (total > MAX_RW_COUNT) {
            // Linux truncates the transfer; keep the first MAX_RW_COUNT bytes' worth.
            long left = MAX_RW_COUNT;
            for (int i = 0; i < iov.length; i += 2) {
                iov[i + 1] = Math.min(iov[i + 1], left);
                left -= iov[i + 1];
            }
        }
        return iov;
    }
}
