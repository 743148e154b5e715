package dev.emu.isa.riscv.disas;

import dev.emu.isa.riscv.decode.Extension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every compressed encoding and millions of random full-size words, disassembled by emu and
 * by objdump ({@code -b binary}, rv64gc) with and without aliases: the texts must be identical,
 * the {@code .2byte}/{@code .4byte} of undecodable words included.
 */
class RawWordsDifferentialTest {
    static final int RANDOM_WORDS = Integer.getInteger("emu.test.randomWords", 2_000_000);
    static final long SEED = 0x5eed_2026L;

    @BeforeAll
    static void needsObjdump() {
        Assumptions.assumeTrue(Objdump.available() || System.getenv("CI") != null,
                "riscv64-linux-gnu-objdump not installed");
    }

    @Test
    void allCompressedEncodings() throws Exception {
        List<Integer> words = new ArrayList<>();
        for (int w = 0; w < 0x10000; w++) {
            if ((w & 3) != 3) {
                words.add(w);
            }
        }
        compare(words, 2, false);
        compare(words, 2, true);
    }

    @Test
    void randomFullSizeWords() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Integer> words = new ArrayList<>(RANDOM_WORDS);
        while (words.size() < RANDOM_WORDS) {
            int w = random.nextInt();
            if ((w & 0x3) == 0x3 && (w & 0x1f) != 0x1f) {
                words.add(w);
            }
        }
        compare(words, 4, false);
        compare(words, 4, true);
    }

    static void compare(List<Integer> words, int size, boolean noAliases) throws Exception {
        ByteBuffer code = ByteBuffer.allocate(words.size() * size).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            if (size == 2) {
                code.putShort((short) w);
            } else {
                code.putInt(w);
            }
        }
        Map<Long, String> expected = noAliases ? Objdump.raw(code.array(), "-M", "no-aliases") : Objdump.raw(code.array());
        RiscvDisassembler emu = new RiscvDisassembler(DisasOptions.defaults().withArch(Extension.rv64gc()).withNoAliases(noAliases));
        int differences = 0;
        StringBuilder report = new StringBuilder();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            long pc = (long) i * size;
            String want = expected.get(pc);
            String got = emu.disassemble(pc, words.get(i));
            if (!got.equals(want)) {
                all.append(String.format("%08x\t%s\t%s%n", words.get(i), want, got));
                if (differences++ < 40) {
                    report.append(String.format("%n  %08x: objdump \"%s\"  emu \"%s\"", words.get(i), want, got));
                }
            }
        }
        String dump = System.getProperty("emu.test.diffDir");
        if (dump != null) {
            java.nio.file.Files.writeString(java.nio.file.Path.of(dump, "raw" + size + (noAliases ? "-noalias" : "") + ".diff"), all);
        }
        System.out.printf("raw %d-byte words%s: %d compared with objdump, %d differences%n",
                size, noAliases ? " (no-aliases)" : "", words.size(), differences);
        assertEquals(0, differences, differences + " of " + words.size() + " differ:" + report);
    }
}
