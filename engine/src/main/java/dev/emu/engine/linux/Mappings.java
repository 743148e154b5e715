package dev.emu.engine.linux;

import dev.emu.engine.loader.MappedFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The process's mappings (the kernel's VMAs) as page-aligned [start, end) ranges with their
 * permissions and a name: what mmap searches for free space, what munmap and mprotect split,
 * and what /proc/self/maps lists. Guest memory holds the pages; this holds the shape.
 * Not thread-safe: {@link AddressSpace} serialises access.
 */
final class Mappings {
    /**
     * One mapping. file is null for anonymous memory, whose name may still label it
     * ("[heap]", "[stack]"); offset is where in the file start's bytes come from; shared marks
     * MAP_SHARED, whose writes go back to the file ({@code writeBack} says whether they may).
     */
    record Region(long start, long end, int prot, String name, MappedFile file, long offset, boolean shared,
                  boolean writeBack) {
        static Region anonymous(long start, long end, int prot, String name) {
            return new Region(start, end, prot, name, null, 0, false, false);
        }

        boolean anonymous() {
            return file == null;
        }

        Region slice(long from, long to) {
            return new Region(from, to, prot, name, file, file == null ? 0 : offset + (from - start), shared, writeBack);
        }

        Region withProt(int newProt) {
            return new Region(start, end, newProt, name, file, offset, shared, writeBack);
        }

        /** The same mapping moved to start at newStart (mremap). */
        Region movedTo(long newStart, long length) {
            return new Region(newStart, newStart + length, prot, name, file, offset, shared, writeBack);
        }
    }

    private final TreeMap<Long, Region> regions = new TreeMap<>();

    /** Adds a mapping, replacing whatever overlapped it. */
    void add(Region region) {
        remove(region.start(), region.end());
        regions.put(region.start(), region);
    }

    /** Removes [start, end), splitting mappings that straddle its ends. */
    void remove(long start, long end) {
        for (Region r : overlapping(start, end)) {
            regions.remove(r.start());
            if (r.start() < start) {
                regions.put(r.start(), r.slice(r.start(), start));
            }
            if (r.end() > end) {
                regions.put(end, r.slice(end, r.end()));
            }
        }
    }

    /** Changes the permissions of [start, end), which must be fully mapped. */
    void protect(long start, long end, int prot) {
        for (Region r : overlapping(start, end)) {
            long from = Math.max(r.start(), start);
            long to = Math.min(r.end(), end);
            remove(from, to);
            regions.put(from, r.slice(from, to).withProt(prot));
        }
    }

    boolean isFree(long start, long end) {
        return overlapping(start, end).isEmpty();
    }

    boolean isFullyMapped(long start, long end) {
        long covered = start;
        for (Region r : overlapping(start, end)) {
            if (r.start() > covered) {
                return false;
            }
            covered = r.end();
        }
        return covered >= end;
    }

    /**
     * The highest address a of a free range [a, a+length) with floor <= a and a+length <= below,
     * or -1 when there is none: Linux's top-down search, first fit from the top.
     */
    long findFreeTopDown(long length, long below, long floor) {
        long gapEnd = below;
        for (Region r : regions.headMap(below, false).descendingMap().values()) {
            if (r.end() < gapEnd && gapEnd - Math.max(r.end(), floor) >= length) {
                return gapEnd - length;
            }
            gapEnd = Math.min(gapEnd, r.start());
            if (gapEnd <= floor) {
                return -1;
            }
        }
        return gapEnd - floor >= length ? gapEnd - length : -1;
    }

    /** The mapping holding addr, or null. */
    Region find(long addr) {
        Map.Entry<Long, Region> e = regions.floorEntry(addr);
        return e != null && e.getValue().end() > addr ? e.getValue() : null;
    }

    /** The mappings that intersect [start, end), in address order. */
    List<Region> overlapping(long start, long end) {
        List<Region> list = new ArrayList<>();
        Map.Entry<Long, Region> first = regions.floorEntry(start);
        long from = first != null && first.getValue().end() > start ? first.getKey() : start;
        for (Region r : regions.subMap(from, true, end, false).values()) {
            if (r.end() > start) {
                list.add(r);
            }
        }
        return list;
    }

    List<Region> all() {
        return List.copyOf(regions.values());
    }
}
