package dev.emu.engine.plugin;

import java.util.Locale;

/**
 * One argument given to a plugin on the command line: {@code key=value}, or a bare {@code key}
 * (whose value is then {@code "on"}).
 */
public record PluginArg(String key, String value) {

    /**
     * The value as a boolean the way QEMU's plugins read one: {@code on}, {@code yes},
     * {@code true}, {@code y} or {@code off}, {@code no}, {@code false}, {@code n}; anything else
     * throws {@link IllegalArgumentException} naming the argument.
     */
    public boolean asBoolean() {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "yes", "true", "y" -> true;
            case "off", "no", "false", "n" -> false;
            default -> throw new IllegalArgumentException("boolean argument parsing failed: " + this);
        };
    }

    /** {@code key=value}, as the user wrote it. */
    @Override
    public String toString() {
        return key + "=" + value;
    }
}
