package dev.emu.engine.linux;

import dev.emu.engine.mem.Protection;

import java.util.ArrayList;
import java.util.List;

/**
 * /proc/PID/maps in Linux's format ({@code show_map_vma}): one line per mapping,
 *
 * <pre>
 * 2aaaaaa000-2aaaaab000 r-xp 00000000 fe:00 2146853                    /tmp/prog
 * 3ffffff000-4000000000 rw-p 00000000 00:00 0                          [stack]
 * </pre>
 *
 * start-end in hex (at least 8 digits), permissions with p (private) or s (shared), the file
 * offset, the file's device as major:minor and its inode (0 and 00:00 for anonymous memory),
 * then, for a mapping with a name, spaces up to column 73 and the name. Adjacent mappings the
 * kernel would have merged into one area (anonymous memory with the same permissions and name,
 * or consecutive pages of one file) are listed as one line, as Linux lists them.
 */
final class ProcMaps {
    /** Where Linux pads the fixed fields to before the name (25 + 6 * sizeof(void *) - 1). */
    private static final int NAME_COLUMN = 25 + 6 * 8 - 1;

    private ProcMaps() {}

    static String render(List<Mappings.Region> regions) {
        StringBuilder out = new StringBuilder();
        for (Mappings.Region r : merged(regions)) {
            int lineStart = out.length();
            out.append(String.format("%08x-%08x %s%c %08x %02x:%02x %d ", r.start(), r.end(), Protection.describe(r.prot()),
                    r.shared() ? 's' : 'p', r.offset(), r.file() == null ? 0 : r.file().major(),
                    r.file() == null ? 0 : r.file().minor(), r.file() == null ? 0 : r.file().inode()));
            if (!r.name().isEmpty()) {
                while (out.length() - lineStart < NAME_COLUMN) {
                    out.append(' ');
                }
                out.append(' ').append(r.name());
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static List<Mappings.Region> merged(List<Mappings.Region> regions) {
        List<Mappings.Region> out = new ArrayList<>();
        for (Mappings.Region r : regions) {
            Mappings.Region last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && mergeable(last, r)) {
                out.set(out.size() - 1, new Mappings.Region(last.start(), r.end(), last.prot(), last.name(), last.file(),
                        last.offset(), last.shared(), last.writeBack()));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private static boolean mergeable(Mappings.Region a, Mappings.Region b) {
        if (a.end() != b.start() || a.prot() != b.prot() || a.shared() != b.shared() || !a.name().equals(b.name())) {
            return false;
        }
        if (a.file() == null || b.file() == null) {
            return a.file() == b.file();
        }
        return a.file().equals(b.file()) && a.offset() + (a.end() - a.start()) == b.offset();
    }
}
