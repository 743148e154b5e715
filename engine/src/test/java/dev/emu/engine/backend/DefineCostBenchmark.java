package dev.emu.engine.backend;

import dev.emu.engine.testing.RandomIrBlocks;
import dev.emu.engine.testing.TestHelpers;
import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.exec.CompiledBlock;
import dev.emu.engine.interp.IrInterpreter;
import dev.emu.engine.ir.Cond;
import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrBuilder;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.Protection;
import dev.emu.engine.opt.Optimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a class definition costs, to decide whether batching blocks into classes pays: 1000
 * blocks as 1000 hidden classes against the same 1000 as 100 classes of 10 methods, split into
 * bytecode generation and definition; and what a compiled block costs to run against the
 * interpreter. A measurement, not a check: runs only with {@code -Demu.bench=true}.
 */
@EnabledIfSystemProperty(named = "emu.bench", matches = "true")
class DefineCostBenchmark {
    private static final int BLOCKS = 1000;
    private static final int PER_CLASS = 10;
    private static final int ROUNDS = 15;

    @Test
    void defineCost() throws Throwable {
        SplittableRandom r = new SplittableRandom(1);
        List<IrBlock> blocks = new ArrayList<>();
        int insns = 0;
        for (int i = 0; i < BLOCKS; i++) {
            IrBlock block = RandomIrBlocks.generate(r, 3 + r.nextInt(6));
            Optimizer.optimize(block);
            blocks.add(block);
            insns += block.guestInsns;
        }
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        double[] genSingle = new double[ROUNDS];
        double[] defSingle = new double[ROUNDS];
        double[] genBatch = new double[ROUNDS];
        double[] defBatch = new double[ROUNDS];
        long bytesSingle = 0;
        long bytesBatch = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            List<byte[]> singles = new ArrayList<>();
            for (IrBlock block : blocks) {
                singles.add(BlockClassWriter.write(List.of(block)));
            }
            long t1 = System.nanoTime();
            for (byte[] bytes : singles) {
                var l = lookup.defineHiddenClass(bytes, true);
                l.findConstructor(l.lookupClass(), MethodType.methodType(void.class)).invoke();
            }
            long t2 = System.nanoTime();
            List<byte[]> batches = new ArrayList<>();
            for (int k = 0; k < BLOCKS; k += PER_CLASS) {
                batches.add(BlockClassWriter.write(blocks.subList(k, k + PER_CLASS)));
            }
            long t3 = System.nanoTime();
            for (byte[] bytes : batches) {
                var l = lookup.defineHiddenClass(bytes, true);
                var constructor = l.findConstructor(l.lookupClass(), MethodType.methodType(void.class, int.class));
                for (int k = 0; k < PER_CLASS; k++) {
                    constructor.invoke(k);
                }
            }
            long t4 = System.nanoTime();
            genSingle[round] = (t1 - t0) / 1e6;
            defSingle[round] = (t2 - t1) / 1e6;
            genBatch[round] = (t3 - t2) / 1e6;
            defBatch[round] = (t4 - t3) / 1e6;
            bytesSingle = singles.stream().mapToLong(b -> b.length).sum();
            bytesBatch = batches.stream().mapToLong(b -> b.length).sum();
        }
        System.out.printf("define cost, %d blocks (%d guest insns), %d rounds: best / median%n", BLOCKS, insns, ROUNDS);
        System.out.printf("  %4d classes of 1 block:  generate %5.1f / %5.1f ms, define+instantiate %5.1f / %5.1f ms, %d class bytes%n",
                BLOCKS, min(genSingle), median(genSingle), min(defSingle), median(defSingle), bytesSingle);
        System.out.printf("  %4d classes of %d blocks: generate %5.1f / %5.1f ms, define+instantiate %5.1f / %5.1f ms, %d class bytes%n",
                BLOCKS / PER_CLASS, PER_CLASS, min(genBatch), median(genBatch), min(defBatch), median(defBatch), bytesBatch);
        System.out.println("  define+instantiate by round, 1 block per class: " + Arrays.toString(Arrays.stream(defSingle).mapToLong(Math::round).toArray()));
        System.out.println("  define+instantiate by round, 10 per class:      " + Arrays.toString(Arrays.stream(defBatch).mapToLong(Math::round).toArray()));
    }

    /** A loop body of typical integer code: loads, arithmetic, a store, a compare-and-branch. */
    @Test
    void runCost() {
        IrBlock block = new IrBlock(0x1000);
        IrBuilder b = new IrBuilder(block);
        long pc = 0x1000;
        b.insnStart(pc, 4);
        int p = b.get(10);
        int v = b.load(p, 8, false);
        b.set(11, v);
        b.insnStart(pc += 4, 4);
        int acc = b.add(b.get(12), v);
        b.set(12, acc);
        b.insnStart(pc += 4, 4);
        int x = b.xor(acc, b.shl(v, b.constant(3)));
        b.set(13, x);
        b.insnStart(pc += 4, 4);
        b.store(b.add(p, b.constant(8)), x, 8);
        b.insnStart(pc += 4, 4);
        int next = b.add(p, b.constant(8));
        b.set(10, next);
        b.insnStart(pc += 4, 4);
        b.set(14, b.add(b.get(14), b.constant(-1)));
        b.insnStart(pc += 4, 4);
        b.exitIf(Cond.NE, b.get(14), b.constant(0), 0x1000);
        b.gotoPc(pc + 4);
        block.guestInsns = 7;
        Optimizer.optimize(block);
        GuestMemory memory = new GuestMemory();
        memory.map(0x10000, 0x10000, Protection.RW);
        CompiledBlock compiled = new BytecodeBackend().compile(block);
        CompiledBlock batched = new BytecodeBackend().compileAll(List.of(block, block)).get(1);
        CompiledBlock interpreted = new IrInterpreter(block);
        for (int round = 0; round < 3; round++) {
            System.out.printf("run cost, 7-insn block: compiled %.2f ns, batched %.2f ns, interpreted %.2f ns per run%n",
                    time(compiled, memory), time(batched, memory), time(interpreted, memory));
        }
    }

    private static double time(CompiledBlock code, GuestMemory memory) {
        Vcpu cpu = new Vcpu(0, 32, memory);
        int runs = 0;
        long start = System.nanoTime();
        for (int rep = 0; rep < 400; rep++) {
            cpu.regs[10] = 0x10000;
            cpu.regs[14] = 0x1000;
            while (code.run(cpu) == 0) {
                runs++;
            }
            runs++;
        }
        return (System.nanoTime() - start) / (double) runs;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }
}
