package dev.emu.engine.backend;

import dev.emu.engine.exec.BlockCompiler;
import dev.emu.engine.exec.CompiledBlock;
import dev.emu.engine.exec.CompiledRegion;
import dev.emu.engine.exec.ExecutionLoop;
import dev.emu.engine.ir.Helper;
import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrOp;
import dev.emu.engine.ir.Opcode;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hot tier: compiles a block's optimised IR to JVM bytecode, defined as a hidden class in
 * this package that implements {@link CompiledBlock}. HotSpot then compiles the hot ones to
 * machine code, inlining the guest-memory fast paths and the arithmetic helpers into them.
 * Hidden classes are weakly tied to their loader, so a block the cache drops is unloaded.
 *
 * <p>Diagnostics: with the system property {@value #DUMP_PROPERTY} set to a directory, every
 * generated class file is written there (before it is defined, so a class the verifier rejects
 * can be inspected with {@code javap -c -p}); {@link #describe} gives the text of the last
 * compiled class for {@code -d out_asm}.
 *
 * <p>Thread-safe: a compilation shares nothing with another.
 */
public final class BytecodeBackend implements BlockCompiler, ExecutionLoop.Describing {
    /** The system property naming a directory to write generated class files to. */
    public static final String DUMP_PROPERTY = "emu.dumpClasses";

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final AtomicLong DUMPED = new AtomicLong();
    private static final Set<Helper> CHECKED_HELPERS = ConcurrentHashMap.newKeySet();

    private final Path dumpDir;
    private final boolean multiEntry;
    /** The last class generated, for {@link #describe}: keeping every class's bytes would cost memory. */
    private volatile Generated last;

    private record Generated(List<CompiledBlock> blocks, byte[] bytes) {}

    /** A backend that dumps classes where {@value #DUMP_PROPERTY} says, if it is set. */
    public BytecodeBackend() {
        this(dumpDirectory(System.getProperty(DUMP_PROPERTY)));
    }

    /** A backend that writes every class file to {@code dumpDir}, unless it is null. */
    public BytecodeBackend(Path dumpDir) {
        this(dumpDir, MULTI_ENTRY);
    }

    /** {@code multiEntry}: regions can be entered at any of their blocks (see CompiledRegion#entryAt). */
    BytecodeBackend(Path dumpDir, boolean multiEntry) {
        this.dumpDir = dumpDir;
        this.multiEntry = multiEntry;
    }

    private static Path dumpDirectory(String property) {
        if (property == null || property.isEmpty()) {
            return null;
        }
        try {
            return Files.createDirectories(Path.of(property));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + DUMP_PROPERTY + " directory " + property, e);
        }
    }

    @Override
    public CompiledBlock compile(IrBlock block) {
        return compileAll(List.of(block)).get(0);
    }

    /**
     * Compiles several blocks into one class, at the price of a switch in front of each block.
     * Defining a hidden class costs far more than generating it: about 60-80 µs per one-block
     * class against 2-3 µs per block in classes of ten, with 15-35 µs of generation per block
     * either way (DefineCostBenchmark). The result's k-th element runs the k-th block.
     */
    public List<CompiledBlock> compileAll(List<IrBlock> blocks) {
        if (blocks.isEmpty()) {
            return List.of();
        }
        blocks.forEach(BytecodeBackend::checkHelpers);
        byte[] bytes = BlockClassWriter.write(blocks);
        dump(blocks, bytes);
        List<CompiledBlock> code = define(blocks, bytes);
        last = new Generated(code, bytes);
        return code;
    }

    /**
     * Region methods larger than this are cut down: HotSpot compiles no method over 8000 bytes of
     * bytecode (HugeMethodLimit), and C2 counts the method's own size in its 8000-byte inlining
     * budget (DesiredMethodLimit), which the memory fast paths need.
     */
    /**
     * Regions enterable at any block ({@code -Demu.region.reuse=true}, with the run loop's reuse
     * of regions by their hot members); otherwise only at the first block.
     */
    static final boolean MULTI_ENTRY = Boolean.getBoolean("emu.region.reuse");

    static final int REGION_CODE_LIMIT = Integer.getInteger("emu.region.bytes", 2500);

    /**
     * Compiles a region (the entry block first) into one method; when it would be too big,
     * drops blocks from the end of the list until it fits.
     */
    @Override
    public CompiledRegion compileRegion(List<IrBlock> blocks) {
        blocks.forEach(BytecodeBackend::checkHelpers);
        List<IrBlock> taken = blocks;
        BlockClassWriter.RegionClass region = BlockClassWriter.writeRegion(taken, multiEntry);
        while (region.codeBytes() > REGION_CODE_LIMIT && taken.size() > 1) {
            taken = taken.subList(0, taken.size() * 2 / 3);
            region = BlockClassWriter.writeRegion(taken, multiEntry);
        }
        dump(taken, region.bytes());
        MethodHandle constructor;
        CompiledBlock code;
        try {
            MethodHandles.Lookup lookup = LOOKUP.defineHiddenClass(region.bytes(), true);
            constructor = lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class, int.class));
            code = (CompiledBlock) constructor.invoke(0);
        } catch (LinkageError | ReflectiveOperationException e) {
            throw new IllegalStateException("generated bytecode for the region at 0x" + Long.toHexString(blocks.get(0).startPc)
                    + " is not loadable (set -D" + DUMP_PROPERTY + "=DIR to inspect it)", e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        last = new Generated(List.of(code), region.bytes());
        int size = taken.size();
        if (!multiEntry) {
            return new CompiledRegion(code, region.exits(), size, region.codeBytes());
        }
        return new CompiledRegion(code, region.exits(), size, region.codeBytes(), k -> entryAt(constructor, k, size));
    }

    private static CompiledBlock entryAt(MethodHandle constructor, int k, int blocks) {
        if (k < 0 || k >= blocks) {
            throw new IllegalArgumentException("block " + k + " of a region of " + blocks);
        }
        try {
            return (CompiledBlock) constructor.invoke(k);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e); // the constructor throws nothing checked
        }
    }

    /** The class file the backend generates for one block, without defining it. */
    public static byte[] classBytes(IrBlock block) {
        checkHelpers(block);
        return BlockClassWriter.write(List.of(block));
    }

    /** The readable text of a class file: ASM's Textifier listing of every method. */
    public static String listing(byte[] classBytes) {
        StringWriter text = new StringWriter();
        new ClassReader(classBytes).accept(new TraceClassVisitor(null, new Textifier(), new PrintWriter(text)), 0);
        return text.toString();
    }

    @Override
    public String describe(CompiledBlock code) {
        Generated g = last;
        if (g == null || g.blocks.stream().noneMatch(b -> b == code)) {
            return "(bytecode not kept: only the last compiled class is)";
        }
        return listing(g.bytes);
    }

    private void dump(List<IrBlock> blocks, byte[] bytes) {
        if (dumpDir == null) {
            return;
        }
        Path file = dumpDir.resolve(BlockClassWriter.simpleName(blocks) + "_" + DUMPED.incrementAndGet() + ".class");
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static List<CompiledBlock> define(List<IrBlock> blocks, byte[] bytes) {
        try {
            MethodHandles.Lookup lookup = LOOKUP.defineHiddenClass(bytes, true);
            Class<?> type = lookup.lookupClass();
            if (blocks.size() == 1) {
                MethodHandle constructor = lookup.findConstructor(type, MethodType.methodType(void.class));
                return List.of((CompiledBlock) constructor.invoke());
            }
            MethodHandle constructor = lookup.findConstructor(type, MethodType.methodType(void.class, int.class));
            List<CompiledBlock> code = new ArrayList<>(blocks.size());
            for (int k = 0; k < blocks.size(); k++) {
                code.add((CompiledBlock) constructor.invoke(k));
            }
            return code;
        } catch (LinkageError | ReflectiveOperationException e) {
            throw new IllegalStateException("generated bytecode for the block at 0x" + Long.toHexString(blocks.get(0).startPc)
                    + " is not loadable (set -D" + DUMP_PROPERTY + "=DIR to inspect it)", e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e); // the constructors throw nothing checked
        }
    }

    /**
     * Generated code calls helpers directly, so each must be a public static method of a public
     * class with the helper's signature: checked once per helper, at compile time rather than
     * as an IllegalAccessError when the block first runs.
     */
    private static void checkHelpers(IrBlock block) {
        for (IrOp op : block.ops) {
            if (op.op.callsHelper() && !CHECKED_HELPERS.contains(op.helper)) {
                Helper h = op.helper;
                try {
                    MethodHandles.publicLookup().findStatic(h.owner(), h.name(), h.methodType());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalArgumentException("helper " + h + h.methodType()
                            + " is not a public static method of a public class", e);
                }
                CHECKED_HELPERS.add(h);
            }
        }
    }
}
