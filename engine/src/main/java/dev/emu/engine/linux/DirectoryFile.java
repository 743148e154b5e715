package dev.emu.engine.linux;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A directory opened by the guest (O_RDONLY or O_PATH): a base for *at() lookups and fstat;
 * getdents64 will read it. read and write fail as on Linux.
 */
final class DirectoryFile extends OpenFile {
    private final Path path;
    private long position;

    DirectoryFile(Path path, int flags) {
        super(flags);
        this.path = path;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        throw new SyscallError(Errno.EISDIR);
    }

    @Override
    public int write(byte[] b, int off, int len) {
        throw new SyscallError(Errno.EBADF);
    }

    @Override
    public synchronized long seek(long offset, int whence) {
        if (whence != HostFile.SEEK_SET && whence != HostFile.SEEK_CUR || position + offset < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        position = whence == HostFile.SEEK_SET ? offset : position + offset;
        return position;
    }

    @Override
    public FileStat stat() throws IOException {
        return FileStat.of(path, true);
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public boolean isDirectory() {
        return true;
    }
}
