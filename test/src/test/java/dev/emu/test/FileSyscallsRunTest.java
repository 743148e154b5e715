package dev.emu.test;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The file, directory, pipe, poll and socket syscalls, through guest programs that print what
 * each call returned and its errno (test/guest/src/files.c, dirs.c, pipes.c, sockets.c; golden
 * outputs recorded from qemu-riscv64). Each runs under emu tiered and interpreter-only, and
 * beside qemu-riscv64 when it is installed. The programs work in fresh directories under /tmp
 * and remove them; stdin is /dev/null, which pipes.c polls.
 */
class FileSyscallsRunTest {
    static final List<String> PROGRAMS = List.of("files", "dirs", "pipes", "sockets");
    static final List<List<String>> MODES = List.of(List.of(), List.of("-tier", "interp"));

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (String p : PROGRAMS) {
            for (List<String> mode : MODES) {
                all.add(Arguments.of(p, String.join(" ", mode), mode));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void matchesGolden(String name, String modeText, List<String> mode) throws Exception {
        List<String> args = new ArrayList<>(mode);
        args.add("test/guest/bin/" + name);
        GuestProcess.Result emu = GuestProcess.emu(args);
        String expected = Files.readString(GoldenRunTest.GOLDEN.resolve(name + ".stdout"), StandardCharsets.UTF_8);
        int status = Integer.parseInt(Files.readString(GoldenRunTest.GOLDEN.resolve(name + ".status")).strip());
        assertEquals(expected, emu.stdout(), name + " [" + modeText + "] stdout; stderr: " + emu.stderr());
        assertEquals(status, emu.status(), name + " [" + modeText + "] exit status; stderr: " + emu.stderr());
    }

    @ParameterizedTest(name = "{0} vs qemu")
    @MethodSource("programs")
    void matchesQemu(String name) throws Exception {
        Assumptions.assumeTrue(GuestProcess.qemuAvailable() || System.getenv("CI") != null,
                "qemu-riscv64 not installed: compared with the stored golden outputs only");
        List<String> command = List.of("test/guest/bin/" + name);
        GuestProcess.Result qemu = GuestProcess.qemu(command);
        GuestProcess.Result emu = GuestProcess.emu(command);
        assertEquals(qemu.stdout(), emu.stdout(), name + " stdout");
        assertEquals(qemu.status(), emu.status(), name + " exit status");
    }

    static Stream<String> programs() {
        return PROGRAMS.stream();
    }
}
