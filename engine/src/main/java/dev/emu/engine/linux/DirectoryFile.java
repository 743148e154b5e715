package dev.emu.engine.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory opened by the guest (O_RDONLY or O_PATH): a base for *at() lookups, fstat, and
 * getdents64. The listing is read from the host when the guest starts at offset 0 (open,
 * rewinddir) and handed out from that snapshot; an entry's d_off is its index + 1, so
 * telldir/seekdir work. "." and ".." come first, as Linux lists them.
 */
final class DirectoryFile extends OpenFile {
    static final int DT_UNKNOWN = 0;
    /** linux_dirent64: d_ino u64, d_off s64, d_reclen u16, d_type u8, then the name and its NUL. */
    static final int DIRENT_HEADER = 19;

    private record Entry(long ino, int type, byte[] name) {
        int length() {
            return (DIRENT_HEADER + name.length + 1 + 7) & ~7;
        }
    }

    private final Path path;
    private long position;
    private List<Entry> entries;

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

    /**
     * getdents64: as many whole records from the current position as fit in count bytes; 0 at
     * the end; EINVAL when not even the next one fits.
     */
    synchronized byte[] readEntries(int count) throws IOException {
        if (entries == null || position == 0) {
            entries = list();
        }
        ByteBuffer out = ByteBuffer.allocate(Math.min(count, 1 << 20)).order(ByteOrder.LITTLE_ENDIAN);
        while (position < entries.size()) {
            Entry e = entries.get((int) position);
            if (e.length() > out.remaining()) {
                if (out.position() == 0) {
                    throw new SyscallError(Errno.EINVAL);
                }
                break;
            }
            int start = out.position();
            out.putLong(e.ino()).putLong(position + 1).putShort((short) e.length()).put((byte) e.type()).put(e.name());
            out.position(start + e.length());
            position++;
        }
        byte[] result = new byte[out.position()];
        out.get(0, result);
        return result;
    }

    private List<Entry> list() throws IOException {
        List<Entry> list = new ArrayList<>();
        list.add(entry(".", path));
        list.add(entry("..", path.resolve("..")));
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(path)) {
            for (Path child : dir) {
                list.add(entry(child.getFileName().toString(), child));
            }
        }
        return list;
    }

    private static Entry entry(String name, Path file) {
        long ino = 0;
        int type = DT_UNKNOWN;
        try {
            FileStat st = FileStat.of(file, false);
            ino = st.ino();
            type = (st.mode() & FileStat.S_IFMT) >> 12;
        } catch (IOException e) {
            // removed since the listing: DT_UNKNOWN, as a file system without d_type reports
        }
        return new Entry(ino, type, name.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public FileStat stat() throws IOException {
        return FileStat.of(path, true);
    }

    @Override
    public void sync(boolean dataOnly) {
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
