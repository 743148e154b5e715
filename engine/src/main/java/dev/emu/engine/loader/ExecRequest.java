package dev.emu.engine.loader;

import java.util.List;

/**
 * What {@code execve} is given besides the file: the name the program was started by (it
 * becomes AT_EXECFN and the string at the top of the stack), argv, envp, and the facts about the
 * machine and user that go into the auxiliary vector.
 *
 * @param execFn          the program path as the user gave it (Linux's {@code bprm->filename})
 * @param hwcap           AT_HWCAP, supplied by the ISA (RISC-V: one bit per base extension letter)
 * @param minSigStackSize AT_MINSIGSTKSZ, supplied by the ISA (0 leaves the entry out)
 * @param random          the 16 bytes AT_RANDOM points at (glibc seeds its stack guard from them)
 */
public record ExecRequest(String execFn, List<String> argv, List<String> envp, long hwcap, long minSigStackSize,
                          int uid, int gid, byte[] random) {
    public static final int RANDOM_BYTES = 16;

    public ExecRequest {
        argv = List.copyOf(argv);
        envp = List.copyOf(envp);
        if (random.length != RANDOM_BYTES) {
            throw new IllegalArgumentException("AT_RANDOM needs " + RANDOM_BYTES + " bytes, got " + random.length);
        }
        random = random.clone();
    }

    @Override
    public byte[] random() {
        return random.clone();
    }
}
