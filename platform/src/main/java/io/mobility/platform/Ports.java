package io.mobility.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback TCP ports for the platform's servers. */
public final class Ports {

    private Ports() {}

    /**
     * Fails fast with a clear message when {@code port} is taken, before a server buries the bind error deep in its
     * own start-up; port 0 (any free port) always passes.
     */
    public static void requireFree(String service, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new PortInUseException(service, port, e);
        }
    }

    /** A port that was free a moment ago, for servers that must know their port before they bind. */
    public static int free() {
        try (ServerSocket probe = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free TCP port on 127.0.0.1", e);
        }
    }
}
