package dev.emu.test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;


/**
 * Guest programs beside their expected stdout and exit status (test/guest/golden, recorded from
 * qemu-riscv64), run by emu in every execution mode: tiered, interpreter only, compile every
 * block, one instruction per block, and without chaining. When qemu-riscv64 is installed the
 * same program also runs under it, and emu must match it byte for byte.
 */
class GoldenRunTest {
    static final List<GoldenCases.Program> PROGRAMS = List.of(
            GoldenCases.program("hello"),
            GoldenCases.program("hello-args", "test/guest/bin/hello", "one", "two words"),
            GoldenCases.program("sort"),
            GoldenCases.program("float"));

    static final List<List<String>> MODES = List.of(GoldenCases.TIERED, GoldenCases.INTERP, GoldenCases.JIT,
            List.of("-singlestep"), List.of("-d", "nochain"));

    static Stream<Arguments> cases() {
        return GoldenCases.inModes(PROGRAMS, MODES);
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void matchesGolden(GoldenCases.Program program, String modeText, List<String> mode) throws Exception {
        GoldenCases.assertMatchesGolden(program, modeText, mode);
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
