package dev.backlog.cli.daemon;

import dev.backlog.cli.client.Wire;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/** One client connection: checks the caller, reads its request, runs it and streams the output back as frames. */
final class Connection {
    private final SocketChannel channel;
    private final Daemon daemon;

    Connection(SocketChannel channel, Daemon daemon) {
        this.channel = channel;
        this.daemon = daemon;
    }

    void serve() {
        try (channel) {
            UnixDomainPrincipal peer = peer();
            if (peer != null && !peer.user().equals(daemon.owner())) {
                daemon.log().println(Instant.now() + " refused a caller running as " + peer.user().getName());
                return; // closing before ACCEPTED: the caller runs the command itself
            }
            Request request = Request.read(new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 14)));
            String why = daemon.declineReason(request);
            if (why != null) {
                frame(Wire.DECLINED, new byte[0], 0, 0);
                return;
            }
            frame(Wire.ACCEPTED, new byte[0], 0, 0);
            PrintStream out = new PrintStream(new BufferedOutputStream(new FrameStream(Wire.STDOUT), 1 << 16), false, StandardCharsets.UTF_8);
            PrintStream err = new PrintStream(new FrameStream(Wire.STDERR), true, StandardCharsets.UTF_8);
            int status = daemon.handler().run(request, out, err);
            out.flush();
            err.flush();
            frame(Wire.EXIT, ByteBuffer.allocate(4).putInt(status).array(), 0, 4);
        } catch (IOException | RuntimeException e) {
            // A caller that went away mid-call; the command itself ran to its end (writes are one transaction).
            daemon.log().println(Instant.now() + " call ended early: " + e);
        }
    }

    /**
     * The caller's user, where the platform tells it ({@code SO_PEERCRED}: Linux); {@code null} elsewhere, where the
     * private (0700) socket directory alone keeps other users out.
     */
    private UnixDomainPrincipal peer() throws IOException {
        try {
            return channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /** Writes one frame in a single channel write, so stdout and stderr frames never interleave mid-frame. */
    private synchronized void frame(byte type, byte[] b, int off, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(5 + len);
        buf.put(type).putInt(len).put(b, off, len).flip();
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    /** An output stream whose every write becomes one frame of {@code type}. */
    private final class FrameStream extends OutputStream {
        private final byte type;

        FrameStream(byte type) {
            this.type = type;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0) {
                frame(type, b, off, len);
            }
        }
    }
}
