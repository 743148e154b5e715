package dev.emu.test;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Guest faults become guest signals with Linux's exit statuses; emu itself never crashes. */
class BadInputTest {

    @Test
    void illegalInstructionWithoutHandlerIsSigill() throws Exception {
        GuestProcess.Result r = GuestProcess.emu(List.of("test/guest/isa/bin/sigill_default"));
        assertEquals(132, r.status(), r.stderr());
        assertTrue(r.stderr().contains("uncaught target signal 4 (Illegal instruction)"), r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());
    }

    @Test
    void jumpToUnmappedMemoryIsSigsegv(@TempDir Path dir) throws Exception {
        // A static ELF whose entry point is in no segment: the first fetch faults.
        byte[] elf = Files.readAllBytes(GuestProcess.ROOT.resolve("test/guest/bin/hello"));
        // e_entry is the 8 bytes at offset 24
        for (int i = 0; i < 8; i++) {
            elf[24 + i] = (byte) (0x5000_0000L >>> (8 * i));
        }
        Path bad = dir.resolve("bad-entry");
        Files.write(bad, elf);
        GuestProcess.Result r = GuestProcess.emu(List.of(bad.toString()));
        assertEquals(139, r.status(), r.stderr());
        assertTrue(r.stderr().contains("uncaught target signal 11 (Segmentation fault)"), r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());
    }
}
