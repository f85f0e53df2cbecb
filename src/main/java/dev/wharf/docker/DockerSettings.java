package dev.wharf.docker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits per Docker host. Each host gets its own connection pool and its own bounded thread pool, so a
 * dead or hung engine uses up only its own threads.
 *
 * @param connectTimeout how long to wait for a connection (a dead host fails well within this)
 * @param callTimeout how long a read or a quick action may take before the caller gets a 504
 * @param threads concurrent calls per host; more wait in a bounded queue
 * @param queue calls waiting per host before new ones are refused
 */
@ConfigurationProperties("wharf.docker")
record DockerSettings(
        @DefaultValue("3s") Duration connectTimeout,
        @DefaultValue("10s") Duration callTimeout,
        @DefaultValue("4") int threads,
        @DefaultValue("64") int queue) {}
