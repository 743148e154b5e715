package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static dev.emu.engine.linux.SyscallNumbers.*;

/**
 * Calls about a file's contents as a whole: truncate, ftruncate, fallocate (mode 0 only),
 * fsync, fdatasync, sync, and the in-kernel copies sendfile and copy_file_range, done here
 * through a host buffer.
 */
final class ContentSyscalls {
    private ContentSyscalls() {}

    static void register(SyscallTable t) {
        t.define(TRUNCATE, "truncate(s,l)", ContentSyscalls::truncate);
        t.define(FTRUNCATE, "ftruncate(d,l)", ContentSyscalls::ftruncate);
        t.define(FALLOCATE, "fallocate(d,d,l,l)", ContentSyscalls::fallocate);
        t.define(FSYNC, "fsync(d)", (p, cpu, a) -> sync(p, a[0], false));
        t.define(FDATASYNC, "fdatasync(d)", (p, cpu, a) -> sync(p, a[0], true));
        t.define(SYNC, "sync()", (p, cpu, a) -> 0);
        t.define(SENDFILE, "sendfile(l,l,l,l,l,l)", ContentSyscalls::sendfile);
        t.define(COPY_FILE_RANGE, "copy_file_range(d,P,d,P,u,u)", ContentSyscalls::copyFileRange);
    }

    static long truncate(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        Path path = PathSyscalls.resolve(p, PathSyscalls.AT_FDCWD, UserMemory.readPath(p.memory(), a[0]));
        if (a[1] < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        FileStat st = FileStat.of(path, true);
        if (!st.isRegular()) {
            throw new SyscallError(st.isDirectory() ? Errno.EISDIR : Errno.EINVAL);
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            new HostFile(channel, path, OpenFlags.O_WRONLY).resize(a[1], false);
        }
        return 0;
    }

    static long ftruncate(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        OpenFile f = p.files().get(a[0]);
        if (a[1] < 0 || !f.writable() || !f.stat().isRegular()) {
            throw new SyscallError(Errno.EINVAL);
        }
        f.resize(a[1], false);
        return 0;
    }

    static long fallocate(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        OpenFile f = p.files().get(a[0]);
        if (a[2] < 0 || a[3] <= 0 || a[2] + a[3] < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        if (!f.writable()) {
            throw new SyscallError(Errno.EBADF);
        }
        if ((int) a[1] != 0) {
            throw new SyscallError(Errno.EOPNOTSUPP);
        }
        FileStat st = f.stat();
        if (!st.isRegular()) {
            int type = st.mode() & FileStat.S_IFMT;
            throw new SyscallError(st.isDirectory() ? Errno.EISDIR : type == FileStat.S_IFIFO ? Errno.ESPIPE : Errno.ENODEV);
        }
        f.resize(a[2] + a[3], true);
        return 0;
    }

    static long sync(LinuxProcess p, long fd, boolean dataOnly) throws IOException {
        p.files().get(fd).sync(dataOnly);
        return 0;
    }

    /** sendfile: from a regular file (at *offset, or its file offset when NULL) to any writable descriptor. */
    static long sendfile(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        OpenFile out = p.files().get(a[0]);
        OpenFile in = p.files().get(a[1]);
        if (!in.readable() || !out.writable()) {
            throw new SyscallError(Errno.EBADF);
        }
        if (!(in instanceof HostFile) || (out.flags() & OpenFlags.O_APPEND) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        long position = a[2] == 0 ? -1 : GuestMemory.load64(p.memory(), a[2]);
        if (a[2] != 0 && position < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        long done = copy(p, cpu, in, position, out, -1, count(a[3]));
        if (a[2] != 0) {
            GuestMemory.store64(p.memory(), a[2], position + done);
        }
        return done;
    }

    static long copyFileRange(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        if (a[5] != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        OpenFile in = p.files().get(a[0]);
        OpenFile out = p.files().get(a[2]);
        if (!in.readable() || !out.writable() || (out.flags() & OpenFlags.O_APPEND) != 0) {
            throw new SyscallError(Errno.EBADF);
        }
        if (in.isDirectory() || out.isDirectory()) {
            throw new SyscallError(Errno.EISDIR);
        }
        if (!(in instanceof HostFile) || !(out instanceof HostFile)) {
            throw new SyscallError(Errno.EINVAL);
        }
        long inPos = a[1] == 0 ? -1 : GuestMemory.load64(p.memory(), a[1]);
        long outPos = a[3] == 0 ? -1 : GuestMemory.load64(p.memory(), a[3]);
        if (a[1] != 0 && inPos < 0 || a[3] != 0 && outPos < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        long len = count(a[4]);
        if (in == out && inPos >= 0 && outPos >= 0 && inPos < outPos + len && outPos < inPos + len) {
            throw new SyscallError(Errno.EINVAL);
        }
        long done = copy(p, cpu, in, inPos, out, outPos, len);
        if (a[1] != 0) {
            GuestMemory.store64(p.memory(), a[1], inPos + done);
        }
        if (a[3] != 0) {
            GuestMemory.store64(p.memory(), a[3], outPos + done);
        }
        return done;
    }

    /** Copies up to len bytes, stopping at end of input or a short write; a position of -1 uses the file offset. */
    private static long copy(LinuxProcess p, Vcpu cpu, OpenFile in, long inPos, OpenFile out, long outPos, long len)
            throws IOException {
        byte[] buf = new byte[(int) Math.min(len, FileSyscalls.CHUNK)];
        long done = 0;
        while (done < len) {
            int want = (int) Math.min(buf.length, len - done);
            int n = inPos >= 0 ? in.pread(buf, 0, want, inPos + done) : in.read(buf, 0, want);
            if (n <= 0) {
                break;
            }
            int w = FileSyscalls.writeHost(p, cpu, out, buf, n, outPos >= 0 ? outPos + done : -1, done);
            done += w;
            if (w < n) {
                if (inPos < 0) {
                    in.seek(w - n, HostFile.SEEK_CUR); // give back what was read but not written
                }
                break;
            }
        }
        return done;
    }

    private static long count(long count) {
        return Long.compareUnsigned(count, FileSyscalls.MAX_RW_COUNT) > 0 ? FileSyscalls.MAX_RW_COUNT : count;
    }
}
