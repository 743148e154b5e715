package dev.emu.test;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * emu's and qemu-riscv64's {@code -strace} name the same system calls in the same order.
 * Arguments and results are left aside (addresses differ, and emu decodes some arguments qemu
 * prints raw); only the names are compared.
 *
 * <p>How the names are read: both print {@code PID name(args) = result}, the call part before
 * the call runs and the result after it, with the process id (not the thread id) on every
 * line. With several threads the parts of different threads' lines interleave, even inside one
 * line, so the names are taken from every {@code PID name(} in the text, wherever it starts.
 * qemu names a call it cannot decode {@code Unknown syscall N}; that counts as the name
 * {@code #N} (emu never prints it, so such a call shows up as a difference).
 *
 * <p>What is compared: for a single-threaded program, the whole sequence, call by call. With
 * threads the order between threads depends on timing, so the multiset of names is compared
 * instead, without:
 * <ul>
 * <li>futex: how often a thread waits or wakes depends on the timing of the others;</li>
 * <li>set_robust_list: qemu 7.2 answers ENOSYS, after which glibc no longer calls it in new
 * threads, while emu implements it and glibc calls it once per thread. (In the main thread
 * both call it, so a single-threaded sequence keeps it.)</li>
 * </ul>
 */
class StraceSequenceTest {
    /** A program run: its name, whether it starts threads, and the arguments for both emulators. */
    record Program(String name, boolean threaded, List<String> command) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Program> PROGRAMS = List.of(
            new Program("hello", false, List.of("test/guest/bin/hello")),
            new Program("files", false, List.of("test/guest/bin/files")),
            new Program("dirs", false, List.of("test/guest/bin/dirs")),
            new Program("pipes", false, List.of("test/guest/bin/pipes")),
            new Program("signals", false, List.of("test/guest/bin/signals")),
            new Program("sockets", false, List.of("test/guest/bin/sockets")),
            new Program("dynlink", false, List.of("-L", DynamicRunTest.SYSROOT.toString(), "test/guest/bin/dynlink", "a")),
            new Program("libcmix", false, List.of("test/guest/bin/libcmix")),
            new Program("pthreads", true, List.of("test/guest/bin/pthreads")),
            new Program("threads", true, List.of("test/guest/bin/threads")),
            new Program("sysmisc", true, List.of("test/guest/bin/sysmisc")));

    /** Calls whose count depends on timing or on qemu 7.2's gaps (see the class comment). */
    static final Set<String> THREADED_EXCEPTIONS = Set.of("futex", "set_robust_list");

    private static final Pattern FIRST_PID = Pattern.compile("^(\\d+) ", Pattern.MULTILINE);

    static List<Program> programs() {
        return PROGRAMS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void emuAndQemuMakeTheSameCalls(Program p) throws IOException, InterruptedException {
        if (p.command().contains("-L")) {
            DynamicRunTest.requireSysroot();
        }
        Assumptions.assumeTrue(GuestProcess.qemuAvailable() || System.getenv("CI") != null,
                "qemu-riscv64 not installed: nothing to compare -strace with");
        List<String> args = new ArrayList<>(List.of("-strace"));
        args.addAll(p.command());
        String[] qemu = run(qemuCommand(args));
        String[] emu = run(emuCommand(args));
        assertEquals(qemu[0], emu[0], p + ": the program's own output");
        List<String> expected = names(qemu[1]);
        List<String> actual = names(emu[1]);
        assertFalse(expected.isEmpty(), "qemu printed no strace lines: " + qemu[1]);
        if (p.threaded()) {
            assertEquals(counts(expected), counts(actual), p + ": calls made (as a multiset, see the class comment)");
        } else {
            assertEquals(String.join("\n", expected), String.join("\n", actual), p + ": call sequence");
        }
    }

    @Test
    void namesAreFoundInsideInterleavedLines() {
        String text = "77 write(1,0x10,3)77 futex(0x20,FUTEX_WAKE,1) = 1\n = 3\n77 Unknown syscall 999\nhello\n77 exit_group(0)\n";
        assertEquals(List.of("write", "futex", "#999", "exit_group"), names(text));
        assertEquals(Map.of("exit_group", 1, "write", 1, "#999", 1), counts(names(text)));
    }

    private static List<String> qemuCommand(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("qemu-riscv64"));
        cmd.addAll(args);
        return cmd;
    }

    /** emu as GuestProcess starts it: this JVM, the test's class path. */
    private static List<String> emuCommand(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Runtime.version().feature() >= 24) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.emu.cli.Main"));
        cmd.addAll(args);
        return cmd;
    }

    /**
     * {stdout, stderr} of a run from the repository root. Both are read as ISO-8859-1, byte for
     * character: a trace quotes guest strings as they are, which need not be UTF-8.
     */
    private static String[] run(List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("strace-out", ".txt");
        Path err = Files.createTempFile("strace-err", ".txt");
        try {
            Process proc = new ProcessBuilder(cmd).directory(GuestProcess.ROOT.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!proc.waitFor(300, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", cmd));
            }
            return new String[] {Files.readString(out, StandardCharsets.ISO_8859_1),
                Files.readString(err, StandardCharsets.ISO_8859_1)};
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The call names in a -strace log, in order (see the class comment). */
    static List<String> names(String log) {
        Matcher first = FIRST_PID.matcher(log);
        if (!first.find()) {
            return List.of();
        }
        String pid = first.group(1);
        Matcher m = Pattern.compile("(?<!\\d)" + pid + " (?:([a-z_0-9]+)\\(|Unknown syscall (\\d+))").matcher(log);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : "#" + m.group(2);
            // glibc's temporary names (mkdtemp, tmpfile) draw random bits again when a draw
            // falls in the few percent a base-62 digit string cannot use: an extra getrandom
            // now and then under any emulator. A run of them counts once.
            if (!(name.equals("getrandom") && !out.isEmpty() && out.get(out.size() - 1).equals("getrandom"))) {
                out.add(name);
            }
        }
        return out;
    }

    private static Map<String, Integer> counts(List<String> names) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String n : names) {
            if (!THREADED_EXCEPTIONS.contains(n)) {
                counts.merge(n, 1, Integer::sum);
            }
        }
        return counts;
    }
}
