package dev.emu.test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;


/**
 * Multi-threaded guest programs (pthreads: mutexes, condition variables, barriers, TLS, atomics;
 * how exit, exit_group and pthread_exit end a process) against their golden outputs recorded
 * from qemu-riscv64, in the tiered, interpreter-only and compile-everything modes, and against
 * qemu itself when installed. Races show up only now and then, so each case runs several times.
 */
class ThreadsRunTest {
    static final int RUNS = 3;

    static final List<GoldenCases.Program> PROGRAMS = List.of(
            GoldenCases.program("threads"),
            GoldenCases.program("pthreads"),
            GoldenCases.program("threadexit-group", "test/guest/bin/threadexit", "group"),
            GoldenCases.program("threadexit-main", "test/guest/bin/threadexit", "main"));

    static Stream<Arguments> cases() {
        return GoldenCases.inModes(PROGRAMS, List.of(GoldenCases.TIERED, GoldenCases.INTERP, GoldenCases.JIT));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void matchesGolden(GoldenCases.Program program, String modeText, List<String> mode) throws Exception {
        for (int run = 1; run <= RUNS; run++) {
            GoldenCases.assertMatchesGolden(program, modeText + "] run [" + run, mode);
        }
    }

    @ParameterizedTest(name = "{0} vs qemu")
    @MethodSource("programs")
    void matchesQemu(GoldenCases.Program program) throws Exception {
        GoldenCases.assertMatchesQemu(program, List.of());
    }

    static Stream<GoldenCases.Program> programs() {
        return PROGRAMS.stream();
    }
}
