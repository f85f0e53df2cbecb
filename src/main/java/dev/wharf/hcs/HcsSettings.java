package dev.wharf.hcs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits for the HCS host.
 *
 * @param operationTimeout the longest any one HCS operation may take; HCS itself is told this bound
 *     ({@code HcsWaitForOperationResult}), so no call is ever abandoned while it still uses our memory
 * @param pollInterval how often the event watcher re-enumerates, to catch systems that came or went
 *     without a callback
 * @param threads concurrent HCS calls; more wait in a bounded queue
 * @param queue calls waiting before new ones are refused
 * @param enabled false turns the hcs kind off even where computecore loads
 */
@ConfigurationProperties("wharf.hcs")
record HcsSettings(
        @DefaultValue("60s") Duration operationTimeout,
        @DefaultValue("3s") Duration pollInterval,
        @DefaultValue("4") int threads,
        @DefaultValue("256") int queue,
        @DefaultValue("true") boolean enabled) {}
