package dev.emu.isa.riscv.disas;

import dev.emu.isa.riscv.decode.Extension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Zba/Zbb/Zbc/Zbs disassembly against objdump. objdump decodes bit-manipulation instructions
 * only when an ELF file's {@code Tag_RISCV_arch} enables them (never for {@code -b binary}), so
 * this test assembles random words of the four integer ALU opcodes (OP, OP-IMM, OP-32,
 * OP-IMM-32) as {@code .4byte} data into {@code .text} of an object built with
 * {@code -march=rv64gc_zba_zbb_zbc_zbs}, deletes the {@code $d} mapping symbols that would make
 * objdump dump them as data, and compares objdump's text per address with emu's, with and
 * without aliases. The same words as a raw rv64gc binary check the other side: there objdump
 * and emu must both leave every Zb* word as {@code .4byte}.
 *
 * <p>Addresses: after the strip the object has only section symbols, which objdump does not use
 * for naming addresses, so the only address text these opcodes produce (the {@code # 0x...}
 * comment of an addi/addiw from tp or zero) is the plain hex form; the default
 * {@link AddressFormatter#PLAIN} therefore renders exactly what objdump prints. No word is a
 * lui/auipc, so the address tracker never carries state between words, and without a
 * {@code __global_pointer$} symbol gp-relative addi gets no comment on either side.
 */
class BitManipDifferentialTest {
    static final int WORDS = Integer.getInteger("emu.test.bitmanipWords", 300_000);
    static final long SEED = 0xb17_3a21L;
    static final String AS = "riscv64-linux-gnu-as";
    static final String OBJCOPY = "riscv64-linux-gnu-objcopy";
    static final String MARCH = "rv64gc_zba_zbb_zbc_zbs";

    private static final int OP = 0b0110011;
    private static final int OP_IMM = 0b0010011;
    private static final int OP_32 = 0b0111011;
    private static final int OP_IMM_32 = 0b0011011;
    private static final int[] OPCODES = {OP, OP_IMM, OP_32, OP_IMM_32};

    /**
     * funct7 values (bits 31..25) the Zb* instructions live on, together with the base and M
     * values beside them so boundaries get tested too. For the OP-IMM forms bit 25 is shamt[5]
     * and is drawn at random below.
     */
    private static final int[] FUNCT7 = {
        0b0000000, 0b0000001, 0b0000100, 0b0000101, 0b0010000, 0b0010100, 0b0100000,
        0b0100100, 0b0110000, 0b0110100, 0b0110101, 0b0000010, 0b0000011,
    };

    /**
     * Values of bits 24..20 that select a Zb* op inside a funct7 (clz/ctz/cpop/sext.b/sext.h
     * = 0..5, orc.b's 00111, rev8's 11000 and rs2 = zero for zext.h/zext.w), and some near them.
     */
    private static final int[] RS2_FIELD = {0, 1, 2, 3, 4, 5, 6, 7, 8, 0b11000, 0b10111, 0b11111};

    /** Zb* mnemonics the sample must reach (with aliases), so a broken arch attribute shows. */
    private static final List<String> MUST_SEE = List.of(
            "clz", "ctz", "cpop", "min", "max", "minu", "maxu", "sext.b", "sext.h", "zext.h",
            "orc.b", "clzw", "ctzw", "cpopw", "andn", "orn", "xnor", "rol", "ror", "rev8", "rolw",
            "rorw", "sh1add", "sh2add", "sh3add", "sh1add.uw", "sh2add.uw", "sh3add.uw", "zext.w",
            "add.uw", "slli.uw", "clmul", "clmulh", "clmulr", "bclr", "bset", "binv", "bext");

    private static Path dir;
    private static Path object;
    private static List<Integer> words;

    @BeforeAll
    static void buildObject() throws Exception {
        Assumptions.assumeTrue((Objdump.available() && toolRuns(AS) && toolRuns(OBJCOPY)) || System.getenv("CI") != null,
                "riscv64-linux-gnu binutils (as, objcopy, objdump) not installed");
        words = randomWords();
        dir = Files.createTempDirectory("emu-zb");
        Path source = dir.resolve("zb.s");
        StringBuilder s = new StringBuilder(words.size() * 20);
        s.append("\t.text\n");
        for (int w : words) {
            s.append("\t.4byte\t0x").append(Integer.toHexString(w)).append('\n');
        }
        Files.writeString(source, s, StandardCharsets.US_ASCII);
        Path assembled = dir.resolve("zb-data.o");
        object = dir.resolve("zb.o");
        exec(AS, "-march=" + MARCH, "-o", assembled.toString(), source.toString());
        // without $d objdump has no mapping symbol saying "data" and decodes the bytes as code
        exec(OBJCOPY, "--strip-symbol=$d", assembled.toString(), object.toString());
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void withAliases() throws Exception {
        compare(false);
    }

    @Test
    void withoutAliases() throws Exception {
        compare(true);
    }

    /**
     * The same words as a raw binary, which objdump decodes as plain rv64gc: every Zb* word must
     * stay {@code .4byte} there, and emu restricted to rv64gc must agree.
     */
    @Test
    void plainRv64gcLeavesThemUndecoded() throws Exception {
        ByteBuffer code = ByteBuffer.allocate(words.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            code.putInt(w);
        }
        check("rv64gc raw", "zb-rv64gc", Objdump.raw(code.array()),
                new RiscvDisassembler(DisasOptions.defaults().withArch(Extension.rv64gc())));
    }

    /** Words of the four ALU opcodes: three in four steered onto Zb* fields, the rest random. */
    static List<Integer> randomWords() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Integer> out = new ArrayList<>(WORDS);
        while (out.size() < WORDS) {
            int w = random.nextInt() & ~0x7f | OPCODES[random.nextInt(OPCODES.length)];
            if (random.nextInt(4) != 0) {
                int funct7 = FUNCT7[random.nextInt(FUNCT7.length)];
                if ((w & 0x7f) == OP_IMM || (w & 0x7f) == OP_IMM_32) {
                    funct7 = (funct7 & ~1) | (w >>> 25 & 1);
                }
                w = (w & 0x01ffffff) | funct7 << 25;
                if (random.nextBoolean()) {
                    w = (w & ~(0x1f << 20)) | RS2_FIELD[random.nextInt(RS2_FIELD.length)] << 20;
                }
            }
            out.add(w);
        }
        return out;
    }

    static void compare(boolean noAliases) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Objdump.TOOL, "-d", "-z"));
        if (noAliases) {
            cmd.addAll(List.of("-M", "no-aliases"));
        }
        cmd.add(object.toString());
        Set<String> mnemonics = check(MARCH + " ELF" + (noAliases ? " (no-aliases)" : ""),
                "zb" + (noAliases ? "-noalias" : ""), Objdump.run(cmd),
                new RiscvDisassembler(DisasOptions.defaults().withArch(Extension.all()).withNoAliases(noAliases),
                        AddressFormatter.PLAIN));
        if (!noAliases) {
            for (String m : MUST_SEE) {
                assertTrue(mnemonics.contains(m), "the sample never reached " + m + "; seen: " + mnemonics);
            }
        }
    }

    /** Compares per address, reports, and returns the mnemonics objdump printed. */
    static Set<String> check(String what, String diffName, Map<Long, String> expected, RiscvDisassembler emu)
            throws IOException {
        int differences = 0;
        StringBuilder report = new StringBuilder();
        StringBuilder all = new StringBuilder();
        Set<String> mnemonics = new TreeSet<>();
        for (int i = 0; i < words.size(); i++) {
            long pc = (long) i * 4;
            String want = expected.get(pc);
            String got = emu.disassemble(pc, words.get(i));
            if (want != null) {
                mnemonics.add(want.split("\t", 2)[0]);
            }
            if (!got.equals(want)) {
                all.append(String.format("%08x\t%s\t%s%n", words.get(i), want, got));
                if (differences++ < 40) {
                    report.append(String.format("%n  %08x: objdump \"%s\"  emu \"%s\"", words.get(i), want, got));
                }
            }
        }
        String dump = System.getProperty("emu.test.diffDir");
        if (dump != null) {
            Files.writeString(Path.of(dump, diffName + ".diff"), all);
        }
        System.out.printf("Zb* sample, %s: %d words compared with objdump, %d distinct mnemonics, %d differences%n",
                what, words.size(), mnemonics.size(), differences);
        assertEquals(0, differences, what + ": " + differences + " of " + words.size() + " differ:" + report);
        return mnemonics;
    }

    private static boolean toolRuns(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue() + ":\n" + output);
        }
    }
}
