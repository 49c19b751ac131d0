package dev.backlog.cli.boot;

/**
 * Start-up phase marks on stderr when {@code BACKLOG_TIMING=1}: how the benchmark attributes per-call latency.
 * Costs one environment lookup when off.
 */
public final class Timing {
    private static final boolean ON = "1".equals(System.getenv("BACKLOG_TIMING"));
    private static final long START = System.nanoTime();

    private Timing() {
    }

    public static void mark(String phase) {
        if (ON) {
            long jvmStart = ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
            System.err.printf("timing %-24s %7.1f ms since main, %5d ms since JVM start%n", phase,
                    (System.nanoTime() - START) / 1e6, System.currentTimeMillis() - jvmStart);
        }
    }
}
