package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import static dev.emu.engine.linux.PathSyscalls.AT_EMPTY_PATH;
import static dev.emu.engine.linux.PathSyscalls.AT_NO_AUTOMOUNT;
import static dev.emu.engine.linux.PathSyscalls.AT_SYMLINK_NOFOLLOW;
import static dev.emu.engine.linux.SyscallNumbers.*;

/**
 * Calls that read or change a file's attributes rather than its data: fchmod(at),
 * fchown(at), utimensat, statx, statfs and fstatfs. Mode and owners are set through Java's
 * {@code unix:} attributes, which call chmod/chown themselves, so the host's answer (EPERM
 * for a chown an unprivileged user may not do) is what the guest gets, as it would natively.
 */
final class MetadataSyscalls {
    private MetadataSyscalls() {}

    static final long UTIME_NOW = (1L << 30) - 1;
    static final long UTIME_OMIT = (1L << 30) - 2;
    static final int AT_STATX_SYNC_TYPE = 0x6000;
    /** struct statfs for 64-bit asm-generic: eleven 8-byte fields (fsid is two ints) and spare[4]. */
    static final int STATFS_SIZE = 120;
    private static final Map<String, Long> FS_MAGIC = Map.of("ext2", 0xef53L, "ext3", 0xef53L, "ext4", 0xef53L,
            "tmpfs", 0x01021994L, "overlay", 0x794c7630L, "btrfs", 0x9123683eL, "xfs", 0x58465342L,
            "proc", 0x9fa0L, "nfs", 0x6969L, "vfat", 0x4d44L);

    static void register(SyscallTable t) {
        t.define(FCHMOD, "fchmod(d,o)", (p, cpu, a) -> chmod(fdPath(p, a[0]), (int) a[1], true));
        t.define(FCHMODAT, "fchmodat(f,s,o,a)", (p, cpu, a) -> chmod(path(p, a[0], a[1]), (int) a[2], true));
        t.define(FCHOWN, "fchown(d,d,d)", (p, cpu, a) -> chown(fdPath(p, a[0]), a[1], a[2], true));
        t.define(FCHOWNAT, "fchownat(f,s,d,d,x)", MetadataSyscalls::fchownat);
        t.define(UTIMENSAT, "utimensat(f,s,p,a)", MetadataSyscalls::utimensat);
        t.define(STATX, "statx(f,s,a,M,p)", MetadataSyscalls::statx);
        t.define(STATFS, "statfs(s,p)", (p, cpu, a) -> statfs(p, path(p, PathSyscalls.AT_FDCWD, a[0]), a[1]));
        t.define(FSTATFS, "fstatfs(d,p)", (p, cpu, a) -> statfs(p, fdPath(p, a[0]), a[1]));
    }

    static long chmod(Path path, int mode, boolean follow) throws IOException {
        Files.setAttribute(path, "unix:mode", mode & 07777, links(follow));
        return 0;
    }

    /** uid or gid -1 (as a 32-bit value) leaves that one unchanged. */
    static long chown(Path path, long uid, long gid, boolean follow) throws IOException {
        if ((int) uid != -1) {
            Files.setAttribute(path, "unix:uid", (int) uid, links(follow));
        }
        if ((int) gid != -1) {
            Files.setAttribute(path, "unix:gid", (int) gid, links(follow));
        }
        return 0;
    }

    static long fchownat(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        int flags = (int) a[4];
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        String name = UserMemory.readPath(p.memory(), a[1]);
        Path path = name.isEmpty() && (flags & AT_EMPTY_PATH) != 0 ? PathSyscalls.fdPath(p, (int) a[0])
                : PathSyscalls.resolve(p, (int) a[0], name);
        return chown(path, a[2], a[3], (flags & AT_SYMLINK_NOFOLLOW) == 0);
    }

    /** utimensat; a NULL path means the file dirfd refers to (futimens). */
    static long utimensat(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        int flags = (int) a[3];
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        FileTime atime = null;
        FileTime mtime = null;
        if (a[2] == 0) {
            atime = mtime = FileTime.from(Instant.now());
        } else {
            atime = time(p.memory(), a[2]);
            mtime = time(p.memory(), a[2] + 16);
            if (atime == null && mtime == null) {
                return 0;
            }
        }
        Path path;
        if (a[1] == 0) {
            path = fdPath(p, a[0]);
        } else {
            String name = UserMemory.readPath(p.memory(), a[1]);
            path = name.isEmpty() && (flags & AT_EMPTY_PATH) != 0 ? PathSyscalls.fdPath(p, (int) a[0])
                    : PathSyscalls.resolve(p, (int) a[0], name);
        }
        Files.getFileAttributeView(path, BasicFileAttributeView.class, links((flags & AT_SYMLINK_NOFOLLOW) == 0))
                .setTimes(mtime, atime, null);
        return 0;
    }

    /** One timespec of utimensat: a time, now (UTIME_NOW) or null to keep it (UTIME_OMIT). */
    private static FileTime time(GuestMemory m, long addr) {
        long sec = GuestMemory.load64(m, addr);
        long nsec = GuestMemory.load64(m, addr + 8);
        if (nsec == UTIME_NOW) {
            return FileTime.from(Instant.now());
        }
        if (nsec == UTIME_OMIT) {
            return null;
        }
        if (nsec < 0 || nsec >= 1_000_000_000L) {
            throw new SyscallError(Errno.EINVAL);
        }
        return FileTime.from(Instant.ofEpochSecond(sec, nsec));
    }

    static long statx(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        int flags = (int) a[2];
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE)) != 0
                || (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (a[3] & 0x80000000L) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        FileStat st = PathSyscalls.statAt(p, (int) a[0], UserMemory.readPath(p.memory(), a[1]), flags);
        UserMemory.write(p.memory(), a[4], st.encodeStatx());
        return 0;
    }

    /**
     * statfs from Java's FileStore: sizes and block size are the host's; f_type comes from the
     * file system's name; the inode counts and fsid are not visible to Java and read as 0.
     */
    static long statfs(LinuxProcess p, Path path, long addr) throws IOException {
        FileStore store = Files.getFileStore(path);
        long bsize = store.getBlockSize();
        ByteBuffer b = ByteBuffer.allocate(STATFS_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, FS_MAGIC.getOrDefault(store.type().toLowerCase(Locale.ROOT), 0L)).putLong(8, bsize);
        b.putLong(16, store.getTotalSpace() / bsize).putLong(24, store.getUnallocatedSpace() / bsize);
        b.putLong(32, store.getUsableSpace() / bsize);
        b.putLong(64, 255).putLong(72, bsize).putLong(80, store.isReadOnly() ? 1 : 0);
        UserMemory.write(p.memory(), addr, b.array());
        return 0;
    }

    private static Path path(LinuxProcess p, long dirfd, long nameAddr) {
        return PathSyscalls.resolve(p, (int) dirfd, UserMemory.readPath(p.memory(), nameAddr));
    }

    /** The host path behind a descriptor; EBADF for none, EINVAL for a pipe or socket, which has no path. */
    private static Path fdPath(LinuxProcess p, long fd) {
        Path path = p.files().get(fd).path();
        if (path == null) {
            throw new SyscallError(Errno.EINVAL);
        }
        return path;
    }

    private static LinkOption[] links(boolean follow) {
        return follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
    }
}
