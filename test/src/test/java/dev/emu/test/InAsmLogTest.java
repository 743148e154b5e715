package dev.emu.test;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code emu -d in_asm} against the listings: a static glibc program runs with {@code -d in_asm
 * -D file}, and every logged instruction's text must be the text {@code emu --disas} prints for
 * that address (symbolic branch targets, {@code # address <symbol>} comments and all), and the
 * text {@code riscv64-linux-gnu-objdump -d} prints when that is installed. When qemu-riscv64 is
 * installed, the framing must be qemu's: for every block both logs start at the same address the
 * {@code IN:} line names the same symbol, and for every instruction both log, the address and
 * bytes columns are the same characters.
 */
class InAsmLogTest {
    /** {@code 0x<16 digits>:  <bytes padded to 16>  <text>}: the text starts at column 39. */
    private static final Pattern LOG_LINE = Pattern.compile("^0x([0-9a-f]{16}):  ([0-9a-f]{4}|[0-9a-f]{8}) +(.*)$");
    private static final int TEXT_COLUMN = 39;
    private static final Pattern LISTING_LINE = Pattern.compile("^ *([0-9a-f]+):\t[0-9a-f ]+\t(.*)$");

    private record Logged(long address, String line) {
        String text() {
            return line.substring(TEXT_COLUMN);
        }
    }

    /** A parsed -d in_asm log: the instruction lines in order and each block's IN: line by start address. */
    private record Log(List<Logged> lines, Map<Long, String> headers) {}

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hello", "float"})
    void loggedInstructionsReadAsInTheListing(String program) throws Exception {
        Path binary = GuestProcess.ROOT.resolve("test/guest/bin").resolve(program);
        Log emu = emuLog(binary);
        assertTrue(emu.lines.size() > 1000, "too few instructions logged: " + emu.lines.size());

        GuestProcess.Result disas = GuestProcess.emu(List.of("--disas", binary.toString()));
        assertEquals(0, disas.status(), disas.stderr());
        assertSameText(emu, listing(disas.stdout()), "emu --disas");

        if (DisasVsObjdumpTest.objdumpAvailable()) {
            GuestProcess.Result objdump = GuestProcess.run(List.of(DisasVsObjdumpTest.OBJDUMP, "-d", binary.toString()));
            assertEquals(0, objdump.status(), objdump.stderr());
            assertSameText(emu, listing(objdump.stdout()), "objdump -d");
        } else {
            System.err.println("NOTICE: " + DisasVsObjdumpTest.OBJDUMP + " not installed: in_asm compared with emu --disas only");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hello", "float"})
    void framingIsQemus(String program) throws Exception {
        Assumptions.assumeTrue(GuestProcess.qemuAvailable() || System.getenv("CI") != null, "qemu-riscv64 not installed");
        Path binary = GuestProcess.ROOT.resolve("test/guest/bin").resolve(program);
        Log emu = emuLog(binary);
        Path file = Files.createTempFile("qemu-in-asm", ".log");
        try {
            GuestProcess.Result run = GuestProcess.qemu(List.of("-d", "in_asm", "-D", file.toString(), binary.toString()));
            assertEquals(0, run.status(), run.stderr());
            Log qemu = parse(Files.readString(file));
            int headers = 0;
            for (Map.Entry<Long, String> e : emu.headers.entrySet()) {
                String theirs = qemu.headers.get(e.getKey());
                if (theirs != null) {
                    assertEquals(theirs, e.getValue(), String.format("IN: line of the block at 0x%x", e.getKey()));
                    headers++;
                }
            }
            Map<Long, String> qemuLines = new HashMap<>();
            qemu.lines.forEach(l -> qemuLines.put(l.address, l.line));
            int lines = 0;
            for (Logged l : emu.lines) {
                String theirs = qemuLines.get(l.address);
                if (theirs != null) {
                    assertEquals(theirs.substring(0, TEXT_COLUMN), l.line.substring(0, TEXT_COLUMN), "address and bytes columns");
                    lines++;
                }
            }
            System.out.printf("%s: %d IN: lines and %d instruction lines compared with qemu%n", program, headers, lines);
            assertTrue(headers > 100 && lines > 1000, "too little in common with qemu's log");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Log emuLog(Path binary) throws Exception {
        Path file = Files.createTempFile("emu-in-asm", ".log");
        try {
            GuestProcess.Result run = GuestProcess.emu(List.of("-d", "in_asm", "-D", file.toString(), binary.toString()));
            assertEquals(0, run.status(), run.stderr());
            return parse(Files.readString(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Log parse(String log) {
        List<Logged> lines = new ArrayList<>();
        Map<Long, String> headers = new LinkedHashMap<>();
        String header = null;
        for (String line : log.split("\n")) {
            if (line.startsWith("IN:")) {
                header = line;
                continue;
            }
            Matcher m = LOG_LINE.matcher(line);
            if (m.matches()) {
                long address = Long.parseUnsignedLong(m.group(1), 16);
                if (header != null) {
                    headers.putIfAbsent(address, header);
                    header = null;
                }
                lines.add(new Logged(address, line));
            }
        }
        return new Log(lines, headers);
    }

    /** The instruction text of each address of an objdump-style listing (first line per address). */
    private static Map<Long, String> listing(String text) {
        Map<Long, String> texts = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = LISTING_LINE.matcher(line);
            if (m.matches()) {
                texts.putIfAbsent(Long.parseUnsignedLong(m.group(1), 16), m.group(2));
            }
        }
        return texts;
    }

    private static void assertSameText(Log log, Map<Long, String> listing, String what) {
        List<String> differences = new ArrayList<>();
        for (Logged l : log.lines) {
            String expected = listing.get(l.address);
            if (!l.text().equals(expected)) {
                differences.add(String.format("0x%x: %s \"%s\", in_asm \"%s\"", l.address, what, expected, l.text()));
            }
        }
        System.out.printf("%d logged instructions compared with %s, %d differences%n", log.lines.size(), what, differences.size());
        assertEquals(List.of(), differences.subList(0, Math.min(20, differences.size())),
                differences.size() + " logged instructions read differently in " + what);
    }
}
