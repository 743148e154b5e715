package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import static dev.emu.engine.linux.OpenFlags.*;
import static dev.emu.engine.linux.SyscallNumbers.*;

/**
 * Calls that name files by path: openat, newfstatat/fstat, readlinkat, faccessat, getcwd.
 * Paths are host paths, relative ones resolved against the process's working directory or a
 * directory descriptor; an absolute one is first looked up under the -L prefix, as qemu does
 * (see {@link dev.emu.engine.loader.Sysroot}). /proc/self/maps and auxv are generated
 * ({@link ProcFiles}). {@code /proc/self/exe} (and {@code /proc/<pid>/exe})
 * is the guest program, not the JVM.
 */
final class PathSyscalls {
    private PathSyscalls() {}

    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int AT_EACCESS = 0x200;
    static final int AT_NO_AUTOMOUNT = 0x800;
    static final int AT_EMPTY_PATH = 0x1000;
    static final int R_OK = 4;
    static final int W_OK = 2;
    static final int X_OK = 1;

    static void register(SyscallTable t) {
        t.define(OPENAT, "openat(f,s,x,o)", PathSyscalls::openat);
        t.define(NEWFSTATAT, "newfstatat(f,s,p,x)", PathSyscalls::newfstatat);
        t.define(FSTAT, "fstat(d,p)", (p, cpu, a) -> writeStat(p, a[1], p.files().get(a[0]).stat()));
        t.define(READLINKAT, "readlinkat(f,s,p,d)", PathSyscalls::readlinkat);
        t.define(FACCESSAT, "faccessat(f,s,o)", (p, cpu, a) -> access(p, (int) a[0], a[1], (int) a[2], 0));
        t.define(FACCESSAT2, "faccessat2(f,s,o,x)", (p, cpu, a) -> access(p, (int) a[0], a[1], (int) a[2], (int) a[3]));
        t.define(GETCWD, "getcwd(p,u)", PathSyscalls::getcwd);
    }

    static long openat(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        int flags = (int) a[2];
        Path path = resolve(p, (int) a[0], UserMemory.readPath(p.memory(), a[1]));
        OpenFile file = open(p, path, flags, (int) a[3]);
        return p.files().install(file, 0, (flags & O_CLOEXEC) != 0);
    }

    static OpenFile open(LinuxProcess p, Path path, int flags, int mode) throws IOException {
        OpenFile generated = ProcFiles.open(p, path, flags);
        if (generated != null) {
            return generated;
        }
        if ((flags & O_ACCMODE) == 3) {
            throw new SyscallError(Errno.EINVAL);
        }
        if ((flags & O_TMPFILE) == O_TMPFILE) {
            return openUnnamed(p, path, flags, mode);
        }
        boolean follow = (flags & O_NOFOLLOW) == 0;
        FileStat st = statOrNull(path, follow);
        if (st != null) {
            if ((flags & O_CREAT) != 0 && (flags & O_EXCL) != 0) {
                throw new SyscallError(Errno.EEXIST);
            }
            if (!follow && (st.mode() & FileStat.S_IFMT) == FileStat.S_IFLNK && (flags & O_PATH) == 0) {
                throw new SyscallError(Errno.ELOOP);
            }
            if (st.isDirectory()) {
                if (OpenFlags.writable(flags) || (flags & O_CREAT) != 0) {
                    throw new SyscallError(Errno.EISDIR);
                }
                return new DirectoryFile(path, flags);
            }
            if ((flags & O_DIRECTORY) != 0) {
                throw new SyscallError(Errno.ENOTDIR);
            }
        } else if ((flags & O_CREAT) == 0) {
            throw new SyscallError(Errno.ENOENT);
        }
        Set<OpenOption> options = new HashSet<>();
        if (OpenFlags.readable(flags) || (flags & O_PATH) != 0) {
            options.add(StandardOpenOption.READ);
        }
        if (OpenFlags.writable(flags)) {
            options.add(StandardOpenOption.WRITE);
            if ((flags & O_TRUNC) != 0) {
                options.add(StandardOpenOption.TRUNCATE_EXISTING);
            }
        }
        if ((flags & O_CREAT) != 0) {
            options.add((flags & O_EXCL) != 0 ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        if (!follow) {
            options.add(LinkOption.NOFOLLOW_LINKS);
        }
        FileAttribute<?>[] attrs = (flags & O_CREAT) != 0
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions(mode & ~p.umask()))}
                : new FileAttribute<?>[0];
        try {
            return new HostFile(FileChannel.open(path, options, attrs), path, flags);
        } catch (FileAlreadyExistsException e) {
            throw new SyscallError(Errno.EEXIST);
        } catch (UnsupportedOperationException e) {
            return new HostFile(FileChannel.open(path, options), path, flags);
        }
    }

    /**
     * O_TMPFILE: an unnamed regular file in directory dir, open for writing. The host file gets
     * a fresh name and loses it at once, so nothing else can see it and it goes when closed;
     * what Linux adds (linkat from /proc/self/fd to give it a name later) is not offered.
     */
    private static OpenFile openUnnamed(LinuxProcess p, Path dir, int flags, int mode) throws IOException {
        if (!OpenFlags.writable(flags)) {
            throw new SyscallError(Errno.EINVAL);
        }
        FileStat st = statOrNull(dir, true);
        if (st == null) {
            throw new SyscallError(Errno.ENOENT);
        }
        if (!st.isDirectory()) {
            throw new SyscallError(Errno.ENOTDIR);
        }
        Path file;
        try {
            file = Files.createTempFile(dir, ".emu-tmpfile-", "",
                    PosixFilePermissions.asFileAttribute(permissions(mode & ~p.umask())));
        } catch (UnsupportedOperationException e) {
            file = Files.createTempFile(dir, ".emu-tmpfile-", "");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Files.delete(file);
        return new HostFile(channel, file, flags);
    }

    static long newfstatat(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        int flags = (int) a[3];
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH)) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        return writeStat(p, a[2], statAt(p, (int) a[0], UserMemory.readPath(p.memory(), a[1]), flags));
    }

    /** stat of a name relative to dirfd, or of dirfd itself for "" with AT_EMPTY_PATH (newfstatat, statx). */
    static FileStat statAt(LinuxProcess p, int dirfd, String name, int flags) throws IOException {
        if (name.isEmpty() && (flags & AT_EMPTY_PATH) != 0) {
            return dirfd == AT_FDCWD ? FileStat.of(p.cwd(), true) : p.files().get(dirfd).stat();
        }
        return FileStat.of(resolve(p, dirfd, name), (flags & AT_SYMLINK_NOFOLLOW) == 0);
    }

    private static long writeStat(LinuxProcess p, long addr, FileStat st) {
        UserMemory.write(p.memory(), addr, st.encode());
        return 0;
    }

    static long readlinkat(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        int size = (int) a[3];
        if (size <= 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        String name = UserMemory.readPath(p.memory(), a[1]);
        Path path = resolveUnaliased(p, (int) a[0], name);
        String target = isSelfExe(p, path) ? p.executable().toString() : Files.readSymbolicLink(path).toString();
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(bytes.length, size);
        p.memory().write(a[2], bytes, 0, n);
        return n;
    }

    static long access(LinuxProcess p, int dirfd, long pathAddr, int mode, int flags) throws IOException {
        if ((mode & ~(R_OK | W_OK | X_OK)) != 0 || (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EACCESS | AT_EMPTY_PATH)) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        String name = UserMemory.readPath(p.memory(), pathAddr);
        Path path = name.isEmpty() && (flags & AT_EMPTY_PATH) != 0 ? fdPath(p, dirfd) : resolve(p, dirfd, name);
        LinkOption[] link = (flags & AT_SYMLINK_NOFOLLOW) != 0 ? new LinkOption[] {LinkOption.NOFOLLOW_LINKS}
                : new LinkOption[0];
        if (!Files.exists(path, link)) {
            FileStat.of(path, link.length == 0); // throws the precise errno (ENOENT, ENOTDIR, EACCES)
            throw new SyscallError(Errno.ENOENT);
        }
        if ((mode & R_OK) != 0 && !Files.isReadable(path) || (mode & W_OK) != 0 && !Files.isWritable(path)
                || (mode & X_OK) != 0 && !Files.isExecutable(path)) {
            throw new SyscallError(Errno.EACCES);
        }
        return 0;
    }

    static long getcwd(LinuxProcess p, Vcpu cpu, long[] a) {
        byte[] cwd = (p.cwd().toString() + "\0").getBytes(StandardCharsets.UTF_8);
        if (Long.compareUnsigned(a[1], cwd.length) < 0) {
            throw new SyscallError(Errno.ERANGE);
        }
        UserMemory.write(p.memory(), a[0], cwd);
        return cwd.length;
    }

    // ------------------------------------------------------------------ path resolution

    /** The host path a guest path names, relative to dirfd (AT_FDCWD: the working directory). */
    static Path resolve(LinuxProcess p, int dirfd, String name) {
        Path path = resolveUnaliased(p, dirfd, name);
        return isSelfExe(p, path) ? p.executable() : path;
    }

    private static Path resolveUnaliased(LinuxProcess p, int dirfd, String name) {
        if (name.isEmpty()) {
            throw new SyscallError(Errno.ENOENT);
        }
        try {
            Path path = Path.of(name);
            if (path.isAbsolute()) {
                return p.sysroot().lookup(path);
            }
            return fdPath(p, dirfd).resolve(path);
        } catch (InvalidPathException e) {
            throw new SyscallError(Errno.ENOENT);
        }
    }

    static Path fdPath(LinuxProcess p, int dirfd) {
        if (dirfd == AT_FDCWD) {
            return p.cwd();
        }
        OpenFile dir = p.files().get(dirfd);
        if (!dir.isDirectory() || dir.path() == null) {
            throw new SyscallError(Errno.ENOTDIR);
        }
        return dir.path();
    }

    private static boolean isSelfExe(LinuxProcess p, Path path) {
        Path n = path.normalize();
        return n.equals(Path.of("/proc/self/exe")) || n.equals(Path.of("/proc/" + p.pid() + "/exe"));
    }

    private static FileStat statOrNull(Path path, boolean follow) throws IOException {
        try {
            return FileStat.of(path, follow);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }
}
