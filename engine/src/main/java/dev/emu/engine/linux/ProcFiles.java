package dev.emu.engine.linux;

import dev.emu.engine.loader.AuxVector;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The /proc files that must describe the guest rather than the JVM, generated at open as qemu
 * does: {@code maps} (the guest's mappings, in Linux's format) and {@code auxv} (the auxiliary
 * vector the loader wrote), under /proc/self, /proc/thread-self and /proc/PID for the guest's
 * own pid. Every other /proc path is the host's. (/proc/self/exe is a link: readlinkat and the
 * path lookups handle it.)
 */
final class ProcFiles {
    private ProcFiles() {}

    /** The generated file path names, or null when it is not one of them. */
    static OpenFile open(LinuxProcess p, Path path, int flags) {
        Path n = path.normalize();
        if (n.getNameCount() != 3 || !n.isAbsolute() || !n.getName(0).toString().equals("proc")) {
            return null;
        }
        String who = n.getName(1).toString();
        if (!who.equals("self") && !who.equals("thread-self") && !who.equals(String.valueOf(p.pid()))) {
            return null;
        }
        byte[] contents = switch (n.getName(2).toString()) {
            case "maps" -> ProcMaps.render(p.addressSpace().regions()).getBytes(StandardCharsets.UTF_8);
            case "auxv" -> auxv(p.image().auxv());
            default -> null;
        };
        if (contents == null) {
            return null;
        }
        if (OpenFlags.writable(flags) || (flags & OpenFlags.O_CREAT) != 0 && (flags & OpenFlags.O_EXCL) != 0) {
            throw new SyscallError(OpenFlags.writable(flags) ? Errno.EACCES : Errno.EEXIST);
        }
        if ((flags & OpenFlags.O_DIRECTORY) != 0) {
            throw new SyscallError(Errno.ENOTDIR);
        }
        return new GeneratedFile(n, contents, flags, p.uid(), p.gid());
    }

    /** The auxiliary vector as the kernel stores it: (type, value) pairs of 64-bit words, AT_NULL last. */
    static byte[] auxv(List<AuxVector> entries) {
        ByteBuffer b = ByteBuffer.allocate(16 * entries.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (AuxVector a : entries) {
            b.putLong(a.type()).putLong(a.value());
        }
        return b.array();
    }
}
