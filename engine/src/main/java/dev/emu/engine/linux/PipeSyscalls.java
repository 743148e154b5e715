package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

import java.io.IOException;

import static dev.emu.engine.linux.SyscallNumbers.*;

/**
 * Descriptors that live only inside emu: pipe2 (a {@link PipeBuffer} between two
 * {@link PipeFile} ends) and eventfd2 ({@link EventFdFile}). Both can be shared by guest
 * threads and watched by ppoll/pselect6.
 */
final class PipeSyscalls {
    private PipeSyscalls() {}

    static void register(SyscallTable t) {
        t.define(PIPE2, "pipe2(l,l,l,l,l,l)", PipeSyscalls::pipe2);
        t.define(EVENTFD2, "eventfd2(l,l)", PipeSyscalls::eventfd2);
    }

    static long pipe2(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        int flags = (int) a[1];
        if ((flags & ~(OpenFlags.O_CLOEXEC | OpenFlags.O_NONBLOCK | OpenFlags.O_DIRECT)) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        UserMemory.checkWritable(p.memory(), a[0], 8);
        PipeBuffer buffer = new PipeBuffer();
        boolean cloexec = (flags & OpenFlags.O_CLOEXEC) != 0;
        int status = flags & (OpenFlags.O_NONBLOCK | OpenFlags.O_DIRECT);
        FdTable files = p.files();
        int readFd = files.install(new PipeFile(buffer, true, status), 0, cloexec);
        int writeFd;
        try {
            writeFd = files.install(new PipeFile(buffer, false, status), 0, cloexec);
        } catch (SyscallError e) {
            files.close(readFd);
            throw e;
        }
        GuestMemory.store32(p.memory(), a[0], readFd);
        GuestMemory.store32(p.memory(), a[0] + 4, writeFd);
        return 0;
    }

    static long eventfd2(LinuxProcess p, Vcpu cpu, long[] a) {
        int flags = (int) a[1];
        if ((flags & ~(OpenFlags.O_CLOEXEC | OpenFlags.O_NONBLOCK | EventFdFile.EFD_SEMAPHORE)) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        return p.files().install(new EventFdFile(a[0] & 0xffffffffL, flags), 0, (flags & OpenFlags.O_CLOEXEC) != 0);
    }
}
