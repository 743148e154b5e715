package dev.emu.plugins;

import dev.emu.engine.plugin.Instruction;
import dev.emu.engine.plugin.Instruction.MemoryCallback;
import dev.emu.engine.plugin.MemoryDirection;
import dev.emu.engine.plugin.Plugin;
import dev.emu.engine.plugin.PluginArg;
import dev.emu.engine.plugin.PluginContext;
import dev.emu.engine.plugin.RegisterAccess;
import dev.emu.engine.plugin.Scoreboard;

import java.util.List;

/**
 * {@code mem}: counts guest memory accesses, like QEMU's tests/plugin/mem.c. {@code track=r},
 * {@code w} or {@code rw} (the default) picks loads, stores or both; {@code inline=on} counts
 * with inline adds ({@code inline mem accesses: N}), {@code callback=on} with a callback per
 * access ({@code callback mem accesses: N}); both may be on, and agree. {@code haddr=on} adds
 * {@code io accesses: N}, always 0 in user mode, where QEMU counts none as I/O either.
 */
public final class MemCount implements Plugin {
    private static final int INLINE = 0;
    private static final int CALLBACK = 1;

    @Override
    public int abiVersion() {
        return Plugin.ABI_VERSION;
    }

    @Override
    public String name() {
        return "mem";
    }

    @Override
    public void install(PluginContext context, List<PluginArg> args) {
        boolean inline = false;
        boolean callback = false;
        boolean haddr = false;
        MemoryDirection track = MemoryDirection.READ_WRITE;
        for (PluginArg a : args) {
            switch (a.key()) {
                case "inline" -> inline = a.asBoolean();
                case "callback" -> callback = a.asBoolean();
                case "haddr" -> haddr = a.asBoolean();
                case "track" -> track = switch (a.value()) {
                    case "r" -> MemoryDirection.READ;
                    case "w" -> MemoryDirection.WRITE;
                    case "rw" -> MemoryDirection.READ_WRITE;
                    default -> throw new IllegalArgumentException("invalid value for argument track: " + a);
                };
                default -> throw new IllegalArgumentException("option parsing failed: " + a);
            }
        }
        Scoreboard counts = context.newScoreboard(2);
        MemoryCallback count = (vcpu, access) -> counts.add(vcpu, CALLBACK, 1);
        boolean doInline = inline;
        boolean doCallback = callback;
        boolean doHaddr = haddr;
        MemoryDirection direction = track;
        context.onBlockTranslated(tb -> {
            for (Instruction insn : tb.instructions()) {
                if (doInline) {
                    insn.inlineMemoryAdd(direction, counts, INLINE, 1);
                }
                if (doCallback) {
                    insn.onMemory(count, direction, RegisterAccess.NONE);
                }
            }
        });
        context.onExit(() -> {
            StringBuilder out = new StringBuilder();
            if (doInline) {
                out.append("inline mem accesses: ").append(Long.toUnsignedString(counts.sum(INLINE))).append('\n');
            }
            if (doCallback) {
                out.append("callback mem accesses: ").append(Long.toUnsignedString(counts.sum(CALLBACK))).append('\n');
            }
            if (doHaddr) {
                out.append("io accesses: 0\n");
            }
            context.out(out.toString());
        });
    }
}
