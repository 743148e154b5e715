package dev.emu.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's contract: usage on request, one precise line for each user mistake. */
class MainTest {
    record Result(int status, String out, String err) {}

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static void assertOneLineError(Result r, String expectedFragment) {
        assertEquals(Main.USER_ERROR, r.status(), r.err());
        assertTrue(r.err().startsWith("emu: "), r.err());
        assertEquals(1, r.err().lines().count(), "exactly one line: " + r.err());
        assertTrue(r.err().contains(expectedFragment), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void helpWithOneOrTwoDashes() {
        for (String flag : new String[] {"-h", "-help", "--help"}) {
            Result r = run(flag);
            assertEquals(0, r.status());
            assertTrue(r.out().startsWith("usage: emu [options] program [arguments...]"), r.out());
            assertEquals("", r.err());
        }
    }

    @Test
    void version() {
        Result r = run("--version");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("emu version "), r.out());
    }

    @Test
    void badFlag() {
        assertOneLineError(run("--frobnicate", "prog"), "unknown option '--frobnicate'");
    }

    @Test
    void missingProgram() {
        assertOneLineError(run(), "no program given");
    }

    @Test
    void missingFile() {
        assertOneLineError(run("/nonexistent/prog"), "/nonexistent/prog: No such file or directory");
        assertOneLineError(run("--disas", "/nonexistent/prog"), "No such file or directory");
    }

    @Test
    void optionWithoutValue() {
        assertOneLineError(run("--disas"), "option '--disas' needs an ELF file");
    }

    @Test
    void unknownDisassemblerOption() {
        assertOneLineError(run("-M", "intel", "--disas", "x"), "unknown disassembler option 'intel'");
    }

    @Test
    void directoryIsNotAProgram(@TempDir Path dir) {
        assertOneLineError(run(dir.toString()), "Is a directory");
    }

    @Test
    void notAnElfFile(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "just some text, not a program\n");
        assertOneLineError(run("--disas", text.toString()), "not an ELF file");
        assertOneLineError(run(text.toString()), "not an ELF file");
    }

    @Test
    void wrongArchitecture() {
        Path host = Path.of("/bin/true");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(host));
        assertOneLineError(run(host.toString()), "not a RISC-V program (ELF machine 62)");
    }

    @Test
    void guestArgumentsAreNotParsedAsOptions() {
        CommandLine cl = CommandLine.parse(new String[] {"prog", "--help", "-x"});
        assertEquals(CommandLine.Action.RUN, cl.action());
        assertEquals("prog", cl.file());
        assertEquals(java.util.List.of("--help", "-x"), cl.guestArgs());
    }
}
