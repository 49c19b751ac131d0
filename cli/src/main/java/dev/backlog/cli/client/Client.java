package dev.backlog.cli.client;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The thin CLI client: hands one invocation to the resident daemon over its Unix socket and replays the
 * daemon's stdout, stderr and exit status. {@code Client SOCKET ARGS...}. A JVM that loads only this package
 * starts in a fraction of the full CLI's time; the work runs in the daemon's warm JVM.
 *
 * <p>Exits {@link Wire#FALLBACK} when no daemon took the call (no socket, a dead daemon's socket, which it
 * removes, or a daemon that declined), so the launcher runs the command in-process instead. Once the daemon
 * has accepted a call the client never falls back: a lost connection then fails with exit 1, because the
 * command may already have written.
 */
public final class Client {
    private Client() {
    }

    public static void main(String[] argv) {
        if (argv.length == 0) {
            System.err.println("usage: java -cp backlog.jar dev.backlog.cli.client.Client SOCKET [ARGS...]");
            Runtime.getRuntime().halt(Wire.FALLBACK);
        }
        Path socket = Path.of(argv[0]);
        String[] args = Arrays.copyOfRange(argv, 1, argv.length);
        int status = call(socket, args, System.getenv(), System.getProperty("user.dir"), System.in,
                new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
        Runtime.getRuntime().halt(status);
    }

    /**
     * Hands one invocation to the daemon at {@code socket} and copies its output to {@code out} and {@code err};
     * returns the command's exit status or {@link Wire#FALLBACK}. {@code stdin} is read only for
     * {@code --from-file -}.
     */
    public static int call(Path socket, String[] args, Map<String, String> env, String cwd, InputStream stdin,
                           OutputStream stdout, OutputStream stderr) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (ConnectException e) {
            try {
                Files.deleteIfExists(socket); // nobody listens: a daemon that died without cleaning up
            } catch (IOException ignored) {
                // the next call tries again
            }
            return Wire.FALLBACK;
        } catch (IOException | RuntimeException e) {
            return Wire.FALLBACK;
        }
        boolean accepted = false;
        try (channel) {
            send(new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 14)), args, env, cwd, stdin);
            DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
            Sink out = new Sink(stdout);
            Sink err = new Sink(stderr);
            while (true) {
                byte type = in.readByte();
                int n = in.readInt();
                switch (type) {
                    case Wire.ACCEPTED -> accepted = true;
                    case Wire.DECLINED -> {
                        return Wire.FALLBACK;
                    }
                    case Wire.STDOUT -> out.write(in.readNBytes(n));
                    case Wire.STDERR -> err.write(in.readNBytes(n));
                    case Wire.EXIT -> {
                        return in.readInt();
                    }
                    default -> throw new IOException("unknown frame " + type);
                }
            }
        } catch (IOException e) {
            if (!accepted) {
                return Wire.FALLBACK;
            }
            lost(args, e, stderr);
            return 1;
        }
    }

    /**
     * stdout or stderr as a process's {@code PrintStream} would treat it: once a write fails (a reader that went
     * away, as in {@code backlog task list | head -1}) the rest is dropped, and the call still ends normally.
     */
    private static final class Sink {
        private final OutputStream stream;
        private boolean broken;

        Sink(OutputStream stream) {
            this.stream = stream;
        }

        void write(byte[] b) {
            if (!broken) {
                try {
                    stream.write(b);
                } catch (IOException e) {
                    broken = true;
                }
            }
        }
    }

    private static void send(DataOutputStream out, String[] args, Map<String, String> env, String cwd, InputStream stdin)
            throws IOException {
        out.writeInt(Wire.MAGIC);
        out.writeInt(args.length);
        for (String a : args) {
            Wire.writeString(out, a);
        }
        out.writeInt(env.size());
        for (Map.Entry<String, String> e : env.entrySet()) {
            Wire.writeString(out, e.getKey());
            Wire.writeString(out, e.getValue());
        }
        Wire.writeString(out, cwd);
        Wire.writeString(out, Wire.directoryKey(Path.of(cwd)));
        if (Wire.readsStdin(args)) {
            byte[] bytes = stdin.readAllBytes();
            out.writeInt(bytes.length);
            out.write(bytes);
        } else {
            out.writeInt(-1);
        }
        out.flush();
    }

    /** The §2.6 error shape, written by hand: this package has no JSON library. */
    private static void lost(String[] args, IOException cause, OutputStream stderr) {
        String message = "lost the connection to the backlog daemon while the command ran ("
                + (cause instanceof EOFException ? "the daemon exited" : "the connection broke")
                + "); it may or may not have been applied: check with `backlog activity`";
        String text = Arrays.asList(args).contains("--json")
                ? "{\n  \"error\": {\n    \"code\": \"INTERNAL\",\n    \"message\": \"" + message.replace("`", "'") + "\",\n    \"details\": {}\n  }\n}\n"
                : "error: " + message + "\n";
        try {
            stderr.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // stderr is gone too
        }
    }
}
