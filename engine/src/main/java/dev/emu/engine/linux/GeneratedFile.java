package dev.emu.engine.linux;

import java.nio.file.Path;

/**
 * A read-only file whose contents emu made up when it was opened, as the kernel generates a
 * /proc file: reads, pread and lseek see that snapshot. Like /proc files it stats as an empty
 * regular file with mode 0444, so programs read it to the end instead of trusting st_size.
 */
final class GeneratedFile extends OpenFile {
    /** The device number Linux's procfs usually gets (0:22 in the kernel's encoding). */
    private static final long PROC_DEVICE = 22;
    private final Path path;
    private final byte[] contents;
    private final FileStat stat;
    private long position;

    GeneratedFile(Path path, byte[] contents, int flags, int uid, int gid) {
        super(flags);
        this.path = path;
        this.contents = contents;
        long now = System.currentTimeMillis() / 1000;
        this.stat = new FileStat(PROC_DEVICE, 0, FileStat.S_IFREG | 0444, 1, uid, gid, 0, 0, 1024, 0,
                now, 0, now, 0, now, 0);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        int n = pread(b, off, len, position);
        position += n;
        return n;
    }

    @Override
    public int write(byte[] b, int off, int len) {
        throw new SyscallError(Errno.EBADF);
    }

    @Override
    public int pread(byte[] b, int off, int len, long at) {
        if (at < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        if (at >= contents.length) {
            return 0;
        }
        int n = (int) Math.min(len, contents.length - at);
        System.arraycopy(contents, (int) at, b, off, n);
        return n;
    }

    @Override
    public synchronized long seek(long offset, int whence) {
        long target = switch (whence) {
            case HostFile.SEEK_SET -> offset;
            case HostFile.SEEK_CUR -> position + offset;
            case HostFile.SEEK_END -> contents.length + offset;
            default -> throw new SyscallError(Errno.EINVAL);
        };
        if (target < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        position = target;
        return target;
    }

    @Override
    public FileStat stat() {
        return stat;
    }

    @Override
    public Path path() {
        return path;
    }
}
