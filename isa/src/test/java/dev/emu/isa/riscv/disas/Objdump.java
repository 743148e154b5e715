package dev.emu.isa.riscv.disas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GNU objdump for riscv64, run as the reference the disassembler is compared with. */
final class Objdump {
    static final String TOOL = "riscv64-linux-gnu-objdump";
    private static final Pattern LINE = Pattern.compile("^ *([0-9a-f]+):\t[0-9a-f ]+\t(.*)$");

    private Objdump() {}

    static boolean available() {
        try {
            Process p = new ProcessBuilder(TOOL, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * Disassembles raw little-endian code placed at address 0 ({@code -b binary}, rv64gc, no
     * zero skipping) and returns the instruction text by address.
     */
    static Map<Long, String> raw(byte[] code, String... extraOptions) throws IOException, InterruptedException {
        Path file = Files.createTempFile("emu-objdump", ".bin");
        try {
            Files.write(file, code);
            List<String> cmd = new ArrayList<>(List.of(TOOL, "-b", "binary", "-m", "riscv:rv64", "-D", "-z"));
            cmd.addAll(List.of(extraOptions));
            cmd.add(file.toString());
            return run(cmd);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static Map<Long, String> run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<Long, String> lines = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    lines.put(Long.parseLong(m.group(1), 16), m.group(2));
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue());
        }
        return lines;
    }
}
