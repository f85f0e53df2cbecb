package dev.wharf.hosts;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param registerLocal on a first start with no hosts, register the machine's own engine as {@code local}
 * @param localDockerSocket where the machine's own Docker engine listens
 */
@ConfigurationProperties("wharf.hosts")
record HostsProperties(
        @DefaultValue("true") boolean registerLocal,
        @DefaultValue("/var/run/docker.sock") Path localDockerSocket) {}
