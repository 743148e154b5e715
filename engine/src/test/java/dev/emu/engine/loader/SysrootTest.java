package dev.emu.engine.loader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The -L prefix: prefixed path when it exists, the plain one otherwise, as qemu's path(). */
class SysrootTest {
    @Test
    void absolutePathsPreferThePrefixAndFallBack(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("lib"));
        Files.writeString(root.resolve("lib/libx.so"), "x");
        Sysroot s = Sysroot.of(root.toString());
        assertTrue(s.isSet());
        assertEquals(root.resolve("lib/libx.so"), s.lookup(Path.of("/lib/libx.so")));
        assertEquals(root.resolve("lib"), s.lookup(Path.of("/lib")));
        assertEquals(Path.of("/lib/liby.so"), s.lookup(Path.of("/lib/liby.so")), "missing under the prefix");
        assertEquals(Path.of("/tmp"), s.lookup(Path.of("/tmp")));
        assertEquals(Path.of("lib/libx.so"), s.lookup(Path.of("lib/libx.so")), "relative paths are never prefixed");
    }

    @Test
    void noPrefixOrTheRootMeansNone() {
        assertFalse(Sysroot.of(null).isSet());
        assertFalse(Sysroot.of("").isSet());
        assertFalse(Sysroot.of("/").isSet());
        assertEquals(Path.of("/etc/passwd"), Sysroot.none().lookup(Path.of("/etc/passwd")));
    }

    @Test
    void aRelativePrefixIsMadeAbsolute() {
        Sysroot s = Sysroot.of("some/dir");
        assertEquals(Path.of("some/dir").toAbsolutePath().normalize(), s.prefix());
    }
}
