package dev.emu.test;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Guest programs beside their expected stdout and exit status (test/guest/golden, recorded from
 * qemu-riscv64), run by emu in every execution mode: tiered, interpreter only, compile every
 * block, one instruction per block, and without chaining. When qemu-riscv64 is installed the
 * same program also runs under it, and emu must match it byte for byte.
 */
class GoldenRunTest {
    static final Path GOLDEN = GuestProcess.ROOT.resolve("test/guest/golden");

    /** name of the golden files, program, guest arguments. */
    static final List<String[]> PROGRAMS = List.of(
            new String[] {"hello", "test/guest/bin/hello"},
            new String[] {"hello-args", "test/guest/bin/hello", "one", "two words"},
            new String[] {"sort", "test/guest/bin/sort"},
            new String[] {"float", "test/guest/bin/float"});

    static final List<List<String>> MODES = List.of(
            List.of(), List.of("-tier", "interp"), List.of("-tier", "jit"),
            List.of("-singlestep"), List.of("-d", "nochain"));

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (String[] p : PROGRAMS) {
            for (List<String> mode : MODES) {
                all.add(Arguments.of(p[0], String.join(" ", mode), mode, List.of(p).subList(1, p.length)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void matchesGolden(String name, String modeText, List<String> mode, List<String> command) throws Exception {
        List<String> args = new ArrayList<>(mode);
        args.addAll(command);
        GuestProcess.Result emu = GuestProcess.emu(args);
        String expected = Files.readString(GOLDEN.resolve(name + ".stdout"), StandardCharsets.UTF_8);
        int status = Integer.parseInt(Files.readString(GOLDEN.resolve(name + ".status")).strip());
        assertEquals(expected, emu.stdout(), name + " [" + modeText + "] stdout; stderr: " + emu.stderr());
        assertEquals(status, emu.status(), name + " [" + modeText + "] exit status; stderr: " + emu.stderr());
    }

    @ParameterizedTest(name = "{0} vs qemu")
    @MethodSource("programs")
    void matchesQemu(String name, List<String> command) throws Exception {
        Assumptions.assumeTrue(GuestProcess.qemuAvailable() || System.getenv("CI") != null,
                "qemu-riscv64 not installed: compared with the stored golden outputs only");
        GuestProcess.Result qemu = GuestProcess.qemu(command);
        GuestProcess.Result emu = GuestProcess.emu(command);
        assertEquals(qemu.stdout(), emu.stdout(), name + " stdout");
        assertEquals(qemu.status(), emu.status(), name + " exit status");
    }

    static Stream<Arguments> programs() {
        return PROGRAMS.stream().map(p -> Arguments.of(p[0], List.of(p).subList(1, p.length)));
    }
}
