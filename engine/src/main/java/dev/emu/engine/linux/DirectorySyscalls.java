package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static dev.emu.engine.linux.PathSyscalls.AT_EMPTY_PATH;
import static dev.emu.engine.linux.PathSyscalls.resolve;
import static dev.emu.engine.linux.SyscallNumbers.*;

/**
 * Calls that change the directory tree or walk it: getdents64, mkdirat, unlinkat, renameat(2),
 * linkat, symlinkat, chdir and fchdir. Each checks what Linux checks before acting (the type of
 * the file an unlink or rmdir names, RENAME_NOREPLACE's target) so the errno is Linux's rather
 * than Java's; what the host then refuses comes back through {@link Errno#of}.
 */
final class DirectorySyscalls {
    private DirectorySyscalls() {}

    static final int AT_REMOVEDIR = 0x200;
    static final int AT_SYMLINK_FOLLOW = 0x400;
    static final int RENAME_NOREPLACE = 1;
    static final int RENAME_EXCHANGE = 2;
    static final int RENAME_WHITEOUT = 4;

    static void register(SyscallTable t) {
        t.define(GETDENTS64, "getdents64(d,P,u)", DirectorySyscalls::getdents64);
        t.define(MKDIRAT, "mkdirat(f,s,o)", DirectorySyscalls::mkdirat);
        t.define(UNLINKAT, "unlinkat(f,s,a)", DirectorySyscalls::unlinkat);
        t.define(RENAMEAT, "renameat(f,s,f,s)", (p, cpu, a) -> rename(p, a, 0));
        t.define(RENAMEAT2, "renameat2(l,l,l,l,l,l)", (p, cpu, a) -> rename(p, a, (int) a[4]));
        t.define(LINKAT, "linkat(f,s,f,s,a)", DirectorySyscalls::linkat);
        t.define(SYMLINKAT, "symlinkat(s,f,s)", DirectorySyscalls::symlinkat);
        t.define(CHDIR, "chdir(s)", DirectorySyscalls::chdir);
        t.define(FCHDIR, "fchdir(d)", DirectorySyscalls::fchdir);
    }

    static long getdents64(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        if (!(p.files().get(a[0]) instanceof DirectoryFile dir)) {
            throw new SyscallError(Errno.ENOTDIR);
        }
        int count = (int) Math.min(a[2] & 0xffffffffL, Integer.MAX_VALUE);
        UserMemory.checkWritable(p.memory(), a[1], count);
        byte[] records = dir.readEntries(count);
        UserMemory.write(p.memory(), a[1], records);
        return records.length;
    }

    static long mkdirat(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        Path path = path(p, a[0], a[1]);
        Files.createDirectory(path);
        // Java's mkdir applies the JVM's umask; the guest's is the one that counts.
        Files.setAttribute(path, "unix:mode", (int) a[2] & 01777 & ~p.umask());
        return 0;
    }

    static long unlinkat(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        int flags = (int) a[2];
        if ((flags & ~AT_REMOVEDIR) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        String name = UserMemory.readPath(p.memory(), a[1]);
        Path path = resolve(p, (int) a[0], name);
        boolean rmdir = (flags & AT_REMOVEDIR) != 0;
        if (rmdir) {
            String last = name.replaceAll("/+$", "");
            if (last.equals(".") || last.endsWith("/.")) {
                throw new SyscallError(Errno.EINVAL);
            }
            if (last.equals("..") || last.endsWith("/..")) {
                throw new SyscallError(Errno.ENOTEMPTY);
            }
        }
        FileStat st = FileStat.of(path, false);
        if (rmdir != st.isDirectory()) {
            throw new SyscallError(rmdir ? Errno.ENOTDIR : Errno.EISDIR);
        }
        Files.delete(path);
        return 0;
    }

    /** renameat2; RENAME_EXCHANGE and RENAME_WHITEOUT are not offered (EINVAL), as on file systems without them. */
    static long rename(LinuxProcess p, long[] a, int flags) throws IOException {
        if (flags != 0 && flags != RENAME_NOREPLACE) {
            throw new SyscallError(Errno.EINVAL);
        }
        Path from = path(p, a[0], a[1]);
        Path to = path(p, a[2], a[3]);
        FileStat.of(from, false); // ENOENT for the source first, as Linux looks it up first
        if ((flags & RENAME_NOREPLACE) != 0 && Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            throw new SyscallError(Errno.EEXIST);
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new SyscallError(Errno.EXDEV);
        }
        return 0;
    }

    static long linkat(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        int flags = (int) a[4];
        if ((flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        String oldName = UserMemory.readPath(p.memory(), a[1]);
        Path existing = oldName.isEmpty() && (flags & AT_EMPTY_PATH) != 0 ? p.files().get(a[0]).path()
                : resolve(p, (int) a[0], oldName);
        if (existing == null) {
            throw new SyscallError(Errno.ENOENT);
        }
        if ((flags & AT_SYMLINK_FOLLOW) != 0) {
            existing = existing.toRealPath();
        }
        Files.createLink(path(p, a[2], a[3]), existing);
        return 0;
    }

    static long symlinkat(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        String target = UserMemory.readPath(p.memory(), a[0]);
        if (target.isEmpty()) {
            throw new SyscallError(Errno.ENOENT);
        }
        Files.createSymbolicLink(path(p, a[1], a[2]), Path.of(target));
        return 0;
    }

    static long chdir(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        Path dir = resolve(p, PathSyscalls.AT_FDCWD, UserMemory.readPath(p.memory(), a[0]));
        enter(p, dir, FileStat.of(dir, true).isDirectory());
        return 0;
    }

    static long fchdir(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        OpenFile f = p.files().get(a[0]);
        enter(p, f.path(), f.isDirectory());
        return 0;
    }

    /** getcwd reports the directory with symbolic links resolved, as the kernel's dentry path is. */
    private static void enter(LinuxProcess p, Path dir, boolean isDirectory) throws IOException {
        if (!isDirectory || dir == null) {
            throw new SyscallError(Errno.ENOTDIR);
        }
        if (!Files.isExecutable(dir)) {
            throw new SyscallError(Errno.EACCES);
        }
        p.setCwd(dir.toRealPath());
    }

    private static Path path(LinuxProcess p, long dirfd, long nameAddr) {
        return resolve(p, (int) dirfd, UserMemory.readPath(p.memory(), nameAddr));
    }
}
