package io.mobility.platform;

/** A service of the platform could not start because its TCP port is already taken by another process. */
public class PortInUseException extends IllegalStateException {

    private final String service;
    private final int port;

    public PortInUseException(String service, int port, Throwable cause) {
        super(
                service + " cannot listen on 127.0.0.1:" + port + ": the port is already in use"
                        + " (is another platform still running? choose another port)",
                cause);
        this.service = service;
        this.port = port;
    }

    public String service() {
        return service;
    }

    public int port() {
        return port;
    }
}
