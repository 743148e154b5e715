package dev.emu.engine.instrument;

import dev.emu.engine.UserError;
import dev.emu.engine.plugin.Plugin;
import dev.emu.engine.plugin.PluginArg;

import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Finds plugins and installs them. A Java plugin is found by its {@link Plugin#name()} among
 * the plugins listed through {@link ServiceLoader} on the class path (the builtins: bb, insn,
 * mem), or by its class name. Mistakes (no such plugin, another ABI version, a bad argument)
 * are {@link UserError}s: one line naming the plugin.
 */
public final class PluginLoader {
    private PluginLoader() {}

    /** The plugin called {@code name}: a service's name, else a class name. */
    public static Plugin find(String name) {
        TreeSet<String> known = new TreeSet<>();
        for (Plugin p : ServiceLoader.load(Plugin.class)) {
            if (p.name().equals(name)) {
                return p;
            }
            known.add(p.name());
        }
        if (name.contains(".")) {
            Plugin p = byClassName(name);
            if (p != null) {
                return p;
            }
        }
        throw new UserError("unknown plugin '" + name + "' (builtin: " + String.join(", ", known)
                + "; or a class name implementing " + Plugin.class.getName() + ")");
    }

    private static Plugin byClassName(String name) {
        Class<?> type;
        try {
            type = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        if (!Plugin.class.isAssignableFrom(type)) {
            throw new UserError("plugin class " + name + " does not implement " + Plugin.class.getName());
        }
        try {
            return (Plugin) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new UserError("plugin class " + name + " cannot be made (it needs a public no-argument constructor): " + e);
        }
    }

    /**
     * Checks the plugin's ABI version, then installs it with its arguments. A plugin's
     * IllegalArgumentException (a bad argument) becomes a user error naming the plugin.
     */
    public static void install(Instrumentation instrumentation, Plugin plugin, List<PluginArg> args) {
        String name = plugin.name();
        int version = plugin.abiVersion();
        if (version != Plugin.ABI_VERSION) {
            throw new UserError("plugin '" + name + "' was built for plugin ABI version " + version
                    + ", but this emu provides version " + Plugin.ABI_VERSION);
        }
        try {
            plugin.install(instrumentation.contextFor(name), List.copyOf(args));
        } catch (IllegalArgumentException e) {
            throw new UserError("plugin '" + name + "': " + e.getMessage());
        }
    }
}
