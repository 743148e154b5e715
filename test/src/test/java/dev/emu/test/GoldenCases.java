package dev.emu.test;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.provider.Arguments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the run tests share: a guest program named for its golden files
 * (test/guest/golden/NAME.stdout and NAME.status, recorded from qemu-riscv64), the execution
 * modes to run it in, and the two comparisons: emu against the golden files, and emu against
 * qemu-riscv64 itself when it is installed (skipped with a notice otherwise, but required
 * under CI).
 */
final class GoldenCases {
    static final Path GOLDEN = GuestProcess.ROOT.resolve("test/guest/golden");
    static final List<String> TIERED = List.of();
    static final List<String> INTERP = List.of("-tier", "interp");
    static final List<String> JIT = List.of("-tier", "jit");

    /** A program and its guest arguments, with the name of its golden files. */
    record Program(String golden, List<String> command) {
        @Override
        public String toString() {
            return golden;
        }
    }

    private GoldenCases() {}

    /** {@code command}: the guest program (a path from the repository root) and its arguments. */
    static Program program(String golden, String... command) {
        return new Program(golden, List.of(command));
    }

    /** The program test/guest/bin/NAME without arguments, its golden files named NAME. */
    static Program program(String name) {
        return program(name, "test/guest/bin/" + name);
    }

    /** Every program in every mode, as (program, mode text, mode) for a parameterized test. */
    static Stream<Arguments> inModes(List<Program> programs, List<List<String>> modes) {
        List<Arguments> all = new ArrayList<>();
        for (Program p : programs) {
            for (List<String> mode : modes) {
                all.add(Arguments.of(p, String.join(" ", mode), mode));
            }
        }
        return all.stream();
    }

    /** Runs the program under emu with the mode's options; stdout and status must be the golden ones. */
    static void assertMatchesGolden(Program p, String modeText, List<String> mode) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(mode);
        args.addAll(p.command());
        GuestProcess.Result emu = GuestProcess.emu(args);
        String what = p.golden() + " [" + modeText + "]";
        assertEquals(expectedStdout(p.golden()), emu.stdout(), what + " stdout; stderr: " + emu.stderr());
        assertEquals(expectedStatus(p.golden()), emu.status(), what + " exit status; stderr: " + emu.stderr());
    }

    /** Runs the program under qemu-riscv64 and emu (emu with {@code emuOptions}); both must agree. */
    static void assertMatchesQemu(Program p, List<String> emuOptions) throws IOException, InterruptedException {
        Assumptions.assumeTrue(GuestProcess.qemuAvailable() || System.getenv("CI") != null,
                "qemu-riscv64 not installed: compared with the stored golden outputs only");
        GuestProcess.Result qemu = GuestProcess.qemu(p.command());
        List<String> args = new ArrayList<>(emuOptions);
        args.addAll(p.command());
        GuestProcess.Result emu = GuestProcess.emu(args);
        assertEquals(qemu.stdout(), emu.stdout(), p.golden() + " stdout; stderr: " + emu.stderr());
        assertEquals(qemu.status(), emu.status(), p.golden() + " exit status");
    }

    static String expectedStdout(String golden) throws IOException {
        return Files.readString(GOLDEN.resolve(golden + ".stdout"), StandardCharsets.UTF_8);
    }

    static int expectedStatus(String golden) throws IOException {
        return Integer.parseInt(Files.readString(GOLDEN.resolve(golden + ".status")).strip());
    }
}
