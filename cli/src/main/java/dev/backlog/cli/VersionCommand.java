package dev.backlog.cli;

import dev.backlog.migrations.Migrations;
import dev.backlog.model.event.EventTypes;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code backlog version} and {@code -V}. */
@Command(name = "version", description = "Print the version")
final class VersionCommand extends Base {
    static final String VERSION;
    static final String BUILD_TIME;

    static {
        Properties p = new Properties();
        try (InputStream in = VersionCommand.class.getResourceAsStream("/backlog-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // a missing build stamp only blanks the version details
        }
        String v = p.getProperty("version", "dev");
        VERSION = v.startsWith("${") ? "dev" : v;
        String t = p.getProperty("build_time");
        BUILD_TIME = t == null || t.startsWith("${") || t.isEmpty() ? null : t;
    }

    VersionCommand(App app) {
        super(app);
    }

    record Info(String version, String commit, String buildTime, String java, int dbSchemaVersion, int eventSchemaVersion) {}

    @Override
    int run() {
        Info info = new Info(VERSION, null, BUILD_TIME, System.getProperty("java.version"), Migrations.CURRENT, EventTypes.SCHEMA_VERSION);
        return print(info, null, () -> "backlog " + VERSION + "\n");
    }

    /** picocli's {@code -V/--version}. */
    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"backlog " + VERSION};
        }
    }
}
