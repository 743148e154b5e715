package dev.emu.test;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Larger libc programs: libcmix (test/guest/src/libcmix, about two thousand lines over the
 * printf and scanf families, strtod and float formatting, qsort, malloc under pressure, time
 * formatting, files and directories, string.h, ctype.h, libm, setjmp, getopt and wide
 * characters), built static and dynamically linked, and sysmisc (process, credential,
 * scheduling and resource calls; signals that interrupt blocking pipe reads and writes).
 * Each runs under emu in the default mode and with the interpreter only, against golden files
 * recorded from qemu-riscv64, and against qemu itself when it is installed.
 */
class LibcProgramTest {
    /** golden name, whether it needs the riscv64 sysroot, then emu's (and qemu's) arguments. */
    record Case(String name, boolean dynamic, List<String> command) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Case> CASES = List.of(
            new Case("libcmix", false, List.of("test/guest/bin/libcmix")),
            new Case("libcmix-dyn", true, List.of("-L", DynamicRunTest.SYSROOT.toString(), "test/guest/bin/libcmix-dyn")),
            new Case("sysmisc", false, List.of("test/guest/bin/sysmisc")));

    static final List<List<String>> MODES = List.of(List.of(), List.of("-tier", "interp"));

    /** Every case in every mode, except the dynamic build with the interpreter only: the static build covers that tier. */
    static Stream<Arguments> runs() {
        List<Arguments> all = new ArrayList<>();
        for (Case c : CASES) {
            for (List<String> mode : c.dynamic() ? MODES.subList(0, 1) : MODES) {
                all.add(Arguments.of(c, String.join(" ", mode), mode));
            }
        }
        return all.stream();
    }

    static Stream<Case> cases() {
        return CASES.stream();
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("runs")
    void matchesGolden(Case c, String modeText, List<String> mode) throws Exception {
        if (c.dynamic()) {
            DynamicRunTest.requireSysroot();
        }
        List<String> args = new ArrayList<>(mode);
        args.addAll(c.command());
        GuestProcess.Result emu = GuestProcess.emu(args);
        Path golden = GoldenCases.GOLDEN;
        String expected = Files.readString(golden.resolve(c.name() + ".stdout"), StandardCharsets.UTF_8);
        int status = Integer.parseInt(Files.readString(golden.resolve(c.name() + ".status")).strip());
        assertEquals(expected, emu.stdout(), c.name() + " [" + modeText + "] stdout; stderr: " + emu.stderr());
        assertEquals(status, emu.status(), c.name() + " [" + modeText + "] exit status; stderr: " + emu.stderr());
    }

    @ParameterizedTest(name = "{0} vs qemu")
    @MethodSource("cases")
    void matchesQemu(Case c) throws IOException, InterruptedException {
        if (c.dynamic()) {
            DynamicRunTest.requireSysroot();
        }
        Assumptions.assumeTrue(GuestProcess.qemuAvailable() || System.getenv("CI") != null,
                "qemu-riscv64 not installed: compared with the stored golden outputs only");
        GuestProcess.Result qemu = GuestProcess.qemu(c.command());
        GuestProcess.Result emu = GuestProcess.emu(c.command());
        assertEquals(qemu.stdout(), emu.stdout(), c.name() + " stdout; stderr: " + emu.stderr());
        assertEquals(qemu.status(), emu.status(), c.name() + " exit status");
    }
}
