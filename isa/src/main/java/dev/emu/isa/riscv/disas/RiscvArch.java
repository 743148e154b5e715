package dev.emu.isa.riscv.disas;

import dev.emu.isa.riscv.decode.Extension;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a RISC-V ISA string (the ELF attribute Tag_RISCV_arch, or the tail of a {@code $xrv...}
 * mapping symbol) into the extensions the disassembler may decode, the way objdump's subset
 * parser does for the extensions emu knows: {@code g} stands for {@code imafd} plus Zicsr and
 * Zifencei, D implies F, F implies Zicsr, and an explicit {@code i} older than 2.1 still
 * includes Zicsr and Zifencei. Extensions emu does not decode are ignored.
 */
public final class RiscvArch {
    private static final Pattern VERSION = Pattern.compile("\\d+(p\\d+)?$");
    private static final Pattern LEADING_VERSION = Pattern.compile("^\\d+(p\\d+)?");

    private RiscvArch() {}

    /** The extensions of an ISA string such as {@code rv64i2p1_m2p0_c2p0_zicsr2p0}; empty when it does not parse. */
    public static Optional<Set<Extension>> parse(String isa) {
        String s = isa.toLowerCase(Locale.ROOT);
        int pos;
        if (s.startsWith("rv32") || s.startsWith("rv64")) {
            pos = 4;
        } else if (s.startsWith("rv128")) {
            pos = 5;
        } else {
            return Optional.empty();
        }
        if (pos >= s.length()) {
            return Optional.empty();
        }
        Set<Extension> set = EnumSet.noneOf(Extension.class);
        char base = s.charAt(pos);
        if (base != 'i' && base != 'e' && base != 'g') {
            return Optional.empty();
        }
        // Single-letter extensions, each with an optional version, up to the first multi-letter one.
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '_') {
                pos++;
                continue;
            }
            if (c == 'z' || c == 's' || c == 'x' || c < 'a' || c > 'z') {
                break;
            }
            pos++;
            Matcher m = LEADING_VERSION.matcher(s).region(pos, s.length());
            int[] version = null;
            if (m.lookingAt()) {
                version = version(m.group());
                pos = m.end();
            }
            addSingle(c, version, set);
        }
        // Multi-letter extensions, separated by underscores, each with an optional trailing version.
        for (String token : s.substring(pos).split("_")) {
            if (token.isEmpty()) {
                continue;
            }
            Matcher m = VERSION.matcher(token);
            String name = m.find() && m.start() > 0 ? token.substring(0, m.start()) : token;
            addNamed(name, set);
        }
        if (set.contains(Extension.D)) {
            set.add(Extension.F);
        }
        if (set.contains(Extension.F)) {
            set.add(Extension.ZICSR);
        }
        return Optional.of(set);
    }

    private static int[] version(String text) {
        int p = text.indexOf('p');
        return p < 0 ? new int[] {Integer.parseInt(text), 0}
                : new int[] {Integer.parseInt(text.substring(0, p)), Integer.parseInt(text.substring(p + 1))};
    }

    private static void addSingle(char c, int[] version, Set<Extension> set) {
        switch (c) {
            case 'g' -> set.addAll(EnumSet.of(Extension.I, Extension.M, Extension.A, Extension.F, Extension.D,
                    Extension.ZICSR, Extension.ZIFENCEI));
            case 'i', 'e' -> {
                set.add(Extension.I);
                if (c == 'i' && version != null && (version[0] < 2 || (version[0] == 2 && version[1] < 1))) {
                    set.add(Extension.ZICSR);
                    set.add(Extension.ZIFENCEI);
                }
            }
            case 'm' -> set.add(Extension.M);
            case 'a' -> set.add(Extension.A);
            case 'f' -> set.add(Extension.F);
            case 'd', 'q', 'v' -> set.add(Extension.D);
            case 'c' -> set.add(Extension.C);
            default -> {
                // An extension emu does not decode.
            }
        }
    }

    private static void addNamed(String name, Set<Extension> set) {
        switch (name) {
            case "zicsr" -> set.add(Extension.ZICSR);
            case "zifencei" -> set.add(Extension.ZIFENCEI);
            case "zba" -> set.add(Extension.ZBA);
            case "zbb" -> set.add(Extension.ZBB);
            case "zbc" -> set.add(Extension.ZBC);
            case "zbs" -> set.add(Extension.ZBS);
            default -> {
                // An extension emu does not decode.
            }
        }
    }
}
