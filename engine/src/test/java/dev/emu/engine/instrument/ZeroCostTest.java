package dev.emu.engine.instrument;

import dev.emu.engine.backend.BytecodeBackend;
import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrPrinter;
import dev.emu.engine.opt.Optimizer;
import dev.emu.engine.plugin.Instruction;
import dev.emu.engine.plugin.Plugin;
import dev.emu.engine.plugin.PluginArg;
import dev.emu.engine.plugin.PluginContext;
import dev.emu.engine.plugin.RegisterAccess;
import dev.emu.engine.plugin.TranslationBlock;
import dev.emu.engine.testing.RandomIrBlocks;
import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Nothing instrumented costs nothing: with plugins installed that attach nothing (one watches
 * no translations, one looks at every block and instruction but attaches nothing) the IR and the
 * generated class bytes of every block are exactly those of a run without the plugin ABI.
 */
class ZeroCostTest {
    private static final int BLOCKS = 300;

    @Test
    void pluginWithoutTranslationCallbackInstallsNoHook() {
        Instrumentation plugins = install(context -> context.onVcpuInit(vcpu -> { }));
        assertNull(plugins.translationHook(), "no hook: the translator runs as without plugins");
    }

    @Test
    void lookingWithoutAttachingLeavesCodeUnchanged() {
        Instrumentation plugins = install(context -> context.onBlockTranslated(tb -> {
            long sum = tb.vaddr() + tb.size() + tb.instructionCount();
            for (Instruction insn : tb.instructions()) {
                sum += insn.vaddr() + insn.size();
            }
            assertNotEquals(0, sum);
        }));
        for (int seed = 0; seed < BLOCKS; seed++) {
            IrBlock plain = RandomIrBlocks.generate(new SplittableRandom(seed), 1 + seed % 12);
            IrBlock seen = RandomIrBlocks.generate(new SplittableRandom(seed), 1 + seed % 12);
            plugins.translationHook().translated(seen, null, null);
            assertSameCode(plain, seen, seed);
        }
    }

    @Test
    void attachingChangesCodeAndHandlesDieWithTheirCallback() {
        TranslationBlock[] kept = new TranslationBlock[1];
        Instrumentation plugins = install(context -> {
            var board = context.newScoreboard(1);
            context.onBlockTranslated(tb -> {
                kept[0] = tb;
                tb.inlineAdd(board, 0, 1);
                tb.onExecute(vcpu -> { }, RegisterAccess.NONE);
            });
        });
        IrBlock plain = RandomIrBlocks.generate(new SplittableRandom(7), 5);
        IrBlock seen = RandomIrBlocks.generate(new SplittableRandom(7), 5);
        plugins.translationHook().translated(seen, null, null);
        assertNotEquals(IrPrinter.print(plain, slot -> "r" + slot), IrPrinter.print(seen, slot -> "r" + slot));
        assertThrows(IllegalStateException.class, () -> kept[0].vaddr());
        assertThrows(IllegalStateException.class, () -> kept[0].instructions());
    }

    private static void assertSameCode(IrBlock plain, IrBlock seen, int seed) {
        assertEquals(IrPrinter.print(plain, slot -> "r" + slot), IrPrinter.print(seen, slot -> "r" + slot), "IR of block " + seed);
        Optimizer.optimize(plain);
        Optimizer.optimize(seen);
        assertArrayEquals(BytecodeBackend.classBytes(plain), BytecodeBackend.classBytes(seen), "class bytes of block " + seed);
    }

    private static Instrumentation install(Consumer<PluginContext> body) {
        Instrumentation plugins = new Instrumentation("test", new PrintStream(new ByteArrayOutputStream()));
        PluginLoader.install(plugins, new Plugin() {
            @Override
            public int abiVersion() {
                return Plugin.ABI_VERSION;
            }

            @Override
            public String name() {
                return "test";
            }

            @Override
            public void install(PluginContext context, List<PluginArg> args) {
                body.accept(context);
            }
        }, List.of());
        return plugins;
    }
}
