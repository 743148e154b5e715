package dev.emu.engine.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The process's user and group ids (real, effective, saved) and supplementary groups, with the
 * rules Linux's set*id calls follow (kernel/sys.c). They start as the host's and live only here:
 * the host process keeps its own ids, so a guest running as root that drops to another user
 * sees the change in every get*id call, but the host's permission checks do not follow it.
 * Changing an id to one the process already holds always works; anything else needs an
 * effective id of 0 (CAP_SETUID/CAP_SETGID), else EPERM.
 */
final class Credentials {
    /** Linux's NGROUPS_MAX. */
    static final int NGROUPS_MAX = 65536;

    private int ruid;
    private int euid;
    private int suid;
    private int rgid;
    private int egid;
    private int sgid;
    private int[] groups;

    Credentials(int uid, int gid, int[] groups) {
        ruid = euid = suid = uid;
        rgid = egid = sgid = gid;
        this.groups = groups.clone();
    }

    /** The host's ids and supplementary groups (the Groups line of /proc/self/status). */
    static Credentials ofHost(int uid, int gid) {
        return new Credentials(uid, gid, hostGroups());
    }

    private static int[] hostGroups() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Groups:")) {
                    String list = line.substring(7).trim();
                    return list.isEmpty() ? new int[0]
                            : Arrays.stream(list.split("\\s+")).mapToInt(Integer::parseInt).toArray();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc unreadable: no supplementary groups
        }
        return new int[0];
    }

    synchronized int[] uids() {
        return new int[] {ruid, euid, suid};
    }

    synchronized int[] gids() {
        return new int[] {rgid, egid, sgid};
    }

    synchronized int[] groups() {
        return groups.clone();
    }

    private boolean privileged() {
        return euid == 0;
    }

    /** setuid: all three ids when privileged, else only the effective one, to the real or saved id. */
    synchronized void setUid(int uid) {
        if (privileged()) {
            ruid = euid = suid = uid;
        } else if (uid == ruid || uid == suid) {
            euid = uid;
        } else {
            throw new SyscallError(Errno.EPERM);
        }
    }

    synchronized void setGid(int gid) {
        if (privileged()) {
            rgid = egid = sgid = gid;
        } else if (gid == rgid || gid == sgid) {
            egid = gid;
        } else {
            throw new SyscallError(Errno.EPERM);
        }
    }

    /**
     * setreuid (-1 leaves an id): unprivileged, the real id may become the effective one and the
     * effective id any of the three; the saved id follows the new effective id when the real id
     * was set or the effective id changed away from the old real one.
     */
    synchronized void setReUid(int r, int e) {
        int[] next = reIds(ruid, euid, suid, r, e);
        ruid = next[0];
        euid = next[1];
        suid = next[2];
    }

    synchronized void setReGid(int r, int e) {
        int[] next = reIds(rgid, egid, sgid, r, e);
        rgid = next[0];
        egid = next[1];
        sgid = next[2];
    }

    private int[] reIds(int real, int eff, int saved, int r, int e) {
        boolean priv = privileged();
        if (r != -1 && !priv && r != real && r != eff
                || e != -1 && !priv && e != real && e != eff && e != saved) {
            throw new SyscallError(Errno.EPERM);
        }
        int newReal = r != -1 ? r : real;
        int newEff = e != -1 ? e : eff;
        int newSaved = r != -1 || e != -1 && newEff != real ? newEff : saved;
        return new int[] {newReal, newEff, newSaved};
    }

    /** setresuid (-1 leaves an id): unprivileged, each new id must be one of the current three. */
    synchronized void setResUid(int r, int e, int s) {
        int[] next = resIds(new int[] {ruid, euid, suid}, r, e, s);
        ruid = next[0];
        euid = next[1];
        suid = next[2];
    }

    synchronized void setResGid(int r, int e, int s) {
        int[] next = resIds(new int[] {rgid, egid, sgid}, r, e, s);
        rgid = next[0];
        egid = next[1];
        sgid = next[2];
    }

    private int[] resIds(int[] now, int... wanted) {
        int[] next = now.clone();
        for (int i = 0; i < 3; i++) {
            int id = wanted[i];
            if (id == -1) {
                continue;
            }
            if (!privileged() && id != now[0] && id != now[1] && id != now[2]) {
                throw new SyscallError(Errno.EPERM);
            }
            next[i] = id;
        }
        return next;
    }

    /** setgroups needs CAP_SETGID (an effective uid of 0 here); Linux checks it before the list. */
    synchronized boolean maySetGroups() {
        return privileged();
    }

    synchronized void setGroups(int[] list) {
        if (!privileged()) {
            throw new SyscallError(Errno.EPERM);
        }
        groups = list.clone();
    }
}
