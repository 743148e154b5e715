package dev.emu.test;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plugins on real guest programs. Counts made in different ways in the same run must agree
 * exactly (callbacks, inline adds, conditional callbacks; per vCPU and summed over threads);
 * the builtins' numbers are checked against counts obtained another way (the run loop's
 * {@code -d exec} trace, one line per block executed; with {@code -singlestep} one per
 * instruction), never against numbers emu printed before. The guest's own output must not
 * change under instrumentation.
 */
class PluginRunTest {

    @ParameterizedTest(name = "{0} [{1}]")
    @CsvSource({
        "test/guest/bin/hello, tiered", "test/guest/bin/hello, interp", "test/guest/bin/hello, jit",
        "test/guest/bin/sort, tiered", "test/guest/bin/sort, interp",
        "test/guest/bin/pthreads, tiered", "test/guest/bin/pthreads, jit", "test/guest/bin/threads, tiered"})
    void countsAgreeThreeWays(String program, String tier) throws Exception {
        String name = Path.of(program).getFileName().toString();
        GuestProcess.Result plain = GuestProcess.emu(List.of(program));
        GuestProcess.Result r = GuestProcess.emu(List.of("-tier", tier, "--plugin",
                CountingPlugin.class.getName() + ",every=97", program));
        assertEquals(plain.stdout(), r.stdout(), name + ": instrumentation changed the guest's output; " + r.stderr());
        assertEquals(0, r.status(), r.stderr());
        long[] insns = numbers(r.stderr(), "insns", 3);
        long[] blocks = numbers(r.stderr(), "blocks", 3);
        long[] mem = numbers(r.stderr(), "mem", 2);
        assertTrue(insns[0] > 1000 && blocks[0] > 100 && mem[0] > 100, r.stderr());
        assertEquals(insns[0], insns[1], "instructions: callbacks vs inline\n" + r.stderr());
        assertEquals(insns[0], insns[2], "instructions: callbacks vs conditional\n" + r.stderr());
        assertEquals(blocks[0], blocks[1], "blocks: callbacks vs inline\n" + r.stderr());
        assertEquals(blocks[0], blocks[2], "blocks: callbacks vs conditional\n" + r.stderr());
        assertEquals(mem[0], mem[1], "memory accesses: callbacks vs inline\n" + r.stderr());
    }

    /** Instructions counted by the plugin against the run loop's own count: one trace line per single-instruction block. */
    @Test
    void instructionCountMatchesSingleStepTrace() throws Exception {
        Path log = Files.createTempFile("emu-plugin", ".log");
        try {
            GuestProcess.Result r = GuestProcess.emu(List.of("--plugin", "insn,inline=on", "-singlestep",
                    "-d", "exec,nochain,plugin", "-D", log.toString(), "test/guest/bin/hello"));
            assertEquals(0, r.status(), r.stderr());
            String text = Files.readString(log, StandardCharsets.UTF_8);
            long traced = text.lines().filter(l -> l.startsWith("Trace ")).count();
            assertEquals("insns: " + traced, lastLine(text));
            assertTrue(traced > 1000);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** bb's blocks and instructions against the trace (one line per block run) and against insn. */
    @Test
    void blockCountsMatchTraceAndInsn() throws Exception {
        Path log = Files.createTempFile("emu-plugin", ".log");
        try {
            GuestProcess.Result r = GuestProcess.emu(List.of("--plugin", "bb", "--plugin", "insn,inline=on",
                    "-d", "exec,plugin", "-D", log.toString(), "test/guest/bin/hello"));
            assertEquals(0, r.status(), r.stderr());
            String text = Files.readString(log, StandardCharsets.UTF_8);
            long traced = text.lines().filter(l -> l.startsWith("Trace ")).count();
            Matcher bb = Pattern.compile("(?m)^bb's: (\\d+), insns: (\\d+)$").matcher(text);
            Matcher insn = Pattern.compile("(?m)^insns: (\\d+)$").matcher(text);
            assertTrue(bb.find() && insn.find(), text.lines().filter(l -> !l.startsWith("Trace")).toList().toString());
            assertEquals(traced, Long.parseLong(bb.group(1)), "blocks executed");
            assertEquals(insn.group(1), bb.group(2), "instructions: bb vs insn");
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void builtinOutputFormats() throws Exception {
        String program = "test/guest/bin/hello";
        String bbCallback = emuStderr("--plugin", "bb", program);
        String bbInline = emuStderr("--plugin", "bb,inline=on", program);
        assertTrue(bbCallback.matches("bb's: [1-9]\\d*, insns: [1-9]\\d*\n"), bbCallback);
        assertEquals(bbCallback, bbInline, "bb: callbacks and inline adds");
        String insnInline = emuStderr("--plugin", "insn,inline=on", program);
        String insnCallback = emuStderr("-plugin", "file=tests/plugin/libinsn.so", program);
        String n = insnInline.replaceAll("[^0-9]", "");
        assertEquals("insns: " + n + "\n", insnInline);
        assertEquals("cpu 0 insns: " + n + "\ntotal insns: " + n + "\n", insnCallback);
        assertTrue(bbCallback.endsWith("insns: " + n + "\n"), "bb and insn count the same instructions");
        assertTrue(emuStderr("--plugin", "insn,sizes=on", program).matches("len 2 bytes: \\d+ insns\nlen 4 bytes: \\d+ insns\n"));
    }

    @Test
    void memoryCounts() throws Exception {
        String program = "test/guest/bin/sort";
        long[] rw = memCounts(emuStderr("--plugin", "mem,inline=on,callback=on", program));
        long[] r = memCounts(emuStderr("-plugin", "file=libmem.so,arg=inline,arg=callback,track=r", program));
        long[] w = memCounts(emuStderr("--plugin", "mem,inline=on,callback=on,track=w", program));
        assertEquals(rw[0], rw[1], "inline vs callback");
        assertEquals(r[0], r[1]);
        assertEquals(w[0], w[1]);
        assertEquals(rw[0], r[0] + w[0], "reads + writes");
        assertTrue(r[0] > 0 && w[0] > 0);
        assertEquals("", emuStderr("--plugin", "mem", program), "QEMU's mem prints nothing with neither inline nor callback");
    }

    @Test
    void syscallFilterAndObserver() throws Exception {
        GuestProcess.Result seen = GuestProcess.emu(List.of("--plugin", SyscallPlugin.class.getName(), "test/guest/bin/hello"));
        assertEquals(0, seen.status(), seen.stderr());
        int length = seen.stdout().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(length > 0);
        assertTrue(seen.stderr().startsWith("writes 1 1 " + length + "\n"), seen.stderr());
        GuestProcess.Result muted = GuestProcess.emu(List.of("--plugin", SyscallPlugin.class.getName() + ",mute=on",
                "test/guest/bin/hello"));
        assertEquals(0, muted.status(), muted.stderr());
        assertEquals("", muted.stdout(), "skipped writes print nothing");
        assertEquals("writes 1 1 " + length + "\n"
                + "stale block: IllegalStateException\nstale insn: IllegalStateException\nstale syscall: IllegalStateException\n",
                muted.stderr());
    }

    @Test
    void userErrors() throws Exception {
        assertOneLineError("unknown plugin 'nosuch'", "--plugin", "nosuch", "test/guest/bin/hello");
        assertOneLineError("plugin 'bb': option parsing failed: bogus=1", "--plugin", "bb,bogus=1", "test/guest/bin/hello");
        assertOneLineError("plugin 'bb': boolean argument parsing failed: inline=maybe", "--plugin", "bb,inline=maybe",
                "test/guest/bin/hello");
        assertOneLineError("plugin 'mem': invalid value for argument track: track=x", "--plugin", "mem,track=x",
                "test/guest/bin/hello");
        assertOneLineError("hot.js: script plugins are not supported yet", "--plugin", "hot.js", "test/guest/bin/hello");
        assertOneLineError("plugin 'future' was built for plugin ABI version", "--plugin", OtherAbiPlugin.class.getName(),
                "test/guest/bin/hello");
    }

    private static void assertOneLineError(String expected, String... args) throws Exception {
        GuestProcess.Result r = GuestProcess.emu(List.of(args));
        assertEquals(1, r.status(), r.stderr());
        assertTrue(r.stderr().startsWith("emu: " + expected), r.stderr());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertEquals("", r.stdout());
    }

    private static String emuStderr(String... args) throws Exception {
        GuestProcess.Result r = GuestProcess.emu(List.of(args));
        assertEquals(0, r.status(), r.stderr());
        assertNotEquals("", r.stdout());
        return r.stderr();
    }

    private static long[] memCounts(String out) {
        Matcher m = Pattern.compile("inline mem accesses: (\\d+)\ncallback mem accesses: (\\d+)\n").matcher(out);
        assertTrue(m.matches(), out);
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    private static long[] numbers(String out, String label, int count) {
        for (String line : out.split("\n")) {
            String[] words = line.split(" ");
            if (words[0].equals(label) && words.length == count + 1) {
                long[] n = new long[count];
                for (int i = 0; i < count; i++) {
                    n[i] = Long.parseLong(words[i + 1]);
                }
                return n;
            }
        }
        throw new AssertionError("no line '" + label + "' in:\n" + out);
    }

    private static String lastLine(String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        return lines.get(lines.size() - 1);
    }
}
