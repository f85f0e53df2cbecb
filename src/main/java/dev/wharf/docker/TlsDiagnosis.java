package dev.wharf.docker;

import dev.wharf.engine.EngineTarget;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.util.List;

/**
 * Finds out why a TLS connection broke. Under TLS 1.3 a server that refuses the client's certificate
 * says so only after the client considers the handshake done, so the HTTP client sees a bare "broken
 * pipe". One handshake and one read here receive the server's alert and name the real cause.
 */
final class TlsDiagnosis {

    private static final int TIMEOUT_MILLIS = 3000;

    private TlsDiagnosis() {}

    /** The TLS failure, in the words of the party that refused, or empty when TLS works. */
    static Optional<String> explain(EngineTarget target) {
        if (target.tls() == null) {
            return Optional.empty();
        }
        URI endpoint = URI.create(target.endpoint());
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), TIMEOUT_MILLIS);
            plain.setSoTimeout(TIMEOUT_MILLIS);
            try (SSLSocket tls = (SSLSocket) target.tls().sslContext(true).getSocketFactory()
                    .createSocket(plain, endpoint.getHost(), endpoint.getPort(), false)) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // verify the server's name, as the transport does
                if (!endpoint.getHost().matches("[0-9.:\\[\\]]+")) {
                    parameters.setServerNames(List.of(new SNIHostName(endpoint.getHost())));
                }
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                tls.getOutputStream().write("GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                tls.getOutputStream().flush();
                InputStream in = tls.getInputStream();
                in.read();
                return Optional.empty();
            }
        } catch (SSLException e) {
            return Optional.of(e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
