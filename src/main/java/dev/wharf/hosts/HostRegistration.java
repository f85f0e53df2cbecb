package dev.wharf.hosts;

/**
 * What an operator asks to register or change.
 *
 * @param tls null to keep what is stored (on edit) or for endpoints without TLS
 */
public record HostRegistration(String name, String group, String kind, String endpoint, TlsPems tls) {

    /** PEM text as the operator gave it. */
    public record TlsPems(String ca, String cert, String key) {
        @Override
        public String toString() {
            return "TlsPems[ca=" + (ca != null) + ", cert=" + (cert != null) + ", key=<redacted>]";
        }
    }
}
