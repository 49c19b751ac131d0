package dev.backlog.cli.daemon;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The jar a daemon was started from, by size and modification time: a rebuilt jar means this JVM's classes are
 * out of date (and its lazily loaded ones may no longer be readable), so the daemon stops serving.
 */
record JarStamp(Path jar, long size, long modified) {
    static JarStamp ofRunningJar() {
        try {
            Path p = Path.of(Daemon.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return of(p);
        } catch (URISyntaxException | RuntimeException e) {
            return new JarStamp(null, 0, 0);
        }
    }

    static JarStamp of(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return new JarStamp(p, a.size(), a.lastModifiedTime().toMillis());
        } catch (IOException e) {
            return new JarStamp(p, -1, -1);
        }
    }

    /** Still the same file content as at start (always true when not run from a jar, as in tests). */
    boolean unchanged() {
        return jar == null || !Files.isRegularFile(jar) || equals(of(jar));
    }
}
