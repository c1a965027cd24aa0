package io.cryflow.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Server-sent events to every connected browser. Each client has a bounded queue: a client that
 * stops reading loses its connection (the browser reconnects and gets a fresh snapshot) instead of
 * holding memory or slowing the others.
 */
final class EventStreamHub {

    static final int CLIENT_QUEUE = 1024;
    private static final long KEEP_ALIVE_SECONDS = 15;

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();

    /** Sends {@code data} (one line of JSON) as an event named {@code event} to every client. */
    void publish(String event, String data) {
        String message = "event: " + event + "\ndata: " + data + "\n\n";
        for (Client client : clients) {
            if (!client.queue.offer(message)) {
                client.overflowed = true;
            }
        }
    }

    int clientCount() {
        return clients.size();
    }

    /**
     * Streams events to {@code out} until the client goes away; {@code first} is sent before any
     * published event (the snapshot).
     */
    void serve(OutputStream out, String first) throws IOException {
        Client client = new Client();
        clients.add(client);
        try {
            write(out, first);
            while (!client.overflowed) {
                String message = client.queue.poll(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
                write(out, message != null ? message : ": keep-alive\n\n");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clients.remove(client);
        }
    }

    private static void write(OutputStream out, String message) throws IOException {
        out.write(message.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static final class Client {
        final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CLIENT_QUEUE);
        volatile boolean overflowed;
    }
}
