package dev.emu.engine.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Per-process knobs that only the guest sees: the dumpable flag (prctl), membarrier
 * registrations, and the process group and session (the host's at start; setpgid and setsid
 * change them here only, since the JVM cannot change its own).
 */
final class ProcessSettings {
    private boolean dumpable = true;
    private int membarrierRegistered;
    private int processGroup;
    private int session;

    ProcessSettings(int pid) {
        int[] ids = hostGroupAndSession(pid);
        processGroup = ids[0];
        session = ids[1];
    }

    /** Fields 5 and 6 of /proc/self/stat (after the parenthesised command name); the pid itself elsewhere. */
    private static int[] hostGroupAndSession(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new int[] {Integer.parseInt(f[2]), Integer.parseInt(f[3])};
        } catch (IOException | RuntimeException e) {
            return new int[] {pid, pid};
        }
    }

    synchronized boolean dumpable() {
        return dumpable;
    }

    synchronized void setDumpable(boolean on) {
        dumpable = on;
    }

    synchronized int membarrierRegistered() {
        return membarrierRegistered;
    }

    synchronized void registerMembarrier(int commands) {
        membarrierRegistered |= commands;
    }

    synchronized int processGroup() {
        return processGroup;
    }

    synchronized int session() {
        return session;
    }

    /** setpgid on the process itself: a session leader cannot move (EPERM). */
    synchronized void setProcessGroup(int pid, int pgid) {
        if (session == pid) {
            throw new SyscallError(Errno.EPERM);
        }
        processGroup = pgid;
    }

    /** setsid: a process group leader cannot start a session (EPERM); the new session id is returned. */
    synchronized int newSession(int pid) {
        if (processGroup == pid) {
            throw new SyscallError(Errno.EPERM);
        }
        processGroup = pid;
        session = pid;
        return pid;
    }
}
