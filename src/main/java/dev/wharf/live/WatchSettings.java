package dev.wharf.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How each host is watched.
 *
 * @param heartbeat how often the engine is pinged; a host is marked down at the first ping that fails
 * @param pingTimeout how long one ping may take; with the heartbeat this bounds how late "down" shows
 * @param maxBackoff the longest wait between reconnect attempts (it doubles from a quarter second)
 * @param firstLoadWait how long a list request waits for a host's first inventory before answering without it
 * @param eventQueue engine events waiting to be applied per host; on overflow the host is relisted instead
 * @param factsEvery how often a host's engine facts (versions, CPUs, memory, services) are read again besides
 *     when it is first listed and after each reconnect
 */
@ConfigurationProperties("wharf.live.watch")
record WatchSettings(
        @DefaultValue("1s") Duration heartbeat,
        @DefaultValue("2s") Duration pingTimeout,
        @DefaultValue("10s") Duration maxBackoff,
        @DefaultValue("5s") Duration firstLoadWait,
        @DefaultValue("100000") int eventQueue,
        @DefaultValue("5m") Duration factsEvery) {}
