package dev.emu.engine.loader;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The guest's library prefix ({@code -L}, {@code QEMU_LD_PREFIX}): a host directory that stands in
 * for the guest's root when it holds the file asked for. As qemu-user's {@code path()} does it,
 * only absolute guest paths are looked up there; when {@code prefix + path} exists that is the
 * file, otherwise the path is taken as it is on the host. So the dynamic loader, libc and the
 * other libraries come from the riscv64 sysroot while every other file (the user's data, /tmp,
 * /proc) is the host's own.
 *
 * <p>A prefix of "/" or none at all means no prefix, as in qemu.
 */
public final class Sysroot {
    private static final Sysroot NONE = new Sysroot(null);
    private final Path prefix;

    private Sysroot(Path prefix) {
        this.prefix = prefix;
    }

    public static Sysroot none() {
        return NONE;
    }

    /** The prefix as given, made absolute against the working directory (qemu does the same). */
    public static Sysroot of(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return NONE;
        }
        Path p = Path.of(prefix).toAbsolutePath().normalize();
        return p.getParent() == null ? NONE : new Sysroot(p);
    }

    public boolean isSet() {
        return prefix != null;
    }

    /** The prefix directory; null when there is none. */
    public Path prefix() {
        return prefix;
    }

    /**
     * The host file an absolute guest path names: the prefixed one if it exists (qemu asks
     * access(F_OK), which follows symlinks), else the path itself. Relative paths are returned
     * as they are.
     */
    public Path lookup(Path guestPath) {
        if (prefix == null || !guestPath.isAbsolute()) {
            return guestPath;
        }
        try {
            Path full = prefix.resolve(guestPath.getRoot().relativize(guestPath));
            return Files.exists(full) ? full : guestPath;
        } catch (InvalidPathException e) {
            return guestPath;
        }
    }

    @Override
    public String toString() {
        return prefix == null ? "(none)" : prefix.toString();
    }
}
