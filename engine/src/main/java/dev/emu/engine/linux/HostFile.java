package dev.emu.engine.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A regular file (or device) of the host opened by the guest, through a FileChannel. O_APPEND
 * is done here, by writing at the current size, because Java cannot open a file for both
 * reading and appending.
 */
final class HostFile extends OpenFile {
    static final int SEEK_SET = 0;
    static final int SEEK_CUR = 1;
    static final int SEEK_END = 2;
    static final int SEEK_DATA = 3;
    static final int SEEK_HOLE = 4;

    private final FileChannel channel;
    private final Path path;

    HostFile(FileChannel channel, Path path, int flags) {
        super(flags);
        this.channel = channel;
        this.path = path;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return Math.max(0, channel.read(ByteBuffer.wrap(b, off, len)));
    }

    @Override
    public synchronized int write(byte[] b, int off, int len) throws IOException {
        if ((flags() & OpenFlags.O_APPEND) != 0) {
            channel.position(channel.size());
        }
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        return len;
    }

    @Override
    public int pread(byte[] b, int off, int len, long position) throws IOException {
        int n = channel.read(ByteBuffer.wrap(b, off, len), position);
        return Math.max(0, n);
    }

    @Override
    public int pwrite(byte[] b, int off, int len, long position) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        long p = position;
        while (buf.hasRemaining()) {
            p += channel.write(buf, p);
        }
        return len;
    }

    @Override
    public synchronized long seek(long offset, int whence) throws IOException {
        long size = channel.size();
        long target = switch (whence) {
            case SEEK_SET -> offset;
            case SEEK_CUR -> channel.position() + offset;
            case SEEK_END -> size + offset;
            case SEEK_DATA -> {
                if (offset < 0 || offset >= size) {
                    throw new SyscallError(Errno.ENXIO);
                }
                yield offset; // the host's holes are not visible through Java: all data
            }
            case SEEK_HOLE -> {
                if (offset < 0 || offset >= size) {
                    throw new SyscallError(Errno.ENXIO);
                }
                yield size;
            }
            default -> throw new SyscallError(Errno.EINVAL);
        };
        if (target < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        channel.position(target);
        return target;
    }

    @Override
    public FileStat stat() throws IOException {
        try {
            return FileStat.of(path, true);
        } catch (NoSuchFileException e) {
            // Unlinked while open: the data is still there, its name is not.
            long size = channel.size();
            return new FileStat(0, 0, FileStat.S_IFREG | 0600, 0, 0, 0, 0, size, 4096, (size + 4095) / 4096 * 8,
                    0, 0, 0, 0, 0, 0);
        }
    }

    @Override
    public synchronized int available() throws IOException {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, channel.size() - channel.position()));
    }

    @Override
    public void sync(boolean dataOnly) throws IOException {
        channel.force(!dataOnly);
    }

    /** Java's truncate only shrinks: growing writes one zero byte at the new end (a sparse file). */
    @Override
    public synchronized void resize(long size, boolean growOnly) throws IOException {
        long current = channel.size();
        if (size < current && !growOnly) {
            channel.truncate(size);
        } else if (size > current) {
            channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
        }
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    protected void closeHost() throws IOException {
        channel.close();
    }
}
