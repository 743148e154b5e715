package dev.emu.test;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Dynamically linked programs (ld.so, libc and libm from the riscv64 sysroot through -L), PIE,
 * /proc/self/maps and the mmap family, run by emu in the default mode and with the interpreter
 * only, against golden files recorded from qemu-riscv64 and against qemu itself when installed.
 *
 * <p>The dynamic cases need the cross toolchain's sysroot (/usr/riscv64-linux-gnu, from Debian's
 * gcc-riscv64-linux-gnu). Without it they are skipped with a notice, except under CI=true, where
 * the sysroot is installed on purpose and its absence is a failure.
 *
 * <p>One golden file is not qemu's: mmapfile-noreplace, because qemu-riscv64 7.2 ignores
 * MAP_FIXED_NOREPLACE (it maps elsewhere instead of failing with EEXIST); its expected output
 * is what Linux gives.
 */
class DynamicRunTest {
    static final Path SYSROOT = Path.of("/usr/riscv64-linux-gnu");
    static final String INTERPRETER = "lib/ld-linux-riscv64-lp64d.so.1";
    static final List<String> L = List.of("-L", SYSROOT.toString());

    /** golden name, whether it needs the sysroot, whether qemu 7.2 agrees, then emu's arguments. */
    record Case(String name, boolean dynamic, boolean qemuAgrees, List<String> command) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Case> CASES = List.of(
            new Case("dynlink", true, true, withSysroot("test/guest/bin/dynlink", "one", "two words")),
            new Case("dynlink-nopie", true, true, withSysroot("test/guest/bin/dynlink-nopie")),
            new Case("procmaps-dyn", true, true, withSysroot("test/guest/bin/procmaps-dyn")),
            new Case("procmaps", false, true, List.of("test/guest/bin/procmaps")),
            new Case("mmapfile", false, true, List.of("test/guest/bin/mmapfile")),
            new Case("mmapfile-noreplace", false, false, List.of("test/guest/bin/mmapfile", "noreplace")));

    static final List<List<String>> MODES = List.of(List.of(), List.of("-tier", "interp"));

    private static List<String> withSysroot(String... command) {
        List<String> all = new ArrayList<>(L);
        all.addAll(List.of(command));
        return all;
    }

    static Stream<Arguments> runs() {
        List<Arguments> all = new ArrayList<>();
        for (Case c : CASES) {
            for (List<String> mode : MODES) {
                all.add(Arguments.of(c, String.join(" ", mode), mode));
            }
        }
        return all.stream();
    }

    static Stream<Case> qemuCases() {
        return CASES.stream().filter(Case::qemuAgrees);
    }

    /** Skips (or under CI=true fails) a test that needs the riscv64 sysroot when it is missing. */
    static void requireSysroot() {
        if (Files.isRegularFile(SYSROOT.resolve(INTERPRETER))) {
            return;
        }
        String why = SYSROOT + " has no " + INTERPRETER + " (install gcc-riscv64-linux-gnu)";
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true but " + why);
        }
        Assumptions.abort("dynamically linked programs not run: " + why);
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("runs")
    void matchesGolden(Case c, String modeText, List<String> mode) throws Exception {
        if (c.dynamic()) {
            requireSysroot();
        }
        List<String> args = new ArrayList<>(mode);
        args.addAll(c.command());
        assertGolden(c.name(), GuestProcess.emu(args), modeText);
    }

    @ParameterizedTest(name = "{0} vs qemu")
    @MethodSource("qemuCases")
    void matchesQemu(Case c) throws Exception {
        if (c.dynamic()) {
            requireSysroot();
        }
        Assumptions.assumeTrue(GuestProcess.qemuAvailable() || System.getenv("CI") != null,
                "qemu-riscv64 not installed: compared with the stored golden outputs only");
        GuestProcess.Result qemu = GuestProcess.qemu(c.command());
        GuestProcess.Result emu = GuestProcess.emu(c.command());
        assertEquals(qemu.stdout(), emu.stdout(), c.name() + " stdout; stderr: " + emu.stderr());
        assertEquals(qemu.status(), emu.status(), c.name() + " exit status");
    }

    @Test
    void theLibraryPrefixAlsoComesFromTheEnvironmentAndMinusLWins() throws Exception {
        requireSysroot();
        String program = "test/guest/bin/dynlink-nopie";
        assertGolden("dynlink-nopie", withEnvironment(List.of("QEMU_LD_PREFIX=" + SYSROOT), List.of(program)), "QEMU_LD_PREFIX");
        assertGolden("dynlink-nopie", withEnvironment(List.of("EMU_LD_PREFIX=" + SYSROOT, "QEMU_LD_PREFIX=/nonexistent"),
                List.of(program)), "EMU_LD_PREFIX before QEMU_LD_PREFIX");
        assertGolden("dynlink-nopie", withEnvironment(List.of("QEMU_LD_PREFIX=/nonexistent"), withSysroot(program)),
                "-L before QEMU_LD_PREFIX");
    }

    @Test
    void aMissingInterpreterIsOneLineThatSuggestsMinusL() throws Exception {
        Assumptions.assumeFalse(Files.exists(Path.of("/", INTERPRETER)), "this host has a riscv64 ld.so in /lib");
        GuestProcess.Result r = withEnvironment(List.of("-u", "QEMU_LD_PREFIX", "-u", "EMU_LD_PREFIX"),
                List.of("test/guest/bin/dynlink"));
        assertEquals(1, r.status(), r.stderr());
        assertEquals("", r.stdout());
        String[] lines = r.stderr().split("\n");
        assertEquals(1, lines.length, r.stderr());
        assertTrue(lines[0].startsWith("emu: ") && lines[0].contains("/" + INTERPRETER) && lines[0].contains("-L"),
                lines[0]);
        GuestProcess.Result missingDir = GuestProcess.emu(List.of("-L", "/nonexistent-sysroot", "test/guest/bin/hello"));
        assertEquals(1, missingDir.status());
        assertTrue(missingDir.stderr().startsWith("emu: /nonexistent-sysroot"), missingDir.stderr());
    }

    @Test
    void seedMakesAtRandomAndGetrandomRepeat() throws Exception {
        List<String> program = List.of("test/guest/bin/randomseed");
        GuestProcess.Result first = GuestProcess.emu(seeded("42", program));
        GuestProcess.Result second = GuestProcess.emu(seeded("42", program));
        GuestProcess.Result other = GuestProcess.emu(seeded("43", program));
        GuestProcess.Result unseeded1 = GuestProcess.emu(program);
        GuestProcess.Result unseeded2 = GuestProcess.emu(program);
        assertEquals(0, first.status(), first.stderr());
        assertTrue(first.stdout().matches("AT_RANDOM:( [0-9a-f]{2}){16}\ngetrandom:( [0-9a-f]{2}){16}\n"), first.stdout());
        assertEquals(first.stdout(), second.stdout(), "the same seed gives the same bytes");
        assertNotEquals(first.stdout(), other.stdout(), "another seed gives other bytes");
        assertNotEquals(unseeded1.stdout(), unseeded2.stdout(), "without a seed every run differs");
        assertEquals(first.stdout(), withEnvironment(List.of("QEMU_RAND_SEED=42"), program).stdout(), "QEMU_RAND_SEED");
        assertEquals(first.stdout(), withEnvironment(List.of("QEMU_RAND_SEED=7"), seeded("42", program)).stdout(),
                "-seed before QEMU_RAND_SEED");
        GuestProcess.Result bad = GuestProcess.emu(seeded("forty-two", program));
        assertEquals(1, bad.status());
        assertTrue(bad.stderr().startsWith("emu: bad seed 'forty-two'"), bad.stderr());
    }

    private static List<String> seeded(String seed, List<String> command) {
        List<String> all = new ArrayList<>(List.of("-seed", seed));
        all.addAll(command);
        return all;
    }

    private static void assertGolden(String name, GuestProcess.Result emu, String how) throws IOException {
        Path golden = GoldenCases.GOLDEN;
        String expected = Files.readString(golden.resolve(name + ".stdout"), StandardCharsets.UTF_8);
        int status = Integer.parseInt(Files.readString(golden.resolve(name + ".status")).strip());
        assertEquals(expected, emu.stdout(), name + " [" + how + "] stdout; stderr: " + emu.stderr());
        assertEquals(status, emu.status(), name + " [" + how + "] exit status; stderr: " + emu.stderr());
    }

    /** emu run through env(1) with these settings (VAR=VALUE, or -u VAR to remove one). */
    private static GuestProcess.Result withEnvironment(List<String> settings, List<String> emuArgs)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("env"));
        cmd.addAll(settings);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 24) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.emu.cli.Main"));
        cmd.addAll(emuArgs);
        return GuestProcess.run(cmd);
    }
}
