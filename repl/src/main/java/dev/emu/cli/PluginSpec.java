package dev.emu.cli;

import dev.emu.engine.UserError;
import dev.emu.engine.plugin.PluginArg;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code --plugin} option: the plugin's name and its arguments. Two spellings, as in QEMU:
 * {@code NAME[,key=value...]} and {@code file=NAME[,arg=key[=value]...]} (QEMU's older
 * {@code arg=} form). A QEMU plugin file name ({@code tests/plugin/libbb.so}) names the builtin
 * of the same name ({@code bb}), so QEMU command lines work unchanged. A bare {@code key}
 * means {@code key=on}.
 */
record PluginSpec(String name, List<PluginArg> args) {
    private static final List<String> SCRIPT_SUFFIXES = List.of(".js", ".py", ".groovy");

    static PluginSpec parse(String spec) {
        String name = null;
        List<PluginArg> args = new ArrayList<>();
        String[] parts = spec.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                throw new UserError("empty argument in plugin option '" + spec + "'");
            }
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? null : part.substring(eq + 1);
            if (i == 0 && eq < 0) {
                name = part;
            } else if (key.equals("file") && value != null) {
                name = value;
            } else if (key.equals("arg") && value != null) {
                args.add(argument(value));
            } else {
                args.add(new PluginArg(key, value == null ? "on" : value));
            }
        }
        if (name == null || name.isEmpty()) {
            throw new UserError("plugin option '" + spec + "' names no plugin (use NAME[,key=value...] or file=NAME)");
        }
        return new PluginSpec(pluginName(name), List.copyOf(args));
    }

    private static PluginArg argument(String keyValue) {
        int eq = keyValue.indexOf('=');
        return eq < 0 ? new PluginArg(keyValue, "on") : new PluginArg(keyValue.substring(0, eq), keyValue.substring(eq + 1));
    }

    /** The plugin a name given on the command line means: a script is refused for now, QEMU's libNAME.so is NAME. */
    private static String pluginName(String name) {
        for (String suffix : SCRIPT_SUFFIXES) {
            if (name.endsWith(suffix)) {
                throw new UserError(name + ": script plugins are not supported yet");
            }
        }
        if (name.endsWith(".so")) {
            String base = name.substring(name.lastIndexOf('/') + 1, name.length() - 3);
            return base.startsWith("lib") ? base.substring(3) : base;
        }
        return name;
    }
}
