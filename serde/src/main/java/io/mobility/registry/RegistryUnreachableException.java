package io.mobility.registry;

/** No registry URL answered within the configured attempts; nothing is known about the request's outcome. */
public class RegistryUnreachableException extends SchemaRegistryException {

    public RegistryUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
