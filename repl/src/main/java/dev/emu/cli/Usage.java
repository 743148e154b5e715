package dev.emu.cli;

/** The text of {@code emu --help} and {@code emu --version}, laid out like qemu-riscv64's. */
final class Usage {
    private Usage() {}

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "development";
    }

    static String versionLine() {
        return "emu version " + version() + " (RISC-V 64 Linux user mode, Java " + Runtime.version().feature() + ")";
    }

    static String text() {
        return """
                usage: emu [options] program [arguments...]
                Runs a RISC-V 64 Linux program (riscv64) by dynamic binary translation.

                Options:

                Argument             Description
                -h, -help            print this help and exit
                -version             print the version and exit
                -E var=value         set an environment variable for the guest
                -U var               remove var from the guest's environment
                -0 argv0             the guest's argv[0] (default: the program name)
                -L path              the guest's library root: the dynamic loader and the
                                     guest's absolute paths are looked up there first
                                     (also QEMU_LD_PREFIX; e.g. -L /usr/riscv64-linux-gnu)
                -seed number         seed the guest's randomness (AT_RANDOM, getrandom) so
                                     runs repeat (also QEMU_RAND_SEED)
                -strace              log system calls (to stderr, or the -D file)
                -plugin name[,k=v]   run a plugin (repeatable): a builtin (bb, insn, mem) or
                                     a Java class name, with its arguments; also qemu's
                                     -plugin file=NAME,arg=... form (libbb.so means bb)
                -d item[,...]        log: in_asm, op, op_opt, out_asm, exec, cpu, nochain,
                                     unimp, plugin (as qemu's -d; plugin sends plugins'
                                     output to the -D file)
                -D logfile           write -d and -strace output to logfile
                -dfilter start..end  log only blocks starting in the range (hex with 0x)
                -singlestep          one guest instruction per translation block
                -tier mode           tiered (default: interpret, compile hot blocks),
                                     interp (never compile) or jit (compile every block)
                -disas file          print the instructions of every executable section of the
                                     ELF file, line for line as 'riscv64-linux-gnu-objdump -d'
                -M options           with -disas: comma-separated 'no-aliases' (canonical names
                                     only) and 'numeric' (x0..x31, f0..f31), as objdump's -M

                Options take one or two leading dashes (-help and --help are the same).
                The guest's exit status is emu's; a guest killed by a signal gives 128+signal.
                """;
    }
}
