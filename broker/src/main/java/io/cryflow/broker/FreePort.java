package io.cryflow.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds a port that is free on 127.0.0.1 right now (another process may still take it before we bind). */
final class FreePort {

    private FreePort() {
    }

    static int pick() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(KafkaServerProperties.HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + KafkaServerProperties.HOST, e);
        }
    }

    /** A free port, or {@code requested} itself when it is fixed. */
    static int resolve(int requested) {
        return requested == BrokerOptions.ANY_PORT ? pick() : requested;
    }
}
