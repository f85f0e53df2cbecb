package dev.wharf.engine;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.UUID;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where and how to reach one host's engine.
 *
 * @param name the host's name, for messages
 * @param tls PEM material for {@code tcp://} endpoints, null otherwise
 */
public record EngineTarget(UUID hostId, String name, String kind, String endpoint, TlsMaterial tls) {

    public EngineTarget {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** Client-side TLS material as PEM text. The private key never appears in {@link #toString()}. */
    public record TlsMaterial(String caPem, String certPem, String keyPem) {

        /**
         * A TLS context that trusts only {@code caPem} and, when {@code presentClientCertificate},
         * authenticates with the client certificate and key. Built in memory: nothing touches disk.
         */
        public SSLContext sslContext(boolean presentClientCertificate) {
            try {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                int n = 0;
                for (X509Certificate ca : Pem.certificates(caPem)) {
                    trust.setCertificateEntry("ca-" + n++, ca);
                }
                TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trustManagers.init(trust);
                KeyManager[] keyManagers = null;
                if (presentClientCertificate) {
                    char[] password = new char[0];
                    KeyStore identity = KeyStore.getInstance("PKCS12");
                    identity.load(null, null);
                    identity.setKeyEntry("client", Pem.privateKey(keyPem), password,
                            Pem.certificates(certPem).toArray(new Certificate[0]));
                    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                    factory.init(identity, password);
                    keyManagers = factory.getKeyManagers();
                }
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keyManagers, trustManagers.getTrustManagers(), null);
                return context;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("Cannot build a TLS context from the stored material: " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "TlsMaterial[ca=" + (caPem != null) + ", cert=" + (certPem != null) + ", key=<redacted>]";
        }
    }
}
