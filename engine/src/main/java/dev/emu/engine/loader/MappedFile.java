package dev.emu.engine.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file behind a file mapping, as /proc/self/maps names it: its host path and the device and
 * inode numbers stat gives. Read once when the mapping is made, so the listing stays the same if
 * the file is later renamed or removed, as Linux's does (short of the " (deleted)" suffix).
 *
 * @param path   the absolute host path, symlinks resolved
 * @param device st_dev in the kernel's encoding (major and minor packed as glibc's makedev)
 * @param inode  st_ino
 */
public record MappedFile(Path path, long device, long inode) {

    /**
     * The identity of the file at path, named by its real path as the kernel names an open file
     * (symlinks resolved); device and inode are 0 where the host does not say.
     */
    public static MappedFile of(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        try {
            abs = abs.toRealPath();
            return new MappedFile(abs, (Long) Files.getAttribute(abs, "unix:dev"), (Long) Files.getAttribute(abs, "unix:ino"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return new MappedFile(abs, 0, 0);
        }
    }

    /** The device's major number (glibc's gnu_dev_major). */
    public long major() {
        return ((device >>> 8) & 0xfff) | ((device >>> 32) & ~0xfffL);
    }

    /** The device's minor number (glibc's gnu_dev_minor). */
    public long minor() {
        return (device & 0xff) | ((device >>> 12) & ~0xffL);
    }
}
