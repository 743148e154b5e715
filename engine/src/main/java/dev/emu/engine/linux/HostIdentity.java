package dev.emu.engine.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host user the guest runs as (qemu-user passes the host's ids through). Read from the
 * owner of {@code /proc/self}, which Linux sets to the process's effective ids; 0 elsewhere.
 */
final class HostIdentity {
    private HostIdentity() {}

    /** {uid, gid}. */
    static int[] ids() {
        try {
            Path self = Path.of("/proc/self");
            return new int[] {(Integer) Files.getAttribute(self, "unix:uid"), (Integer) Files.getAttribute(self, "unix:gid")};
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return new int[] {0, 0};
        }
    }
}
