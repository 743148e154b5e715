package dev.emu.isa.riscv.translate;

import dev.emu.engine.backend.BytecodeBackend;
import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.elf.ElfFile;
import dev.emu.engine.exec.ExecutionLoop;
import dev.emu.engine.exec.ExecutionOptions;
import dev.emu.engine.exec.FatalSignal;
import dev.emu.engine.isa.GuestFrontend;
import dev.emu.engine.linux.GuestExit;
import dev.emu.engine.linux.LinuxProcess;
import dev.emu.engine.linux.StandardStreams;
import dev.emu.isa.riscv.RiscvIsa;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random instruction sequences run by qemu-riscv64 and by emu, which must leave every integer
 * and FP register, fcsr and the scratch memory the same ({@link SequenceGenerator} says what the
 * sequences hold). Sequences run in batches: one generated program ({@link BatchProgram}) holds
 * {@code emu.qemuDiff.batch} of them (default 1000), so one qemu process and one in-process emu
 * run cover a thousand; emu runs each batch in the interpreter tier, and every
 * {@code emu.qemuDiff.jitEvery}-th batch (default 3: the first, the fourth, ...) also with every
 * block compiled ({@code -Demu.qemuDiff.tiers=interp,jit}; {@code step} runs one instruction per
 * block). The
 * summary line counts the rows and rounding modes covered; from 3000 sequences on, every row the
 * generator can produce must have been produced.
 *
 * <p>{@code -Demu.qemuDiff.sequences=N} runs N sequences (default 3000, about 15 s);
 * {@code -Demu.qemuDiff.seed=S} picks another seed (default 1) and {@code -Demu.qemuDiff.first=K}
 * starts at sequence K, so {@code -Demu.qemuDiff.first=K -Demu.qemuDiff.sequences=1} reruns the
 * sequence a report names. A mismatch report names the seed, the sequence, the tier, its start
 * state, its disassembly and each differing register. Skipped, with a notice on stderr, when
 * qemu-riscv64 is not installed (and failed instead when the environment says CI).
 */
class QemuDifferentialTest {
    private static final int MAX_REPORTS = 5;

    private static boolean qemuAvailable() {
        try {
            Process p = new ProcessBuilder("qemu-riscv64", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void randomSequencesMatchQemu() throws Exception {
        if (!qemuAvailable()) {
            System.err.println("NOTICE: qemu-riscv64 is not installed: the qemu differential test is skipped");
            Assumptions.assumeTrue(System.getenv("CI") != null, "qemu-riscv64 not installed");
            fail("qemu-riscv64 is not installed, and CI needs the qemu differential test");
        }
        long seed = Long.getLong("emu.qemuDiff.seed", 1);
        long first = Long.getLong("emu.qemuDiff.first", 0);
        long total = Long.getLong("emu.qemuDiff.sequences", 3000);
        int batchSize = Integer.getInteger("emu.qemuDiff.batch", 1000);
        List<String> allTiers = List.of(System.getProperty("emu.qemuDiff.tiers", "interp,jit").split(","));
        int jitEvery = Integer.getInteger("emu.qemuDiff.jitEvery", 3);
        long[] tierRuns = new long[allTiers.size()];
        SequenceGenerator generator = new SequenceGenerator();
        List<String> reports = new ArrayList<>();
        Coverage coverage = new Coverage();
        long mismatches = 0;
        long start = System.nanoTime();
        Path dir = Files.createTempDirectory("emu-qemu-diff");
        Path program = dir.resolve("batch");
        try {
            for (long from = first, batchIndex = 0; from < first + total; from += batchSize, batchIndex++) {
                // compiling every block costs four times what interpreting it does
                boolean jit = batchIndex % jitEvery == 0;
                List<String> tiers = allTiers.stream().filter(t -> jit || !t.equals("jit")).toList();
                int count = (int) Math.min(batchSize, first + total - from);
                List<Sequence> sequences = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    sequences.add(generator.sequence(seed, from + i));
                }
                BatchProgram batch = new BatchProgram(generator, sequences);
                for (int i = 0; i < count; i++) {
                    coverage.add(batch.bodyWords(i));
                }
                Files.write(program, batch.elf());
                program.toFile().setExecutable(true); // qemu-riscv64 exits with status 1, silently, otherwise
                Process qemu = new ProcessBuilder("qemu-riscv64", "-cpu", "rv64,zba=true,zbb=true,zbc=true,zbs=true",
                        program.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                byte[][] emu = new byte[tiers.size()][];
                String[] emuEnd = new String[tiers.size()];
                for (int t = 0; t < tiers.size(); t++) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(batch.outputSize());
                    emuEnd[t] = runEmu(program, tiers.get(t), out);
                    emu[t] = out.toByteArray();
                }
                byte[] expected = qemu.getInputStream().readAllBytes();
                if (!qemu.waitFor(120, TimeUnit.SECONDS) || qemu.exitValue() != 0 || expected.length != batch.outputSize()) {
                    fail("qemu did not run batch " + from + " of seed " + seed + " to its end (status "
                            + qemu.exitValue() + ", " + expected.length / BatchProgram.BLOCK + " sequences written)");
                }
                for (int t = 0; t < tiers.size(); t++) {
                    tierRuns[allTiers.indexOf(tiers.get(t))] += count;
                    for (int i = 0; i < count; i++) {
                        if (!sameBlock(expected, emu[t], i)) {
                            mismatches++;
                            if (reports.size() < MAX_REPORTS) {
                                reports.add(MismatchReport.describe(seed, from + i, tiers.get(t), sequences.get(i),
                                        batch.bodyStart(i), batch.bodyWords(i), block(expected, i), block(emu[t], i), emuEnd[t]));
                            }
                        }
                    }
                }
            }
        } finally {
            Files.deleteIfExists(program);
            Files.deleteIfExists(dir);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder runs = new StringBuilder();
        for (int t = 0; t < allTiers.size(); t++) {
            runs.append(t > 0 ? ", " : "").append(tierRuns[t]).append(' ').append(allTiers.get(t));
        }
        System.out.printf("qemu differential: %d sequences (seed %d, from %d), emu runs: %s; %d mismatches, %.1f s; %s%n",
                total, seed, first, runs, mismatches, seconds, coverage);
        if (total >= 3000) {
            assertEquals(List.of(), coverage.missing(), "rows the generator never produced");
        }
        if (mismatches > 0) {
            fail(mismatches + " sequence runs differ from qemu; the first " + reports.size() + ":\n\n" + String.join("\n", reports));
        }
    }

    /** Runs the program in-process in the given tier; returns how it ended, for reports. */
    private static String runEmu(Path program, String tier, ByteArrayOutputStream out) throws IOException {
        RiscvIsa isa = new RiscvIsa();
        ElfFile elf = ElfFile.read(program);
        LinuxProcess process = LinuxProcess.start(isa.linuxTarget(), program, elf, List.of("batch"), List.of(),
                StandardStreams.of(new ByteArrayInputStream(new byte[0]), out, System.err));
        GuestFrontend frontend = isa.newFrontend();
        Vcpu cpu = new Vcpu(0, frontend.registerSlots(), process.memory());
        process.initMainThread(cpu);
        ExecutionOptions options = switch (tier) {
            case "interp" -> ExecutionOptions.defaults().withHotThreshold(Integer.MAX_VALUE);
            case "jit" -> ExecutionOptions.defaults().withHotThreshold(0);
            case "step" -> ExecutionOptions.defaults().withHotThreshold(Integer.MAX_VALUE).withMaxBlockInsns(1);
            default -> throw new IllegalArgumentException("emu.qemuDiff.tiers: interp, jit or step, not " + tier);
        };
        try {
            new ExecutionLoop(frontend, new BytecodeBackend(null), process, options, process.memory()).run(cpu);
            return "the run loop returned";
        } catch (GuestExit e) {
            return "exit status " + e.status;
        } catch (FatalSignal s) {
            return "signal " + s.signal + " at pc 0x" + Long.toHexString(cpu.pc);
        }
    }

    private static boolean sameBlock(byte[] expected, byte[] actual, int index) {
        int from = index * BatchProgram.BLOCK;
        int to = from + BatchProgram.BLOCK;
        return actual.length >= to && Arrays.equals(expected, from, to, actual, from, to);
    }

    /** Sequence {@code index}'s block of the output, or null when the run ended before writing it. */
    private static byte[] block(byte[] output, int index) {
        int from = index * BatchProgram.BLOCK;
        return output.length >= from + BatchProgram.BLOCK ? Arrays.copyOfRange(output, from, from + BatchProgram.BLOCK) : null;
    }
}
