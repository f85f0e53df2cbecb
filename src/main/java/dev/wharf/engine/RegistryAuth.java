package dev.wharf.engine;

/** Credentials for one pull; never stored, logged or echoed. */
public record RegistryAuth(String username, String password, String serverAddress) {

    @Override
    public String toString() {
        return "RegistryAuth[" + username + "@" + serverAddress + ", password=<redacted>]";
    }
}
