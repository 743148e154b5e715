package dev.emu.engine.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * A file's metadata as {@code stat} reports it, and its encoding as the asm-generic
 * {@code struct stat} that riscv64 (and arm64) use: 128 bytes, little-endian,
 *
 * <pre>
 *   0 st_dev  u64     8 st_ino u64     16 st_mode u32   20 st_nlink u32   24 st_uid u32
 *  28 st_gid  u32    32 st_rdev u64    40 (pad)         48 st_size i64    56 st_blksize i32
 *  60 (pad)          64 st_blocks i64  72 st_atime, 80 st_atime_nsec      88 st_mtime, 96 nsec
 * 104 st_ctime, 112 st_ctime_nsec     120 (unused, 8 bytes)
 * </pre>
 *
 * Host files are read through Java's {@code unix:*} attribute view, which keeps dev, ino,
 * mode, nlink, uid, gid and rdev exactly; st_blksize and st_blocks are not exposed there, so
 * they are 4096 and the size rounded up to whole 4 KiB blocks.
 */
public record FileStat(long dev, long ino, int mode, int nlink, int uid, int gid, long rdev, long size,
                       int blockSize, long blocks, long atimeSec, long atimeNsec, long mtimeSec, long mtimeNsec,
                       long ctimeSec, long ctimeNsec) {
    public static final int SIZE = 128;
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;
    private static final int BLOCK = 4096;

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, dev).putLong(8, ino).putInt(16, mode).putInt(20, nlink).putInt(24, uid).putInt(28, gid);
        b.putLong(32, rdev).putLong(48, size).putInt(56, blockSize).putLong(64, blocks);
        b.putLong(72, atimeSec).putLong(80, atimeNsec).putLong(88, mtimeSec).putLong(96, mtimeNsec);
        b.putLong(104, ctimeSec).putLong(112, ctimeNsec);
        return b.array();
    }

    /** statx's mask for what {@link #encodeStatx} fills: STATX_BASIC_STATS (no birth time). */
    public static final int STATX_BASIC_STATS = 0x7ff;
    public static final int STATX_SIZE = 256;

    /**
     * struct statx (256 bytes): mask, blksize, attributes, nlink, uid, gid, mode (u16), ino,
     * size, blocks, attributes_mask, then four statx_timestamps of 16 bytes (atime, btime,
     * ctime, mtime) at 64, and rdev and dev as major/minor pairs at 128.
     */
    public byte[] encodeStatx() {
        ByteBuffer b = ByteBuffer.allocate(STATX_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, STATX_BASIC_STATS).putInt(4, blockSize).putInt(16, nlink).putInt(20, uid).putInt(24, gid);
        b.putShort(28, (short) mode).putLong(32, ino).putLong(40, size).putLong(48, blocks);
        b.putLong(64, atimeSec).putInt(72, (int) atimeNsec);
        b.putLong(96, ctimeSec).putInt(104, (int) ctimeNsec);
        b.putLong(112, mtimeSec).putInt(120, (int) mtimeNsec);
        b.putInt(128, major(rdev)).putInt(132, minor(rdev)).putInt(136, major(dev)).putInt(140, minor(dev));
        return b.array();
    }

    /** The major and minor halves of a Linux dev_t (new_encode_dev's layout). */
    static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
    }

    static int minor(long dev) {
        return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
    }

    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public boolean isRegular() {
        return (mode & S_IFMT) == S_IFREG;
    }

    /** A character device of one of Linux's terminal drivers (tty, /dev/tty and consoles, pseudo-terminals). */
    public boolean isTerminal() {
        if ((mode & S_IFMT) != S_IFCHR) {
            return false;
        }
        int major = major(rdev);
        return major == 4 || major == 5 || (major >= 136 && major <= 143);
    }

    /** stat (or lstat when followLinks is false) of a host path. */
    public static FileStat of(Path path, boolean followLinks) throws IOException {
        LinkOption[] options = followLinks ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        Map<String, Object> a;
        try {
            a = Files.readAttributes(path, "unix:*", options);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return ofBasic(Files.readAttributes(path, BasicFileAttributes.class, options));
        } catch (NoSuchFileException e) {
            if (underNonDirectory(path)) {
                throw new SyscallError(Errno.ENOTDIR);
            }
            throw e;
        }
        long size = (Long) a.get("size");
        int mode = (Integer) a.get("mode");
        FileTime atime = (FileTime) a.get("lastAccessTime");
        FileTime mtime = (FileTime) a.get("lastModifiedTime");
        FileTime ctime = (FileTime) a.get("ctime");
        return new FileStat((Long) a.get("dev"), (Long) a.get("ino"), mode, (Integer) a.get("nlink"),
                (Integer) a.get("uid"), (Integer) a.get("gid"), (Long) a.get("rdev"), size, BLOCK,
                blocksFor(mode, size), seconds(atime), nanos(atime), seconds(mtime), nanos(mtime),
                seconds(ctime), nanos(ctime));
    }

    /**
     * Java reports a stat failing with ENOTDIR as a missing file; Linux says ENOTDIR when the
     * nearest existing ancestor of the path is not a directory.
     */
    private static boolean underNonDirectory(Path path) {
        for (Path p = path.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return !Files.isDirectory(p);
            }
        }
        return false;
    }

    /** A pipe with no host identity: what a captured stream (tests, embedding) looks like. */
    public static FileStat pipe(long ino) {
        return new FileStat(0xc, ino, S_IFIFO | 0600, 1, 0, 0, 0, 0, BLOCK, 0, 0, 0, 0, 0, 0, 0);
    }

    private static FileStat ofBasic(BasicFileAttributes a) {
        int type = a.isDirectory() ? S_IFDIR : a.isRegularFile() ? S_IFREG : a.isSymbolicLink() ? S_IFLNK : S_IFCHR;
        int mode = type | (a.isDirectory() ? 0755 : 0644);
        return new FileStat(0, 0, mode, 1, 0, 0, 0, a.size(), BLOCK, blocksFor(mode, a.size()),
                seconds(a.lastAccessTime()), nanos(a.lastAccessTime()), seconds(a.lastModifiedTime()),
                nanos(a.lastModifiedTime()), seconds(a.lastModifiedTime()), nanos(a.lastModifiedTime()));
    }

    private static long blocksFor(int mode, long size) {
        int type = mode & S_IFMT;
        return type == S_IFREG || type == S_IFDIR ? (size + BLOCK - 1) / BLOCK * (BLOCK / 512) : 0;
    }

    private static long seconds(FileTime t) {
        return t.toInstant().getEpochSecond();
    }

    private static long nanos(FileTime t) {
        return t.toInstant().getNano();
    }
}
