package io.mobility.serve.auth;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Which of the server's connectors accept connections from other hosts (bound beyond loopback). */
public final class ConnectorExposure {

    /**
     * One connector bound beyond loopback.
     *
     * @param connector as users know it, e.g. "the application connector"
     * @param setting the YAML setting of its address, e.g. {@code server.applicationConnectors[0].bindHost}
     * @param address what it binds and why that is beyond loopback
     */
    public record Exposed(String connector, String setting, String address) {

        public String refusal() {
            return connector + " binds " + address + ", reachable from other hosts, and no API token is set: set"
                    + " authToken (MOBILITY_API_TOKEN in config.yml) so that every request needs it, or bind the"
                    + " connector to 127.0.0.1 (" + setting + ")";
        }
    }

    private ConnectorExposure() {}

    public static List<Exposed> beyondLoopback(ServerFactory server) {
        List<Exposed> exposed = new ArrayList<>();
        if (server instanceof DefaultServerFactory standard) {
            List<ConnectorFactory> application = standard.getApplicationConnectors();
            for (int i = 0; i < application.size(); i++) {
                check(
                        application.get(i),
                        "the application connector" + (application.size() > 1 ? " " + i : ""),
                        "server.applicationConnectors[" + i + "].bindHost; MOBILITY_SERVE_HOST in config.yml",
                        exposed);
            }
            List<ConnectorFactory> admin = standard.getAdminConnectors();
            for (int i = 0; i < admin.size(); i++) {
                check(
                        admin.get(i),
                        "the admin connector" + (admin.size() > 1 ? " " + i : ""),
                        "server.adminConnectors[" + i + "].bindHost; MOBILITY_ADMIN_HOST in config.yml",
                        exposed);
            }
        } else if (server instanceof SimpleServerFactory simple) {
            check(simple.getConnector(), "the connector", "server.connector.bindHost", exposed);
        } else {
            exposed.add(new Exposed(
                    "the server (type " + server.getClass().getSimpleName() + ")",
                    "server",
                    "addresses this check cannot read"));
        }
        return exposed;
    }

    private static void check(ConnectorFactory factory, String connector, String setting, List<Exposed> exposed) {
        if (!(factory instanceof HttpConnectorFactory http)) {
            exposed.add(new Exposed(
                    connector,
                    setting,
                    "an address this check cannot read (type "
                            + factory.getClass().getSimpleName() + ")"));
            return;
        }
        String host = http.getBindHost();
        if (host == null || host.isBlank()) {
            // Jetty's default: every interface
            exposed.add(new Exposed(connector, setting, "every interface (no bindHost):" + http.getPort()));
            return;
        }
        String hostPort = (host.contains(":") ? "[" + host + "]" : host) + ":" + http.getPort();
        try {
            List<InetAddress> beyond = Arrays.stream(InetAddress.getAllByName(host))
                    .filter(a -> !a.isLoopbackAddress())
                    .toList();
            if (beyond.stream().anyMatch(InetAddress::isAnyLocalAddress)) {
                exposed.add(new Exposed(connector, setting, hostPort + " (every interface)"));
            } else if (beyond.size() == 1 && beyond.get(0).getHostAddress().equals(host)) {
                exposed.add(new Exposed(connector, setting, hostPort));
            } else if (!beyond.isEmpty()) {
                exposed.add(new Exposed(
                        connector,
                        setting,
                        hostPort + " (resolves to "
                                + String.join(
                                        ", ",
                                        beyond.stream()
                                                .map(InetAddress::getHostAddress)
                                                .toList()) + ")"));
            }
        } catch (UnknownHostException e) {
            exposed.add(new Exposed(connector, setting, hostPort + ", which does not resolve (so may be anything)"));
        }
    }
}
