package io.multidb.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that stands between the library and a database server and can break the
 * network on demand:
 *
 * <ul>
 *   <li>{@link #pass()} (the start): bytes flow both ways;</li>
 *   <li>{@link #freeze()}: new connections are still accepted and existing ones stay open, but no
 *       byte (nor a close) passes either way: what a hung server or a silently dropping firewall
 *       looks like to a client. Bytes already read are held and delivered after {@link #heal()};</li>
 *   <li>{@link #cut()}: every current connection is reset at once, and new ones are reset as soon
 *       as they are accepted, until {@link #heal()}: a server that went away;</li>
 *   <li>{@link #heal()}: back to passing bytes; frozen connections resume where they stopped.</li>
 * </ul>
 *
 * <p>Each proxied connection uses two daemon threads (one per direction) and the proxy one acceptor
 * thread; all are named {@code tcp-proxy-<port>-...} and all have ended when {@link #close()}
 * returns (it fails if one does not end within five seconds).
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class TcpProxy implements AutoCloseable {

    /** What the proxy does with traffic. */
    public enum Mode {
        PASS, FREEZE, CUT
    }

    private static final int BUFFER = 16 * 1024;
    private static final long JOIN_MILLIS = 5_000;

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Thread acceptor;
    private final String threadPrefix;
    private final Object lock = new Object();
    private final Set<Link> links = new HashSet<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private Mode mode = Mode.PASS;
    private boolean closed;

    /**
     * Starts a proxy on an ephemeral loopback port.
     *
     * @param targetHost where to forward
     * @param targetPort the port there
     */
    public TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
        threadPrefix = "tcp-proxy-" + server.getLocalPort();
        acceptor = new Thread(this::acceptLoop, threadPrefix + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the port clients connect to */
    public int port() {
        return server.getLocalPort();
    }

    /** @return {@code 127.0.0.1:<port>}, to put into a JDBC URL in place of the server's address */
    public String hostAndPort() {
        return server.getInetAddress().getHostAddress() + ":" + port();
    }

    /** @return the current mode */
    public Mode mode() {
        synchronized (lock) {
            return mode;
        }
    }

    /** @return how many connections the proxy has accepted so far */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** @return how many proxied connections are currently open */
    public int openConnections() {
        synchronized (lock) {
            return links.size();
        }
    }

    /** Bytes flow again; frozen connections resume. */
    public void pass() {
        setMode(Mode.PASS);
    }

    /** Same as {@link #pass()}. */
    public void heal() {
        pass();
    }

    /** Holds every byte, both ways, on current and new connections; nothing is closed. */
    public void freeze() {
        setMode(Mode.FREEZE);
    }

    /** Resets every current connection; new ones are reset at once, until {@link #heal()}. */
    public void cut() {
        List<Link> victims;
        synchronized (lock) {
            ensureOpen();
            mode = Mode.CUT;
            lock.notifyAll();
            victims = new ArrayList<>(links);
        }
        victims.forEach(Link::reset);
    }

    /** Resets every current connection but keeps accepting and passing new ones. */
    public void dropConnections() {
        List<Link> victims;
        synchronized (lock) {
            ensureOpen();
            victims = new ArrayList<>(links);
        }
        victims.forEach(Link::reset);
    }

    private void setMode(Mode m) {
        synchronized (lock) {
            ensureOpen();
            mode = m;
            lock.notifyAll();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("TcpProxy " + threadPrefix + " is closed");
        }
    }

    /** @return threads of this proxy that are still alive (for checks that nothing leaked) */
    public List<Thread> liveThreads() {
        List<Thread> alive = new ArrayList<>();
        synchronized (lock) {
            threads.removeIf(t -> !t.isAlive());
            alive.addAll(threads);
        }
        if (acceptor.isAlive()) {
            alive.add(acceptor);
        }
        return alive;
    }

    private void acceptLoop() {
        while (true) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            try {
                client.setTcpNoDelay(true);
            } catch (SocketException ignored) {
                // best effort
            }
            Mode now;
            synchronized (lock) {
                if (closed) {
                    resetQuietly(client);
                    return;
                }
                now = mode;
            }
            if (now == Mode.CUT) {
                resetQuietly(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.setTcpNoDelay(true);
                upstream.connect(new InetSocketAddress(targetHost, targetPort), 2_000);
            } catch (IOException e) {
                resetQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            Link link = new Link(client, upstream);
            synchronized (lock) {
                if (closed || mode == Mode.CUT) {
                    link.reset();
                    continue;
                }
                links.add(link);
                link.start();
            }
        }
    }

    /**
     * Blocks while frozen.
     *
     * @return {@code true} when bytes may flow; {@code false} when the link must end (cut, or closed)
     */
    private boolean awaitFlow(Link link) throws InterruptedException {
        synchronized (lock) {
            while (mode == Mode.FREEZE && !closed && !link.ended) {
                lock.wait();
            }
            return mode == Mode.PASS && !closed && !link.ended;
        }
    }

    /** One proxied connection: client side and upstream side, a pump thread per direction. */
    private final class Link {
        private final Socket client;
        private final Socket upstream;
        private final int id = accepted.get();
        private volatile boolean ended;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        /** Called with the lock held. */
        void start() {
            Thread up = new Thread(() -> pump(client, upstream), threadPrefix + "-" + id + "-up");
            Thread down = new Thread(() -> pump(upstream, client), threadPrefix + "-" + id + "-down");
            for (Thread t : List.of(up, down)) {
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[BUFFER];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                while (true) {
                    int n = in.read(buffer);
                    // hold the bytes (or the end of the stream) while frozen
                    if (!awaitFlow(this)) {
                        return;
                    }
                    if (n < 0) {
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the socket was closed or reset: the link ends
            } finally {
                end();
            }
        }

        /** Closes both sides normally (a FIN to each peer). */
        void end() {
            synchronized (lock) {
                ended = true;
                links.remove(this);
                lock.notifyAll();
            }
            closeQuietly(client);
            closeQuietly(upstream);
        }

        /** Resets both sides (an RST to each peer, no orderly close). */
        void reset() {
            synchronized (lock) {
                ended = true;
                links.remove(this);
                lock.notifyAll();
            }
            resetQuietly(client);
            resetQuietly(upstream);
        }
    }

    private static void resetQuietly(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    /**
     * Stops accepting, resets every connection and waits for every thread of the proxy to end.
     *
     * @throws IllegalStateException when a thread did not end within five seconds
     */
    @Override
    public void close() {
        List<Link> victims;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            lock.notifyAll();
            victims = new ArrayList<>(links);
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // the acceptor ends either way
        }
        victims.forEach(Link::reset);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
        List<Thread> all = new ArrayList<>();
        all.add(acceptor);
        synchronized (lock) {
            all.addAll(threads);
        }
        for (Thread t : all) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                t.join(Math.max(1, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Thread> stuck = liveThreads();
        if (!stuck.isEmpty()) {
            throw new IllegalStateException("TcpProxy threads still alive after close: " + stuck);
        }
    }

    @Override
    public String toString() {
        return "TcpProxy[" + hostAndPort() + " -> " + targetHost + ":" + targetPort + ", " + mode() + "]";
    }
}
