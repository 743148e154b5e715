package dev.emu.test;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signal delivery end to end: guest programs whose handlers catch faults, change registers
 * through the ucontext, take timers, kills and raises (test/guest/src/signals.c), abort()
 * (abort.c), and the ISA suite's sigill_handled, in the tiered, interpreter-only and
 * compile-everything modes, against golden outputs recorded from qemu-riscv64 and against
 * qemu itself when installed; and host signals (SIGINT, SIGTERM) forwarded to a guest handler.
 */
class SignalsRunTest {
    private static final List<GoldenCases.Program> PROGRAMS = List.of(GoldenCases.program("signals"), GoldenCases.program("abort"));

    static Stream<Arguments> cases() {
        return GoldenCases.inModes(PROGRAMS, List.of(GoldenCases.TIERED, GoldenCases.INTERP, GoldenCases.JIT));
    }

    static Stream<GoldenCases.Program> programs() {
        return PROGRAMS.stream();
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

    @Test
    void abortReportsLikeACoreDumpingSignal() throws Exception {
        GuestProcess.Result emu = GuestProcess.emu(List.of("test/guest/bin/abort"));
        assertEquals("emu: uncaught target signal 6 (Aborted) - core dumped\n", emu.stderr());
    }

    /** The ISA suite's handler test: every illegal encoding and ebreak reach the handler once, and sigreturn restores. */
    @ParameterizedTest(name = "sigill_handled [{0}]")
    @ValueSource(strings = {"", "-tier interp", "-tier jit", "-singlestep"})
    void sigillHandledPasses(String mode) throws Exception {
        List<String> args = new ArrayList<>(mode.isEmpty() ? List.of() : List.of(mode.split(" ")));
        args.add("test/guest/isa/bin/sigill_handled");
        GuestProcess.Result emu = GuestProcess.emu(args);
        assertEquals("", emu.stdout(), "the first failed check");
        assertEquals(0, emu.status());
    }

    @Test
    void hostSignalsReachTheGuestHandler() throws Exception {
        Path program = GuestProcess.ROOT.resolve("test/guest/bin/hostsignals");
        Assumptions.assumeTrue(Files.exists(program), "hostsignals not built");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 24) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.emu.cli.Main", program.toString()));
        Process p = new ProcessBuilder(cmd).directory(GuestProcess.ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("ready", out.readLine());
            signal(p, "INT");
            assertEquals("got SIGINT", out.readLine());
            signal(p, "TERM");
            assertEquals("got SIGTERM", out.readLine());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the guest ends after both signals");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    private static void signal(Process p, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start();
        assertEquals(0, kill.waitFor(), "kill -" + name);
    }
}
