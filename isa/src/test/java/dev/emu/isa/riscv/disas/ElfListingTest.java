package dev.emu.isa.riscv.disas;

import dev.emu.engine.UserError;
import dev.emu.engine.elf.ElfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The listing of a small fixture (listing.s, assembled into listing.elf) whose every corner is
 * known: a symbol inside an instruction ("Address ... is out of bounds."), $d data, zero runs,
 * an object dumped as hex and characters, 6- and 8-byte encodings, address comments and branch
 * targets with symbols. The expected text is objdump's, stored beside it; when objdump is
 * installed the stored text is also checked against it, so it cannot go stale.
 */
class ElfListingTest {
    @Test
    void listsTheFixtureAsObjdumpDoes(@TempDir Path dir) throws Exception {
        check(dir, false, "listing.objdump");
    }

    @Test
    void listsTheFixtureWithoutAliases(@TempDir Path dir) throws Exception {
        check(dir, true, "listing-noalias.objdump");
    }

    private void check(Path dir, boolean noAliases, String expectedName) throws Exception {
        Path elf = copy(dir, "listing.elf");
        String expected = resource(expectedName);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        long count;
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            count = ElfListing.list(elf, noAliases, false, out);
        }
        assertEquals(expected, buffer.toString(StandardCharsets.UTF_8));
        long disassembled = expected.lines().filter(l -> l.matches(" *[0-9a-f]+:\t.*\t.*")).count();
        assertEquals(disassembled, count, "instruction lines: every line with a text column");
        if (Objdump.available()) {
            List<String> cmd = noAliases
                    ? List.of(Objdump.TOOL, "-d", "-M", "no-aliases", elf.toString())
                    : List.of(Objdump.TOOL, "-d", elf.toString());
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String live = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            String body = live.substring(live.indexOf("\nDisassembly of section"));
            assertEquals(body, expected, "stored objdump output is current");
        }
    }

    @Test
    void rejectsWhatIsNotARiscvElf(@TempDir Path dir) throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello\n");
        UserError e = assertThrows(UserError.class, () -> ElfListing.list(text, false, false, System.out));
        assertEquals(text + ": not an ELF file", e.getMessage());

        byte[] bytes = Files.readAllBytes(copy(dir, "listing.elf"));
        bytes[18] = 62; // e_machine = EM_X86_64
        UserError machine = assertThrows(UserError.class,
                () -> ElfListing.list(ElfFile.parse(bytes), false, false, System.out));
        assertEquals("not a RISC-V ELF file (e_machine 62)", machine.getMessage());
    }

    private static Path copy(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = ElfListingTest.class.getResourceAsStream(name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ElfListingTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
