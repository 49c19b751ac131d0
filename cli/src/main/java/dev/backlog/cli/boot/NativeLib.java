package dev.backlog.cli.boot;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Makes sqlite-jdbc load its native library from a copy extracted once per user instead of once per process.
 *
 * <p>Left alone, sqlite-jdbc copies the 1.1 MB {@code libsqlitejdbc.so} out of the jar into {@code java.io.tmpdir}
 * on every start, compares it byte by byte and deletes it at exit: about 100 ms per CLI call on a cold JVM.
 * {@link #prepare()} extracts it once into
 * {@code ${XDG_CACHE_HOME:-~/.cache}/backlog/native/<sqlite-jdbc version>/<os>/<arch>/} and points sqlite-jdbc at
 * that copy through the system properties {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name}.
 *
 * <p>Call it first thing in {@code main}, before anything touches {@code org.sqlite}. It never throws and never
 * prints: if anything goes wrong (unknown platform, read-only home, missing resource) it sets nothing, and
 * sqlite-jdbc extracts the library itself as usual. Properties the user set ({@code -Dorg.sqlite.lib.path=...},
 * {@code -Dorg.sqlite.osinfo.architecture=...}) are respected by doing nothing.
 *
 * <p>Thread-safe and idempotent; only the first call does any work. Safe when many processes start at once on a
 * fresh machine: each writes its own temporary file and renames it into place atomically, so no process ever
 * sees a partly written library.
 */
public final class NativeLib {

    private static final String SQLITE_POM_PROPERTIES = "META-INF/maven/org.xerial/sqlite-jdbc/pom.properties";
    private static final String LIB_PATH = "org.sqlite.lib.path";
    private static final String LIB_NAME = "org.sqlite.lib.name";

    private static volatile boolean done;

    private NativeLib() {}

    /** Extracts the sqlite-jdbc native library once and configures sqlite-jdbc to load it; see the class comment. */
    public static void prepare() {
        if (done) {
            return;
        }
        synchronized (NativeLib.class) {
            if (done) {
                return;
            }
            done = true;
            try {
                configure();
            } catch (Throwable ignored) {
                // Fallback: sqlite-jdbc does its own per-process extraction.
            }
        }
    }

    private static void configure() throws IOException {
        if (System.getProperty(LIB_PATH) != null || System.getProperty("org.sqlite.osinfo.architecture") != null) {
            return;
        }
        String os = osFolder(System.getProperty("os.name", ""));
        String arch = archFolder(System.getProperty("os.arch", ""));
        if (os == null || arch == null || (os.equals("Linux") && isMusl(arch))) {
            return;
        }
        ClassLoader loader = NativeLib.class.getClassLoader();
        String version = sqliteJdbcVersion(loader);
        Path base = cacheHome();
        if (version == null || base == null) {
            return;
        }
        String libName = System.mapLibraryName("sqlitejdbc");
        URL resource = loader.getResource("org/sqlite/native/" + os + "/" + arch + "/" + libName);
        if (resource == null) {
            return;
        }
        URLConnection connection = resource.openConnection();
        long size = connection.getContentLengthLong();
        if (size <= 0) {
            return;
        }
        Path dir = base.resolve("backlog").resolve("native").resolve(version).resolve(os).resolve(arch);
        Path target = dir.resolve(libName);
        if (!hasSize(target, size)) {
            extract(connection, dir, target);
            if (!hasSize(target, size)) {
                return;
            }
        }
        System.setProperty(LIB_PATH, dir.toString());
        System.setProperty(LIB_NAME, libName);
    }

    /** Folder names as sqlite-jdbc's {@code OSInfo} spells them; null for platforms this class does not handle. */
    static String osFolder(String osName) {
        if (osName.contains("Windows")) {
            return "Windows";
        }
        if (osName.contains("Mac") || osName.contains("Darwin")) {
            return "Mac";
        }
        if (osName.contains("Linux")) {
            return "Linux";
        }
        return null;
    }

    static String archFolder(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x86-64", "em64t", "universal" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> null;
        };
    }

    /**
     * sqlite-jdbc ships musl builds under {@code Linux-Musl}. Telling musl from glibc the way sqlite-jdbc does
     * (scanning {@code /proc/self/map_files}) costs more than it saves, so any sign of musl means "do nothing"
     * and sqlite-jdbc decides. A glibc machine with the musl package installed merely loses the speed-up.
     */
    private static boolean isMusl(String arch) {
        return Files.exists(Path.of("/lib/ld-musl-" + arch + ".so.1")) || Files.exists(Path.of("/etc/alpine-release"));
    }

    private static String sqliteJdbcVersion(ClassLoader loader) throws IOException {
        try (InputStream in = loader.getResourceAsStream(SQLITE_POM_PROPERTIES)) {
            if (in == null) {
                return null;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).split("\n")) {
                String l = line.strip();
                if (l.startsWith("version=")) {
                    String v = l.substring("version=".length()).strip();
                    return v.isEmpty() || v.contains("/") || v.contains("\\") || v.startsWith(".") ? null : v;
                }
            }
            return null;
        }
    }

    private static Path cacheHome() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            Path p = Path.of(xdg);
            if (p.isAbsolute()) {
                return p;
            }
        }
        String home = System.getProperty("user.home");
        return home == null || home.isEmpty() || home.equals("?") ? null : Path.of(home, ".cache");
    }

    private static boolean hasSize(Path file, long size) {
        try {
            return Files.size(file) == size;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void extract(URLConnection source, Path dir, Path target) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (InputStream in = source.getInputStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp.toFile().setExecutable(true, true);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // Another process may have won the race (or holds the file open on Windows); the caller re-checks.
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
