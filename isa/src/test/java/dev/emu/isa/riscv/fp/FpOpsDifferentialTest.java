package dev.emu.isa.riscv.fp;

import dev.emu.engine.cpu.IllegalInstruction;
import dev.emu.engine.cpu.Vcpu;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * FpOps against qemu-riscv64, whose softfloat is the reference for RISC-V F and D. A small
 * static guest program (src/test/resources/.../fpguest.c, built here with the cross compiler)
 * reads records of (op, rm, frm, fflags before, operands), runs each instruction with inline asm
 * (the static rounding modes encoded in the instruction, dynamic via frm), and writes back the
 * result register and fflags after it; every record is also run through FpOps and the two
 * compared bit for bit. Records draw every instruction, every rounding mode including dynamic
 * with each frm value (the reserved ones must trap as SIGILL, here IllegalInstruction), and
 * operands from {@link FpCases}.
 */
class FpOpsDifferentialTest {
    static final int CASES = Integer.getInteger("emu.test.fpCases", 1_000_000);
    static final long SEED = Long.getLong("emu.test.fpSeed", 0xf1_0a75_5eedL);
    static final String GCC = "riscv64-linux-gnu-gcc";
    static final String QEMU = "qemu-riscv64";
    static final int RECORD_IN = 40;
    static final int RECORD_OUT = 16;
    /** The guest's fflags value for "the instruction trapped with SIGILL". */
    static final long TRAPPED = 0x100;

    private static Path dir;
    private static Path guest;

    @BeforeAll
    static void buildGuest() throws Exception {
        Assumptions.assumeTrue((toolRuns(GCC) && toolRuns(QEMU)) || System.getenv("CI") != null,
                GCC + " or " + QEMU + " not installed");
        dir = Files.createTempDirectory("emu-fp");
        Path source = dir.resolve("fpguest.c");
        try (InputStream in = FpOpsDifferentialTest.class.getResourceAsStream("fpguest.c")) {
            Files.write(source, in.readAllBytes());
        }
        guest = dir.resolve("fpguest");
        exec(GCC, "-static", "-O2", "-march=rv64gc", "-o", guest.toString(), source.toString());
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

    /** One instruction of the guest's table, bound to its FpOps method. */
    record Op(String name, MethodHandle handle, int fpOperands, boolean hasRm, FpCases.Kind kind) {}

    @Test
    void matchesQemu() throws Throwable {
        List<Op> ops = opTable();
        FpCases cases = new FpCases(SEED);
        ByteBuffer in = ByteBuffer.allocate(CASES * RECORD_IN).order(ByteOrder.LITTLE_ENDIAN);
        int[] opOf = new int[CASES];
        for (int i = 0; i < CASES; i++) {
            int op = cases.nextInt(ops.size());
            Op o = ops.get(op);
            int rm = 7;
            int frm = cases.nextInt(8);
            if (o.hasRm()) {
                rm = cases.nextInt(6);
                rm = rm == 5 ? 7 : rm;
                frm = rm == 7 && cases.nextInt(30) != 0 ? cases.nextInt(5) : frm;
            }
            long[] v = cases.operands(o.name(), o.kind(), o.fpOperands());
            // flags already set, NX above all, must stay set and not change the result; they
            // also let FpOps and qemu take their host-FPU shortcuts
            int presetFlags = switch (cases.nextInt(10)) {
                case 0, 1, 2, 3 -> 1;
                case 4 -> cases.nextInt(32);
                default -> 0;
            };
            opOf[i] = op;
            in.putInt(op).putInt(rm).putInt(frm).putInt(presetFlags);
            for (int k = 0; k < 3; k++) {
                in.putLong(k < v.length ? v[k] : 0);
            }
        }
        ByteBuffer out = runGuest(in.array());
        assertEquals((long) CASES * RECORD_OUT, out.capacity(), "the guest answered a different number of records");

        Vcpu cpu = new Vcpu(0, 64, null);
        int mismatches = 0;
        Map<String, Integer> perOp = new TreeMap<>();
        int[] flagCounts = new int[6];
        StringBuilder report = new StringBuilder();
        in.rewind();
        for (int i = 0; i < CASES; i++) {
            Op o = ops.get(opOf[i]);
            in.getInt();
            long rm = in.getInt();
            int frm = in.getInt();
            int presetFlags = in.getInt();
            long a = in.getLong(), b = in.getLong(), c = in.getLong();
            long wantResult = out.getLong();
            long wantFlags = out.getLong();
            cpu.fpFlags = presetFlags;
            cpu.fpRoundingMode = frm;
            long gotResult;
            long gotFlags;
            try {
                gotResult = call(o, cpu, a, b, c, rm);
                gotFlags = cpu.fpFlags;
            } catch (IllegalInstruction e) {
                gotResult = 0;
                gotFlags = TRAPPED;
            }
            long raised = wantFlags == TRAPPED ? TRAPPED : wantFlags & ~presetFlags;
            for (int f = 0; f < 6; f++) {
                flagCounts[f] += (int) (raised >>> (f == 5 ? 8 : f) & 1);
            }
            if (gotResult != wantResult || gotFlags != wantFlags) {
                perOp.merge(o.name(), 1, Integer::sum);
                if (mismatches++ < 30) {
                    report.append(String.format("%n  %s rm=%d frm=%d flags=%02x a=%016x b=%016x c=%016x: qemu %016x/%02x, FpOps %016x/%02x",
                            o.name(), rm, frm, presetFlags, a, b, c, wantResult, wantFlags, gotResult, gotFlags));
                }
            }
        }
        System.out.printf("F/D against qemu-riscv64 (seed %#x): %d cases compared, %d mismatches%s%n"
                        + "  the reference newly raised NX %d, UF %d, OF %d, DZ %d, NV %d times, trapped %d times%n",
                SEED, CASES, mismatches, perOp.isEmpty() ? "" : " " + perOp,
                flagCounts[0], flagCounts[1], flagCounts[2], flagCounts[3], flagCounts[4], flagCounts[5]);
        assertEquals(0, mismatches, mismatches + " of " + CASES + " differ " + perOp + ":" + report);
    }

    private static long call(Op o, Vcpu cpu, long a, long b, long c, long rm) throws Throwable {
        MethodHandle h = o.handle();
        if (o.hasRm()) {
            return switch (o.fpOperands()) {
                case 1 -> (long) h.invokeExact(cpu, a, rm);
                case 2 -> (long) h.invokeExact(cpu, a, b, rm);
                default -> (long) h.invokeExact(cpu, a, b, c, rm);
            };
        }
        return o.fpOperands() == 1 ? (long) h.invokeExact(cpu, a) : (long) h.invokeExact(cpu, a, b);
    }

    /** The guest's op table in index order, each bound to the FpOps method of that name. */
    private static List<Op> opTable() throws Exception {
        Process p = new ProcessBuilder(QEMU, guest.toString(), "--list").redirectErrorStream(true).start();
        String names = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(0, p.waitFor(), names);
        List<Op> ops = new ArrayList<>();
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        for (String name : names.strip().split("\n")) {
            boolean hasRm = !name.matches("f(min|max|sgnj.*|eq|lt|le|class|mv)_.*");
            int operands = name.matches("fn?m(add|sub)_.*") ? 3 : name.matches("f(sqrt|class|cvt|mv)_.*") ? 1 : 2;
            Class<?>[] params = new Class<?>[1 + operands + (hasRm ? 1 : 0)];
            params[0] = Vcpu.class;
            for (int k = 1; k < params.length; k++) {
                params[k] = long.class;
            }
            MethodHandle h = lookup.findStatic(FpOps.class, name, MethodType.methodType(long.class, params));
            ops.add(new Op(name, h, operands, hasRm, sourceKind(name)));
        }
        assertEquals(58, ops.size(), "F and D have 58 instructions besides loads, stores and CSR accesses");
        return ops;
    }

    /** The kind of the source operands: the source format of a conversion or move. */
    private static FpCases.Kind sourceKind(String name) {
        String source = name.startsWith("fcvt") || name.startsWith("fmv") ? name.substring(name.lastIndexOf('_') + 1)
                : name.endsWith("_s") ? "s" : "d";
        return switch (source) {
            case "s" -> FpCases.Kind.SINGLE;
            case "d" -> FpCases.Kind.DOUBLE;
            case "w" -> name.equals("fmv_x_w") ? FpCases.Kind.SINGLE : FpCases.Kind.INTEGER;
            default -> FpCases.Kind.INTEGER;
        };
    }

    private static ByteBuffer runGuest(byte[] input) throws Exception {
        Path inFile = dir.resolve("cases.bin");
        Path outFile = dir.resolve("results.bin");
        Path errFile = dir.resolve("stderr.txt");
        Files.write(inFile, input);
        Process p = new ProcessBuilder(QEMU, guest.toString())
                .redirectInput(inFile.toFile()).redirectOutput(outFile.toFile()).redirectError(errFile.toFile())
                .start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("the guest did not finish in 300 s");
        }
        assertEquals(0, p.exitValue(), "guest exit status; stderr: " + Files.readString(errFile));
        return ByteBuffer.wrap(Files.readAllBytes(outFile)).order(ByteOrder.LITTLE_ENDIAN);
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
