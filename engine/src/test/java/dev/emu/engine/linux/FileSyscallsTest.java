package dev.emu.engine.linux;

import dev.emu.engine.exec.FatalSignal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.emu.engine.linux.SyscallNumbers.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Descriptor syscalls through {@link LinuxProcess#syscall} with the registers set as the guest sets them. */
class FileSyscallsTest {
    static final int AT_FDCWD = -100;
    @TempDir
    Path tmp;

    @Test
    void writeGoesToTheCapturedStreamsInCallOrder() throws IOException {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        GuestHarness g = new GuestHarness(new ByteArrayInputStream(new byte[0]), both, both);
        assertEquals(6, g.call(WRITE, 1, g.string(0, "hello "), 6));
        assertEquals(4, g.call(WRITE, 2, g.string(100, "err "), 4));
        assertEquals(6, g.call(WRITE, 1, g.string(200, "world\n"), 6));
        assertEquals("hello err world\n", both.toString(StandardCharsets.UTF_8));
        assertEquals(0, g.call(WRITE, 1, g.scratch, 0));
    }

    @Test
    void writevGathersIntoOneWrite() throws IOException {
        GuestHarness g = new GuestHarness();
        long iov = g.scratch + 0x1000;
        long[] parts = {g.string(0, "ab"), 2, g.string(16, "cde"), 3, g.string(32, "f"), 1};
        for (int i = 0; i < parts.length; i++) {
            g.store64(iov + 8L * i, parts[i]);
        }
        assertEquals(6, g.call(WRITEV, 1, iov, 3));
        assertEquals("abcdef", g.out.toString(StandardCharsets.UTF_8));
        assertEquals(-Errno.EINVAL, g.call(WRITEV, 1, iov, 1025));
        g.store64(iov + 8, -1);
        assertEquals(-Errno.EINVAL, g.call(WRITEV, 1, iov, 3));
    }

    @Test
    void readAndReadvFromStdin() throws IOException {
        GuestHarness g = new GuestHarness(new ByteArrayInputStream("0123456789".getBytes(StandardCharsets.US_ASCII)),
                new ByteArrayOutputStream(), new ByteArrayOutputStream());
        assertEquals(4, g.call(READ, 0, g.scratch, 4));
        assertEquals("0123", new String(g.bytes(g.scratch, 4), StandardCharsets.US_ASCII));
        long iov = g.scratch + 0x1000;
        g.store64(iov, g.scratch + 0x100);
        g.store64(iov + 8, 2);
        g.store64(iov + 16, g.scratch + 0x200);
        g.store64(iov + 24, 10);
        assertEquals(6, g.call(READV, 0, iov, 2));
        assertEquals("45", new String(g.bytes(g.scratch + 0x100, 2), StandardCharsets.US_ASCII));
        assertEquals("6789", new String(g.bytes(g.scratch + 0x200, 4), StandardCharsets.US_ASCII));
        assertEquals(0, g.call(READ, 0, g.scratch, 4), "end of input");
    }

    @Test
    void readIntoUnwritableMemoryFailsWithoutConsumingInput() throws IOException {
        InputStream in = new ByteArrayInputStream("xyz".getBytes(StandardCharsets.US_ASCII));
        GuestHarness g = new GuestHarness(in, new ByteArrayOutputStream(), new ByteArrayOutputStream());
        assertEquals(-Errno.EFAULT, g.call(READ, 0, 0x1000, 3));
        assertEquals(-Errno.EFAULT, g.call(READ, 0, g.process.image().entry(), 3), "text is read-only");
        assertEquals(-Errno.EFAULT, g.call(READ, 0, g.scratch + 0x10000 - 1, 3), "runs off the mapping");
        assertEquals(3, g.call(READ, 0, g.scratch, 3));
        assertEquals(-Errno.EFAULT, g.call(WRITE, 1, 0x1000, 3));
    }

    @Test
    void badDescriptorsAndWrongDirections() throws IOException {
        GuestHarness g = new GuestHarness();
        assertEquals(-Errno.EBADF, g.call(WRITE, 7, g.scratch, 1));
        assertEquals(-Errno.EBADF, g.call(WRITE, -1, g.scratch, 1));
        assertEquals(-Errno.EBADF, g.call(READ, 1, g.scratch, 1), "stdout is write-only");
        assertEquals(-Errno.EBADF, g.call(WRITE, 0, g.scratch, 1), "stdin is read-only");
        assertEquals(-Errno.EBADF, g.call(CLOSE, 99));
        assertEquals(-Errno.ESPIPE, g.call(LSEEK, 1, 0, 0), "a captured stream is a pipe");
        assertEquals(-Errno.ENOTTY, g.call(IOCTL, 1, 0x5401, g.scratch), "TCGETS on a pipe");
        assertEquals(-Errno.ENOTTY, g.call(IOCTL, 1, 0x5413, g.scratch), "TIOCGWINSZ on a pipe");
    }

    @Test
    void closingStdoutOnlyDropsTheGuestsDescriptor() throws IOException {
        GuestHarness g = new GuestHarness();
        assertEquals(0, g.call(CLOSE, 1));
        assertEquals(-Errno.EBADF, g.call(WRITE, 1, g.string(0, "x"), 1));
        assertEquals(2, g.call(WRITE, 2, g.string(0, "ok"), 2));
    }

    @Test
    void openatReadsATempFile() throws IOException {
        Path file = tmp.resolve("data.txt");
        Files.writeString(file, "The quick brown fox");
        GuestHarness g = new GuestHarness();
        long fd = g.call(OPENAT, AT_FDCWD, g.string(0, file.toString()), OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC);
        assertEquals(3, fd, "lowest free descriptor");
        assertEquals(9, g.call(READ, fd, g.scratch + 0x1000, 9));
        assertEquals("The quick", new String(g.bytes(g.scratch + 0x1000, 9), StandardCharsets.US_ASCII));
        assertEquals(5, g.call(PREAD64, fd, g.scratch + 0x2000, 5, 4));
        assertEquals("quick", new String(g.bytes(g.scratch + 0x2000, 5), StandardCharsets.US_ASCII));
        assertEquals(9, g.call(LSEEK, fd, 0, 1), "pread leaves the offset alone");
        assertEquals(16, g.call(LSEEK, fd, -3, 2));
        assertEquals(3, g.call(READ, fd, g.scratch + 0x1000, 100));
        assertEquals(0, g.call(READ, fd, g.scratch + 0x1000, 100));
        assertEquals(-Errno.EINVAL, g.call(LSEEK, fd, -100, 0));
        assertEquals(-Errno.EBADF, g.call(WRITE, fd, g.scratch, 1), "opened read-only");
        assertEquals(1, g.call(FCNTL, fd, 1), "F_GETFD: O_CLOEXEC became FD_CLOEXEC");
        assertEquals(0, g.call(CLOSE, fd));
        assertEquals(-Errno.EBADF, g.call(READ, fd, g.scratch, 1));
    }

    @Test
    void openatCreatesTruncatesAndAppends() throws IOException {
        Path file = tmp.resolve("out.txt");
        GuestHarness g = new GuestHarness();
        long name = g.string(0, file.toString());
        int create = OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC;
        long fd = g.call(OPENAT, AT_FDCWD, name, create, 0640);
        assertTrue(fd >= 3);
        assertEquals(5, g.call(WRITE, fd, g.string(0x100, "hello"), 5));
        assertEquals(0, g.call(CLOSE, fd));
        assertEquals("hello", Files.readString(file));
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        fd = g.call(OPENAT, AT_FDCWD, name, OpenFlags.O_WRONLY | OpenFlags.O_APPEND);
        assertEquals(3, g.call(WRITE, fd, g.string(0x100, "!!!"), 3));
        g.call(CLOSE, fd);
        assertEquals("hello!!!", Files.readString(file));

        fd = g.call(OPENAT, AT_FDCWD, name, create, 0600);
        g.call(WRITE, fd, g.string(0x100, "x"), 1);
        g.call(CLOSE, fd);
        assertEquals("x", Files.readString(file), "O_TRUNC emptied it");

        assertEquals(-Errno.EEXIST, g.call(OPENAT, AT_FDCWD, name, create | OpenFlags.O_EXCL, 0600));
        assertEquals(-Errno.ENOENT, g.call(OPENAT, AT_FDCWD, g.string(0x200, tmp.resolve("missing").toString()), 0));
        assertEquals(-Errno.ENOTDIR, g.call(OPENAT, AT_FDCWD, name, OpenFlags.O_DIRECTORY));
        assertEquals(-Errno.EISDIR, g.call(OPENAT, AT_FDCWD, g.string(0x200, tmp.toString()), OpenFlags.O_WRONLY));
        assertEquals(-Errno.ENOENT, g.call(OPENAT, AT_FDCWD, g.string(0x200, ""), 0));
        assertEquals(-Errno.EFAULT, g.call(OPENAT, AT_FDCWD, 0x1000, 0));
    }

    @Test
    void openatRelativeToADirectoryDescriptor() throws IOException {
        Files.writeString(tmp.resolve("inner.txt"), "inside");
        GuestHarness g = new GuestHarness();
        long dir = g.call(OPENAT, AT_FDCWD, g.string(0, tmp.toString()), OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY);
        assertTrue(dir >= 3);
        assertEquals(-Errno.EISDIR, g.call(READ, dir, g.scratch, 1));
        long fd = g.call(OPENAT, dir, g.string(0x100, "inner.txt"), 0);
        assertEquals(6, g.call(READ, fd, g.scratch + 0x200, 100));
        assertEquals(-Errno.ENOTDIR, g.call(OPENAT, fd, g.string(0x100, "inner.txt"), 0));
    }

    @Test
    void dupDup3AndFcntl() throws IOException {
        GuestHarness g = new GuestHarness();
        long fd = g.call(DUP, 1);
        assertEquals(3, fd);
        assertEquals(1, g.call(WRITE, fd, g.string(0, "a"), 1));
        assertEquals(10, g.call(DUP3, 1, 10, OpenFlags.O_CLOEXEC));
        assertEquals(1, g.call(FCNTL, 10, 1));
        assertEquals(1, g.call(WRITE, 10, g.string(0, "b"), 1));
        assertEquals(-Errno.EINVAL, g.call(DUP3, 1, 1, 0));
        assertEquals(5, g.call(FCNTL, 1, 0, 5), "F_DUPFD takes the lowest free >= arg");
        assertEquals(OpenFlags.O_WRONLY, g.call(FCNTL, 1, 3), "F_GETFL");
        assertEquals(0, g.call(FCNTL, 1, 4, OpenFlags.O_APPEND | OpenFlags.O_NONBLOCK));
        assertEquals(OpenFlags.O_WRONLY | OpenFlags.O_APPEND | OpenFlags.O_NONBLOCK, g.call(FCNTL, 5, 3), "shared by dups");
        assertEquals("ab", g.out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void readlinkatGivesTheProgramForProcSelfExe() throws IOException {
        GuestHarness g = new GuestHarness();
        String exe = GuestHarness.HELLO.toRealPath().toString();
        long n = g.call(READLINKAT, AT_FDCWD, g.string(0, "/proc/self/exe"), g.scratch + 0x1000, 4096);
        assertEquals(exe.length(), n);
        assertEquals(exe, new String(g.bytes(g.scratch + 0x1000, (int) n), StandardCharsets.UTF_8));
        assertEquals(4, g.call(READLINKAT, AT_FDCWD, g.string(0, "/proc/self/exe"), g.scratch + 0x1000, 4),
                "truncated silently");
        assertEquals(-Errno.EINVAL, g.call(READLINKAT, AT_FDCWD, g.string(0, "/proc/self/exe"), g.scratch, 0));
        Path plain = tmp.resolve("plain");
        Files.writeString(plain, "");
        assertEquals(-Errno.EINVAL, g.call(READLINKAT, AT_FDCWD, g.string(0, plain.toString()), g.scratch, 64),
                "not a symbolic link");
        Files.createSymbolicLink(tmp.resolve("link"), Path.of("target/name"));
        assertEquals(11, g.call(READLINKAT, AT_FDCWD, g.string(0, tmp.resolve("link").toString()), g.scratch, 64));
        assertEquals("target/name", new String(g.bytes(g.scratch, 11), StandardCharsets.UTF_8));
    }

    @Test
    void faccessatAndGetcwd() throws IOException {
        Path file = tmp.resolve("f");
        Files.writeString(file, "");
        GuestHarness g = new GuestHarness();
        assertEquals(0, g.call(FACCESSAT, AT_FDCWD, g.string(0, file.toString()), 0));
        assertEquals(0, g.call(FACCESSAT, AT_FDCWD, g.string(0, file.toString()), 4 | 2));
        assertEquals(-Errno.ENOENT, g.call(FACCESSAT, AT_FDCWD, g.string(0, tmp.resolve("no").toString()), 0));
        assertEquals(-Errno.EINVAL, g.call(FACCESSAT, AT_FDCWD, g.string(0, file.toString()), 8));
        assertEquals(0, g.call(FACCESSAT2, AT_FDCWD, g.string(0, file.toString()), 0, 0x200));
        String cwd = Path.of("").toAbsolutePath().toString();
        assertEquals(cwd.length() + 1, g.call(GETCWD, g.scratch, 4096));
        assertEquals(cwd, new String(g.bytes(g.scratch, cwd.length()), StandardCharsets.UTF_8));
        assertEquals(-Errno.ERANGE, g.call(GETCWD, g.scratch, 2));
    }

    @Test
    void fstatOfAFileAndOfACapturedStream() throws IOException {
        Path file = tmp.resolve("sized");
        Files.write(file, new byte[12345]);
        GuestHarness g = new GuestHarness();
        long fd = g.call(OPENAT, AT_FDCWD, g.string(0, file.toString()), 0);
        long st = g.scratch + 0x1000;
        assertEquals(0, g.call(FSTAT, fd, st));
        assertEquals(12345, g.load64(st + 48), "st_size");
        assertEquals(FileStat.S_IFREG, g.load32(st + 16) & FileStat.S_IFMT);
        assertEquals(Files.getAttribute(file, "unix:ino"), g.load64(st + 8), "st_ino");
        assertEquals(0, g.call(FSTAT, 1, st));
        assertEquals(FileStat.S_IFIFO, g.load32(st + 16) & FileStat.S_IFMT, "a captured stdout is a pipe");
        assertEquals(-Errno.EBADF, g.call(FSTAT, 42, st));
        assertEquals(-Errno.EFAULT, g.call(FSTAT, fd, 0x1000));
    }

    @Test
    void newfstatatFollowsOrNotAndTakesEmptyPaths() throws IOException {
        Path file = tmp.resolve("t");
        Files.write(file, new byte[7]);
        Path link = tmp.resolve("l");
        Files.createSymbolicLink(link, file);
        GuestHarness g = new GuestHarness();
        long st = g.scratch + 0x1000;
        assertEquals(0, g.call(NEWFSTATAT, AT_FDCWD, g.string(0, link.toString()), st, 0));
        assertEquals(7, g.load64(st + 48));
        assertEquals(0, g.call(NEWFSTATAT, AT_FDCWD, g.string(0, link.toString()), st, 0x100));
        assertEquals(FileStat.S_IFLNK, g.load32(st + 16) & FileStat.S_IFMT);
        // glibc's fstat(1): newfstatat(1, "", buf, AT_EMPTY_PATH)
        assertEquals(0, g.call(NEWFSTATAT, 1, g.string(0, ""), st, 0x1000));
        assertEquals(FileStat.S_IFIFO, g.load32(st + 16) & FileStat.S_IFMT);
        assertEquals(-Errno.ENOENT, g.call(NEWFSTATAT, 1, g.string(0, ""), st, 0));
        assertEquals(-Errno.EINVAL, g.call(NEWFSTATAT, AT_FDCWD, g.string(0, file.toString()), st, 0x4));
        assertEquals(-Errno.ENOENT, g.call(NEWFSTATAT, AT_FDCWD, g.string(0, tmp.resolve("none").toString()), st, 0));
    }

    @Test
    void brokenPipeEndsTheGuestWithSigpipeUnlessIgnored() throws IOException {
        java.io.OutputStream broken = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        GuestHarness g = new GuestHarness(new ByteArrayInputStream(new byte[0]), broken, new ByteArrayOutputStream(),
                new ByteArrayOutputStream(), new ByteArrayOutputStream());
        long text = g.string(0, "x");
        FatalSignal sig = org.junit.jupiter.api.Assertions.assertThrows(FatalSignal.class, () -> g.call(WRITE, 1, text, 1));
        assertEquals(Signals.SIGPIPE, sig.signal);
        assertEquals(141, sig.exitStatus());
        // SIG_IGN for SIGPIPE: the write fails with EPIPE instead
        long act = g.scratch + 0x1000;
        g.store64(act, SignalState.SIG_IGN);
        assertEquals(0, g.call(RT_SIGACTION, Signals.SIGPIPE, act, 0, 8));
        assertEquals(-Errno.EPIPE, g.call(WRITE, 1, text, 1));
    }

    @Test
    void largeReadsOfRegularFilesAreComplete() throws IOException {
        byte[] data = new byte[3 * FileSyscalls.CHUNK + 17];
        new java.util.Random(1).nextBytes(data);
        Path file = tmp.resolve("big");
        Files.write(file, data);
        GuestHarness g = new GuestHarness();
        long buf = g.call(MMAP, 0, data.length, 3, AddressSpace.MAP_PRIVATE | AddressSpace.MAP_ANONYMOUS, -1, 0);
        long fd = g.call(OPENAT, AT_FDCWD, g.string(0, file.toString()), 0);
        assertEquals(data.length, g.call(READ, fd, buf, data.length + 100L), "the whole file, not one chunk");
        assertArrayEquals(data, g.bytes(buf, data.length));
    }

    @Test
    void hostStandardStreamsStatTheRealDescriptors() throws IOException {
        Path fd1 = Path.of("/proc/self/fd/1");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(fd1), "needs Linux /proc");
        LinuxProcess p = LinuxProcess.start(GuestHarness.RISCV64, GuestHarness.HELLO, java.util.List.of("hello"),
                java.util.List.of(), StandardStreams.host());
        FileStat st = p.files().get(1).stat();
        assertEquals(((Number) Files.getAttribute(fd1, "unix:ino")).longValue(), st.ino());
        assertEquals(((Number) Files.getAttribute(fd1, "unix:mode")).intValue(), st.mode());
    }
}
