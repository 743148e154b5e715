package dev.emu.bench;

/**
 * One timed run of one command.
 *
 * @param wallNanos   wall-clock time from starting the process to its exit
 * @param peakRssKiB  the most resident memory the process had (KiB), or -1 when unknown
 * @param cpuSeconds  user plus system CPU time of the process tree, or -1 when unknown (only
 *                    GNU time reports it); steadier than wall time on a busy machine, and
 *                    above it for a JVM, whose compiler and collector threads run alongside
 * @param exitStatus  the exit status, 128 + signal number when a signal ended it
 * @param stdout      everything it printed on standard output
 * @param stderr      what it printed on standard error (for the report when it fails)
 * @param timedOut    true when the runner killed it after the timeout
 */
record Run(long wallNanos, long peakRssKiB, double cpuSeconds, int exitStatus, byte[] stdout, String stderr,
          boolean timedOut) {

    double seconds() {
        return wallNanos / 1e9;
    }
}
