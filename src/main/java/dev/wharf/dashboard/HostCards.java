package dev.wharf.dashboard;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.Permission;
import dev.wharf.hosts.HostKind;
import dev.wharf.hosts.HostStatuses;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.live.HostCounts;
import dev.wharf.live.HostFacts;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The dashboard's cards as one viewer sees them: everything comes from memory (statuses, facts, the
 * inventory's counts), so a dead host costs the page nothing. Counts are shown only where the viewer may
 * read what they count.
 */
@Component
class HostCards {

    private final HostStatuses statuses;
    private final HostFacts facts;
    private final HostCounts counts;
    private final AccessPolicy access;

    HostCards(HostStatuses statuses, HostFacts facts, HostCounts counts, AccessPolicy access) {
        this.statuses = statuses;
        this.facts = facts;
        this.counts = counts;
        this.access = access;
    }

    /**
     * @param facts null while the engine has never answered
     * @param counts null while the host has never been listed
     */
    record Card(RegisteredHost host, HostStatuses.Status status, HostFacts.Facts facts, HostCounts.Counts counts,
            boolean showsContainers, boolean showsImages) {}

    /** What the cards add up to, counted only where they show it. */
    record Totals(int hosts, int up, int down, int unknown, boolean showsContainers, int running, int paused, int stopped,
            boolean showsImages, int images) {

        static Totals of(List<Card> cards) {
            int up = 0, down = 0, running = 0, paused = 0, stopped = 0, images = 0;
            boolean showsContainers = false, showsImages = false;
            for (Card card : cards) {
                up += "up".equals(card.status().state()) ? 1 : 0;
                down += "down".equals(card.status().state()) ? 1 : 0;
                showsContainers |= card.showsContainers();
                showsImages |= card.showsImages();
                if (card.counts() == null) {
                    continue;
                }
                if (card.showsContainers()) {
                    running += card.counts().running();
                    paused += card.counts().paused();
                    stopped += card.counts().stopped();
                }
                if (card.showsImages() && card.counts().images() != null) {
                    images += card.counts().images();
                }
            }
            return new Totals(cards.size(), up, down, cards.size() - up - down, showsContainers, running, paused, stopped,
                    showsImages, images);
        }
    }

    /** {@code host} must be one the viewer may see. */
    Card of(Authentication viewer, RegisteredHost host) {
        boolean containers = access.may(viewer, Permission.CONTAINER_READ, host.scope());
        // an hcs host has no images: its card offers no count that could only say so
        boolean images = host.kind() != HostKind.HCS && access.may(viewer, Permission.IMAGE_READ, host.scope());
        return new Card(host, statuses.of(host.id()), facts.of(host.id()).orElse(null), counts.of(host.id()), containers, images);
    }

    List<Card> of(Authentication viewer, List<RegisteredHost> hosts) {
        return hosts.stream().map(host -> of(viewer, host)).toList();
    }
}
