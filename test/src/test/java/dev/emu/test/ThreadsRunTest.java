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
 * Multi-threaded guest programs (pthreads: mutexes, condition variables, barriers, TLS, atomics;
 * how exit, exit_group and pthread_exit end a process) against their golden outputs recorded
 * from qemu-riscv64, in the tiered, interpreter-only and compile-everything modes, and against
 * qemu itself when installed. Races show up only now and then, so each case runs several times.
 */
class ThreadsRunTest {
    static final int RUNS = 3;

    /** name of the golden files, program, guest arguments. */
    static final List<String[]> PROGRAMS = List.of(
            new String[] {"threads", "test/guest/bin/threads"},
            new String[] {"pthreads", "test/guest/bin/pthreads"},
            new String[] {"threadexit-group", "test/guest/bin/threadexit", "group"},
            new String[] {"threadexit-main", "test/guest/bin/threadexit", "main"});

    static final List<List<String>> MODES = List.of(List.of(), List.of("-tier", "interp"), List.of("-tier", "jit"));

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
        String expected = Files.readString(GoldenRunTest.GOLDEN.resolve(name + ".stdout"), StandardCharsets.UTF_8);
        int status = Integer.parseInt(Files.readString(GoldenRunTest.GOLDEN.resolve(name + ".status")).strip());
        for (int run = 1; run <= RUNS; run++) {
            GuestProcess.Result emu = GuestProcess.emu(args);
            String what = name + " [" + modeText + "] run " + run;
            assertEquals(expected, emu.stdout(), what + " stdout; stderr: " + emu.stderr());
            assertEquals(status, emu.status(), what + " exit status; stderr: " + emu.stderr());
        }
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
