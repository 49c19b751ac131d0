package dev.backlog.cli.daemon;

import dev.backlog.cli.client.Client;
import dev.backlog.cli.client.Wire;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run for the client's class cache ({@code java -XX:AOTCacheOutput=… -cp backlog.jar
 * dev.backlog.cli.daemon.ClientTraining}, run by the launcher after each build): one call of {@link Client} against
 * a stand-in daemon in this JVM, so the client's whole path (connect, request, frames, exit) is in the cache.
 */
public final class ClientTraining {
    private ClientTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("backlog-client-train");
        Path socket = dir.resolve("d.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread fake = new Thread(() -> answer(server));
            fake.start();
            Client.call(socket, new String[] {"task", "list", "--json"}, System.getenv(), System.getProperty("user.dir"), System.in,
                    new java.io.FileOutputStream(java.io.FileDescriptor.out), new java.io.FileOutputStream(java.io.FileDescriptor.err));
            fake.join();
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    private static void answer(ServerSocketChannel server) {
        try (SocketChannel c = server.accept()) {
            Request.read(new DataInputStream(new BufferedInputStream(Channels.newInputStream(c))));
            ByteBuffer b = ByteBuffer.allocate(64);
            b.put(Wire.ACCEPTED).putInt(0);
            b.put(Wire.STDOUT).putInt(1).put((byte) '\n');
            b.put(Wire.STDERR).putInt(1).put((byte) '\n');
            b.put(Wire.EXIT).putInt(4).putInt(0).flip();
            while (b.hasRemaining()) {
                c.write(b);
            }
        } catch (IOException e) {
            // training only
        }
    }
}
