package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;

import java.io.IOException;

import static dev.emu.engine.linux.SyscallNumbers.*;

/** brk, mmap, munmap, mprotect, mremap, msync, madvise: thin wrappers over {@link AddressSpace}. */
final class MemorySyscalls {
    private MemorySyscalls() {}

    static void register(SyscallTable t) {
        t.define(BRK, "brk(p) -> p", (p, cpu, a) -> p.addressSpace().brk(a[0]));
        t.define(MMAP, "mmap(p,u,x,x,d,x) -> p", MemorySyscalls::mmap);
        t.define(MUNMAP, "munmap(p,u)", (p, cpu, a) -> {
            p.addressSpace().munmap(a[0], a[1]);
            return 0;
        });
        t.define(MPROTECT, "mprotect(p,u,x)", (p, cpu, a) -> {
            p.addressSpace().mprotect(a[0], a[1], (int) a[2]);
            return 0;
        });
        t.define(MREMAP, "mremap(p,u,u,x,p) -> p", (p, cpu, a) -> p.addressSpace().mremap(a[0], a[1], a[2], (int) a[3], a[4]));
        t.define(MSYNC, "msync(p,u,x)", (p, cpu, a) -> {
            p.addressSpace().msync(a[0], a[1], (int) a[2]);
            return 0;
        });
        t.define(MADVISE, "madvise(p,u,d)", (p, cpu, a) -> {
            p.addressSpace().madvise(a[0], a[1], (int) a[2]);
            return 0;
        });
    }

    /** A private mapping of /dev/zero is anonymous memory, as on Linux. */
    static long mmap(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        int flags = (int) a[3];
        OpenFile file = (flags & AddressSpace.MAP_ANONYMOUS) != 0 ? null : p.files().get((int) a[4]);
        if (file != null && DEV_ZERO.equals(file.path())) {
            file = null;
        }
        return p.addressSpace().mmap(a[0], a[1], (int) a[2], flags, file, a[5]);
    }

    private static final java.nio.file.Path DEV_ZERO = java.nio.file.Path.of("/dev/zero");
}
