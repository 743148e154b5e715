package dev.emu.cli;

import dev.emu.engine.UserError;

import java.util.ArrayList;
import java.util.List;

/**
 * The parsed command line. Options come before the program, in qemu-user's style: one or two
 * leading dashes ({@code -help} and {@code --help} are the same option), {@code --} ends them,
 * and the first word that is not an option is the program; everything after it belongs to the
 * guest.
 */
record CommandLine(Action action, String file, List<String> guestArgs, List<String> disasOptions) {

    enum Action { HELP, VERSION, DISAS, RUN }

    static CommandLine parse(String[] args) {
        Action action = null;
        String file = null;
        List<String> disasOptions = new ArrayList<>();
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
                default -> throw new UserError("unknown option '" + arg + "' (try 'emu --help')");
            }
        }
        if (action == Action.HELP || action == Action.VERSION || action == Action.DISAS) {
            return new CommandLine(action, file, List.of(), List.copyOf(disasOptions));
        }
        if (i >= args.length) {
            throw new UserError("no program given (usage: emu [options] program [arguments...]; try 'emu --help')");
        }
        List<String> guestArgs = List.of(args).subList(i + 1, args.length);
        return new CommandLine(Action.RUN, args[i], List.copyOf(guestArgs), List.copyOf(disasOptions));
    }

    private static String value(String[] args, int index, String option, String what) {
        if (index >= args.length) {
            throw new UserError("option '" + option + "' needs " + what);
        }
        return args[index];
    }
}
