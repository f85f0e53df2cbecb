package dev.wharf.docker;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.EngineTarget;
import java.net.URI;
import java.time.Duration;

/**
 * Builds the HTTP transport for one host. {@code tcp://} always means TLS with the host's own CA and,
 * unless probing, its client certificate; it never falls back to plain HTTP. The server's name is
 * verified against its certificate by the transport's default TLS strategy.
 */
final class DockerTransport {

    /** Long enough for a slow stop; the per-call deadline on the host's executor is what callers wait for. */
    private static final Duration RESPONSE_BACKSTOP = Duration.ofMinutes(5);

    private DockerTransport() {}

    static DockerHttpClient httpClient(EngineTarget target, DockerSettings settings, boolean presentClientCertificate) {
        return httpClient(target, settings, presentClientCertificate, RESPONSE_BACKSTOP);
    }

    /** @param responseTimeout how long a response may stay silent; zero for none (event streams) */
    static DockerHttpClient httpClient(EngineTarget target, DockerSettings settings, boolean presentClientCertificate,
            Duration responseTimeout) {
        URI endpoint = URI.create(target.endpoint());
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("unix") && !scheme.equals("npipe") && !scheme.equals("tcp")) {
            throw new EngineException.Unavailable("Host '" + target.name() + "' has an endpoint Wharf cannot use: "
                    + target.endpoint(), target.hostId(), null);
        }
        ApacheDockerHttpClient.Builder builder = new ApacheDockerHttpClient.Builder()
                .dockerHost(endpoint)
                .maxConnections(settings.threads() * 2)
                .connectionTimeout(settings.connectTimeout())
                .responseTimeout(responseTimeout);
        if (scheme.equals("tcp")) {
            if (target.tls() == null) {
                throw new EngineException.Unavailable("Host '" + target.name()
                        + "' has a tcp:// endpoint but no TLS material; Wharf never uses plain TCP", target.hostId(), null);
            }
            builder.sslConfig(() -> target.tls().sslContext(presentClientCertificate));
        }
        return builder.build();
    }

    /**
     * docker-java's configuration, built only from the target. The plain builder reads no
     * {@code DOCKER_*} variables, system properties or {@code ~/.docker-java.properties}, so no registry
     * credentials of the console's own account ever reach a pull (pulls also always carry their own auth).
     */
    static DockerClientConfig config(EngineTarget target, RemoteApiVersion version) {
        return new DefaultDockerClientConfig.Builder()
                .withDockerHost(target.endpoint())
                .withDockerTlsVerify(false)
                .withApiVersion(version)
                .build();
    }
}
