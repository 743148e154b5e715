package dev.emu.plugins;

import dev.emu.engine.plugin.ExecutionPoint.ExecutionCallback;
import dev.emu.engine.plugin.Instruction;
import dev.emu.engine.plugin.Plugin;
import dev.emu.engine.plugin.PluginArg;
import dev.emu.engine.plugin.PluginContext;
import dev.emu.engine.plugin.RegisterAccess;
import dev.emu.engine.plugin.Scoreboard;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code insn}: counts executed instructions, like QEMU's tests/plugin/insn.c. With
 * {@code inline=on} an inline add per instruction and one line {@code insns: N}; otherwise a
 * callback per instruction, a line {@code cpu I insns: N} per vCPU that ran any, and
 * {@code total insns: N}. {@code sizes=on} prints instead how many instructions of each length
 * were translated ({@code len L bytes: N insns}), as QEMU counts them: at translation time.
 * QEMU's {@code match=} is not supported.
 */
public final class InsnCount implements Plugin {
    @Override
    public int abiVersion() {
        return Plugin.ABI_VERSION;
    }

    @Override
    public String name() {
        return "insn";
    }

    @Override
    public void install(PluginContext context, List<PluginArg> args) {
        boolean inline = false;
        boolean sizes = false;
        for (PluginArg a : args) {
            switch (a.key()) {
                case "inline" -> inline = a.asBoolean();
                case "sizes" -> sizes = a.asBoolean();
                case "match" -> throw new IllegalArgumentException("match= is not supported by emu's insn plugin");
                default -> throw new IllegalArgumentException("option parsing failed: " + a);
            }
        }
        Scoreboard counts = context.newScoreboard(1);
        Map<Integer, Long> lengths = new TreeMap<>();
        boolean useInline = inline;
        boolean countSizes = sizes;
        ExecutionCallback count = vcpu -> counts.add(vcpu, 0, 1);
        context.onBlockTranslated(tb -> {
            for (Instruction insn : tb.instructions()) {
                if (useInline) {
                    insn.inlineAdd(counts, 0, 1);
                } else {
                    insn.onExecute(count, RegisterAccess.NONE);
                }
                if (countSizes) {
                    lengths.merge(insn.size(), 1L, Long::sum); // translation callbacks run one at a time
                }
            }
        });
        context.onExit(() -> context.out(report(counts, lengths, useInline, countSizes)));
    }

    private static String report(Scoreboard counts, Map<Integer, Long> lengths, boolean inline, boolean sizes) {
        StringBuilder out = new StringBuilder();
        if (sizes) {
            lengths.forEach((len, n) -> out.append("len ").append(len).append(" bytes: ").append(n).append(" insns\n"));
        } else if (inline) {
            out.append("insns: ").append(Long.toUnsignedString(counts.sum(0))).append('\n');
        } else {
            for (int v = 0; v < counts.vcpus(); v++) {
                long n = counts.get(v, 0);
                if (n != 0) {
                    out.append("cpu ").append(v).append(" insns: ").append(Long.toUnsignedString(n)).append('\n');
                }
            }
            out.append("total insns: ").append(Long.toUnsignedString(counts.sum(0))).append('\n');
        }
        return out.toString();
    }
}
