package dev.wharf.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the event streams, bound from {@code wharf.live.*}.
 *
 * @param replayBuffer how many of the newest events are kept for clients that reconnect with {@code Last-Event-ID}
 * @param clientQueue events waiting per open stream; a stream whose queue is full is disconnected
 * @param heartbeat how often each stream gets a {@code : heartbeat} comment (keeps proxies from closing it,
 *     and finds clients that went away)
 * @param retry the reconnect delay each stream advertises with {@code retry:}
 * @param streamsPerUser how many streams (events, pages, stats, logs) one user may hold open at once
 */
@ConfigurationProperties("wharf.live")
record LiveSettings(
        @DefaultValue("10000") int replayBuffer,
        @DefaultValue("1000") int clientQueue,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("2s") Duration retry,
        @DefaultValue("20") int streamsPerUser) {

    LiveSettings {
        if (replayBuffer < 1 || clientQueue < 1 || streamsPerUser < 1) {
            throw new IllegalArgumentException(
                    "wharf.live.replay-buffer, wharf.live.client-queue and wharf.live.streams-per-user must be at least 1");
        }
        if (heartbeat.isNegative() || heartbeat.isZero() || retry.isNegative()) {
            throw new IllegalArgumentException("wharf.live.heartbeat must be positive and wharf.live.retry not negative");
        }
    }
}
