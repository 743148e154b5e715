package dev.emu.test;

import dev.emu.isa.riscv.disas.ElfListing;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code emu --disas} against GNU objdump on the static glibc guest programs: every line that
 * carries an address (instruction and data lines, symbol lines) and every {@code ...} line
 * must be identical, with default options and with {@code -M no-aliases}.
 *
 * <p>Lines are matched by section and address (the n-th line for an address with the n-th),
 * and a {@code ...} line by the line before it, so one wrong line counts once instead of
 * shifting everything after it. With {@code -Demu.test.diffDir=DIR} every difference is written
 * to {@code DIR/<program>[-noalias].diff}.
 */
class DisasVsObjdumpTest {
    static final String OBJDUMP = "riscv64-linux-gnu-objdump";
    static final Path GUESTS = Path.of("guest", "bin");
    private static final Pattern INSN_LINE = Pattern.compile("^ *([0-9a-f]+):\t.*");
    private static final Pattern SYMBOL_LINE = Pattern.compile("^([0-9a-f]{16}) <.*>:$");
    private static final String SECTION = "Disassembly of section ";

    @BeforeAll
    static void needsObjdump() {
        Assumptions.assumeTrue(objdumpAvailable() || System.getenv("CI") != null, OBJDUMP + " not installed");
    }

    @ParameterizedTest(name = "{0} no-aliases={1}")
    @CsvSource({"hello,false", "hello,true", "sort,false", "sort,true", "float,false", "float,true",
        "threads,false", "threads,true"})
    void listingMatchesObjdump(String program, boolean noAliases) throws Exception {
        Path file = GUESTS.resolve(program);
        assertTrue(Files.exists(file), file + " missing: run make in test/guest");
        List<String> args = new ArrayList<>(List.of(OBJDUMP, "-d"));
        if (noAliases) {
            args.addAll(List.of("-M", "no-aliases"));
        }
        args.add(file.toString());
        Map<String, String> expected = keyed(objdump(args));

        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        long count;
        try (PrintStream out = new PrintStream(buffer, false, StandardCharsets.UTF_8)) {
            count = ElfListing.list(file, noAliases, false, out);
        }
        Map<String, String> actual = keyed(buffer.toString(StandardCharsets.UTF_8));

        int instructionLines = 0;
        int differences = 0;
        StringBuilder first = new StringBuilder();
        StringBuilder all = new StringBuilder();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            if (INSN_LINE.matcher(e.getValue()).matches()) {
                instructionLines++;
            }
            String got = actual.get(e.getKey());
            if (!e.getValue().equals(got)) {
                differences = difference(differences, e.getKey(), e.getValue(), got, first, all);
            }
        }
        for (Map.Entry<String, String> e : actual.entrySet()) {
            if (!expected.containsKey(e.getKey())) {
                differences = difference(differences, e.getKey(), null, e.getValue(), first, all);
            }
        }
        String mode = noAliases ? " (-M no-aliases)" : "";
        System.out.printf("%s%s: %d instruction lines compared, %d differences%n", program, mode, instructionLines,
                differences);
        String diffDir = System.getProperty("emu.test.diffDir");
        if (diffDir != null && differences > 0) {
            Files.writeString(Path.of(diffDir, program + (noAliases ? "-noalias" : "") + ".diff"), all);
        }
        assertTrue(instructionLines > 1000, "objdump listed too little of " + program);
        assertEquals(0, differences, program + mode + ": " + differences + " of " + instructionLines
                + " lines differ; first ones (key / objdump / emu):" + first);
        assertTrue(count > 0 && count <= instructionLines, "instruction count " + count);
    }

    private static int difference(int n, String key, String want, String got, StringBuilder first, StringBuilder all) {
        String line = String.format("%s%n  objdump: %s%n  emu:     %s%n", key, show(want), show(got));
        if (n < 30) {
            first.append(System.lineSeparator()).append(line);
        }
        all.append(line);
        return n + 1;
    }

    private static String show(String line) {
        return line == null ? "(none)" : "\"" + line.replace("\t", "\\t") + "\"";
    }

    /**
     * The lines to compare, keyed by section and address: {@code .text 10420#0} for the first
     * line at 10420, {@code .text <10420>} for a symbol line, {@code .text ...after 10440#0}
     * for a zero-run line.
     */
    static Map<String, String> keyed(String listing) {
        Map<String, String> lines = new LinkedHashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        String section = "";
        String previous = "start";
        for (String line : listing.split("\n", -1)) {
            String key;
            var insn = INSN_LINE.matcher(line);
            var symbol = SYMBOL_LINE.matcher(line);
            if (line.startsWith(SECTION)) {
                section = line.substring(SECTION.length(), line.length() - 1);
                previous = "start";
                continue;
            } else if (insn.matches()) {
                key = section + " " + insn.group(1);
            } else if (symbol.matches()) {
                key = section + " <" + symbol.group(1) + ">";
            } else if (line.equals("\t...")) {
                key = section + " ...after " + previous;
            } else {
                continue;
            }
            int n = seen.merge(key, 1, Integer::sum) - 1;
            lines.put(key + "#" + n, line);
            previous = key + "#" + n;
        }
        return lines;
    }

    static String objdump(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue());
        }
        return out;
    }

    static boolean objdumpAvailable() {
        try {
            Process p = new ProcessBuilder(OBJDUMP, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
