package dev.emu.engine.linux;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * One of the guest's standard descriptors (see {@link StandardStreams}). Closing it drops the
 * guest's reference only: emu's own descriptor stays open for its messages. On the host
 * streams, fstat and lseek reach the real descriptor, so a redirected stdin that is a regular
 * file can seek and a terminal is seen as one.
 */
final class StandardStream extends OpenFile {
    private final InputStream in;
    private final OutputStream out;
    private final int hostFd;
    private final FileChannel channel;
    private final int index;

    private StandardStream(InputStream in, OutputStream out, int index, boolean host, int flags) {
        super(flags);
        this.in = in;
        this.out = out;
        this.index = index;
        this.hostFd = host ? index : -1;
        this.channel = in instanceof FileInputStream f ? f.getChannel()
                : out instanceof FileOutputStream f ? f.getChannel() : null;
    }

    static StandardStream[] open(StandardStreams s) {
        return new StandardStream[] {
            new StandardStream(s.in(), null, 0, s.hostDescriptors(), OpenFlags.O_RDONLY),
            new StandardStream(null, s.out(), 1, s.hostDescriptors(), OpenFlags.O_WRONLY),
            new StandardStream(null, s.err(), 2, s.hostDescriptors(), OpenFlags.O_WRONLY),
        };
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (in == null) {
            throw new SyscallError(Errno.EBADF);
        }
        return Math.max(0, in.read(b, off, len));
    }

    @Override
    public int write(byte[] b, int off, int len) throws IOException {
        if (out == null) {
            throw new SyscallError(Errno.EBADF);
        }
        out.write(b, off, len);
        out.flush();
        return len;
    }

    @Override
    public long seek(long offset, int whence) throws IOException {
        if (hostFd < 0 || channel == null) {
            throw new SyscallError(Errno.ESPIPE);
        }
        synchronized (this) {
            long target = switch (whence) {
                case HostFile.SEEK_SET -> offset;
                case HostFile.SEEK_CUR -> channel.position() + offset;
                case HostFile.SEEK_END -> channel.size() + offset;
                default -> throw new SyscallError(Errno.EINVAL);
            };
            if (target < 0) {
                throw new SyscallError(Errno.EINVAL);
            }
            channel.position(target);
            return target;
        }
    }

    /**
     * Output is always writable. Input is readable when the host says bytes are waiting, or
     * always when it is a regular file or a device such as /dev/null (as Linux's default poll);
     * a host pipe or terminal cannot wake a waiter, so poll looks at it again every slice.
     * (Java cannot see a host pipe's hang-up: a poll on stdin at its end waits until its timeout.)
     */
    @Override
    public int poll() throws IOException {
        if (in == null) {
            return PollSyscalls.POLLOUT | PollSyscalls.POLLWRNORM;
        }
        if (hostFd >= 0 && !isStream()) {
            return PollSyscalls.DEFAULT_MASK;
        }
        return in.available() > 0 ? PollSyscalls.POLLIN | PollSyscalls.POLLRDNORM : 0;
    }

    @Override
    void watch(PollWaiter waiter) {
        waiter.pollEvery();
    }

    @Override
    public int available() throws IOException {
        if (in == null) {
            throw new SyscallError(Errno.ENOTTY);
        }
        return in.available();
    }

    /** A pipe, socket or terminal: something whose data arrives over time. */
    private boolean isStream() {
        try {
            FileStat st = stat();
            int type = st.mode() & FileStat.S_IFMT;
            return type == FileStat.S_IFIFO || type == FileStat.S_IFSOCK || st.isTerminal();
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public FileStat stat() throws IOException {
        return hostFd >= 0 ? FileStat.of(Path.of("/proc/self/fd/" + hostFd), true) : FileStat.pipe(index + 1);
    }
}
