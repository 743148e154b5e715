package dev.emu.cli;

import dev.emu.engine.UserError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed command line. Options come before the program, in qemu-user's style: one or two
 * leading dashes ({@code -help} and {@code --help} are the same option), {@code --} ends them,
 * and the first word that is not an option is the program; everything after it belongs to the
 * guest.
 */
record CommandLine(Action action, String file, List<String> guestArgs, List<String> disasOptions, RunOptions run) {

    enum Action { HELP, VERSION, DISAS, RUN }

    /** The items {@code -d} accepts, as in qemu. */
    static final Set<String> LOG_ITEMS = Set.of("in_asm", "op", "op_opt", "out_asm", "exec", "cpu", "nochain", "unimp",
            "plugin");

    /**
     * Options that shape how the guest runs. ldPrefix (-L) and seed (-seed) are null when not
     * given on the command line; {@link GuestRunner} then looks at the environment.
     */
    record RunOptions(Set<String> log, String logFile, long filterStart, long filterEnd, boolean singleStep,
                      boolean strace, Map<String, String> setEnv, Set<String> unsetEnv, String argv0, String tier,
                      String ldPrefix, Long seed, List<PluginSpec> plugins) {
    }

    static CommandLine parse(String[] args) {
        Action action = null;
        String file = null;
        List<String> disasOptions = new ArrayList<>();
        Set<String> log = new LinkedHashSet<>();
        String logFile = null;
        long filterStart = 0;
        long filterEnd = -1L;
        boolean singleStep = false;
        boolean strace = false;
        Map<String, String> setEnv = new LinkedHashMap<>();
        Set<String> unsetEnv = new LinkedHashSet<>();
        String argv0 = null;
        String tier = "tiered";
        String ldPrefix = null;
        Long seed = null;
        List<PluginSpec> plugins = new ArrayList<>();
        int i = 0;
        while (i < args.length) {
            String arg = args[i];
            if (arg.equals("--")) {
                i++;
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                break;
            }
            String name = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            i++;
            switch (name) {
                case "h", "help" -> action = Action.HELP;
                case "version" -> { if (action != Action.HELP) action = Action.VERSION; }
                case "disas" -> {
                    file = value(args, i++, arg, "an ELF file");
                    if (action == null) action = Action.DISAS;
                }
                case "M" -> {
                    for (String o : value(args, i++, arg, "disassembler options").split(",")) {
                        if (!o.equals("no-aliases") && !o.equals("numeric")) {
                            throw new UserError("unknown disassembler option '" + o + "' for -M (known: no-aliases, numeric)");
                        }
                        disasOptions.add(o);
                    }
                }
                case "d" -> {
                    for (String item : value(args, i++, arg, "log items (e.g. in_asm,exec)").split(",")) {
                        if (!LOG_ITEMS.contains(item)) {
                            throw new UserError("unknown log item '" + item + "' for -d (known: " + String.join(",",
                                    new java.util.TreeSet<>(LOG_ITEMS)) + ")");
                        }
                        log.add(item);
                    }
                }
                case "D" -> logFile = value(args, i++, arg, "a log file name");
                case "dfilter" -> {
                    String range = value(args, i++, arg, "an address range START..END");
                    long[] r = parseRange(range);
                    filterStart = r[0];
                    filterEnd = r[1];
                }
                case "singlestep", "one-insn-per-tb" -> singleStep = true;
                case "strace" -> strace = true;
                case "E" -> {
                    String kv = value(args, i++, arg, "VAR=VALUE");
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new UserError("option '" + arg + "' needs VAR=VALUE, not '" + kv + "'");
                    }
                    setEnv.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "U" -> unsetEnv.add(value(args, i++, arg, "a variable name"));
                case "0" -> argv0 = value(args, i++, arg, "the guest's argv[0]");
                case "tier" -> {
                    tier = value(args, i++, arg, "interp, jit or tiered");
                    if (!Set.of("interp", "jit", "tiered").contains(tier)) {
                        throw new UserError("unknown tier '" + tier + "' for -tier (known: interp, jit, tiered)");
                    }
                }
                case "L" -> ldPrefix = value(args, i++, arg, "a directory (the guest's library root)");
                case "seed" -> seed = parseSeed(value(args, i++, arg, "a number"), "-seed");
                case "plugin" -> plugins.add(PluginSpec.parse(value(args, i++, arg, "a plugin: NAME[,key=value...]")));
                default -> throw new UserError("unknown option '" + arg + "' (try 'emu --help')");
            }
        }
        RunOptions run = new RunOptions(Set.copyOf(log), logFile, filterStart, filterEnd, singleStep, strace,
                Map.copyOf(setEnv), Set.copyOf(unsetEnv), argv0, tier, ldPrefix, seed, List.copyOf(plugins));
        if (action == Action.HELP || action == Action.VERSION || action == Action.DISAS) {
            return new CommandLine(action, file, List.of(), List.copyOf(disasOptions), run);
        }
        if (i >= args.length) {
            throw new UserError("no program given (usage: emu [options] program [arguments...]; try 'emu --help')");
        }
        List<String> guestArgs = List.of(args).subList(i + 1, args.length);
        return new CommandLine(Action.RUN, args[i], List.copyOf(guestArgs), List.copyOf(disasOptions), run);
    }

    private static long[] parseRange(String range) {
        int dots = range.indexOf("..");
        int plus = range.indexOf('+');
        try {
            if (dots > 0) {
                return new long[] {parseAddress(range.substring(0, dots)), parseAddress(range.substring(dots + 2)) + 1};
            }
            if (plus > 0) {
                long start = parseAddress(range.substring(0, plus));
                return new long[] {start, start + parseAddress(range.substring(plus + 1))};
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new UserError("bad -dfilter range '" + range + "' (use START..END or START+SIZE, hex with 0x)");
    }

    /**
     * A random seed as qemu reads one (strtoull with base 0: decimal, 0x hex or 0 octal, the
     * whole 64-bit unsigned range); where names the option or variable in the error.
     */
    static long parseSeed(String s, String where) {
        String t = s.trim();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            if (t.length() > 1 && t.startsWith("0")) {
                return Long.parseUnsignedLong(t.substring(1), 8);
            }
            return Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw new UserError("bad seed '" + s + "' for " + where + " (a number from 0 to 2^64-1, decimal or 0x hex)");
        }
    }

    private static long parseAddress(String s) {
        s = s.trim();
        return s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
    }

    private static String value(String[] args, int index, String option, String what) {
        if (index >= args.length) {
            throw new UserError("option '" + option + "' needs " + what);
        }
        return args[index];
    }
}
