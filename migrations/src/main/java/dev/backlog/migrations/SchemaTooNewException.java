package dev.backlog.migrations;

/** The database was written by a newer release; this binary must not touch it. */
public final class SchemaTooNewException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int found;
    private final int supported;

    public SchemaTooNewException(int found, int supported) {
        super("database schema version " + found + " is newer than this binary supports (" + supported + ")");
        this.found = found;
        this.supported = supported;
    }

    public int found() {
        return found;
    }

    public int supported() {
        return supported;
    }
}
