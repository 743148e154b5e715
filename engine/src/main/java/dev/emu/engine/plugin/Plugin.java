package dev.emu.engine.plugin;

import java.util.List;

/**
 * A plugin written in Java. emu finds it by {@link #name()} through
 * {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.emu.engine.plugin.Plugin}), or by its class name, and installs it
 * once before the guest starts.
 */
public interface Plugin {
    /**
     * The version of this package's contract. It changes whenever the contract does; emu refuses
     * a plugin built for another version, naming both.
     */
    int ABI_VERSION = 1;

    /**
     * The ABI version the plugin was compiled against: implement it as
     * {@code return Plugin.ABI_VERSION;}, so the constant is compiled into the plugin's own class.
     */
    int abiVersion();

    /** The name users give to {@code --plugin} ({@code bb}, {@code insn}, {@code mem}). */
    String name();

    /**
     * Registers the plugin's callbacks. {@code args} are the {@code key=value} pairs given after
     * the name on the command line, in order. Called once, on the main thread, before any vCPU
     * runs. A bad argument is reported by throwing {@link IllegalArgumentException} with a
     * message for the user (emu prints it after the plugin's name and exits with status 1).
     */
    void install(PluginContext context, List<PluginArg> args);
}
