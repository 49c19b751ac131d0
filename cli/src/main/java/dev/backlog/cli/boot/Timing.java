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
            long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
            System.err.println("timing " + phase + " " + (System.nanoTime() - START) / 1_000_000 + " ms since main, "
                    + uptime + " ms since JVM start");
        }
    }
}
