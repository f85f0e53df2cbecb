package dev.wharf.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.audit.AuditEntry.Outcome;
import dev.wharf.testing.UsesTestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The trail's SQL, on H2 and on PostgreSQL: reach, prefixes taken literally, exports in chunks and at a cap. */
@UsesTestDatabase
@SpringBootTest(properties = "wharf.admin-password=audit-search-tests")
class AuditSearchTests {

    @Autowired
    AuditTrail audit;

    @Autowired
    AuditSearch search;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anExportCrossesChunksNewestFirstAndSaysWhenTheCapCutsIt() throws Exception {
        String actor = "chunks-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            audit.record(new AuditEntry(actor, null, "token.create", null, "n" + i, Outcome.SUCCESS, null));
        }
        AuditSearch inTwos = new AuditSearch(jdbc, 2);
        AuditFilter theirs = new AuditFilter(actor, null, null, null, null, null);

        Exported whole = export(inTwos, theirs, AuditReach.EVERYTHING, 10);
        Exported cut = export(inTwos, theirs, AuditReach.EVERYTHING, 3);

        assertThat(whole.truncated()).isFalse();
        assertThat(whole.resources()).containsExactly("n4", "n3", "n2", "n1", "n0");
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.resources()).containsExactly("n4", "n3", "n2");
        assertThat(export(inTwos, theirs, AuditReach.EVERYTHING, 5).truncated()).isFalse();
    }

    @Test
    void aReachShowsItsHostsAndItsActorsAndNothingElse() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID seen = UUID.randomUUID();
        UUID unseen = UUID.randomUUID();
        audit.record(new AuditEntry("stranger-" + tag, null, "container.stop", seen, "on-seen", Outcome.SUCCESS, null));
        audit.record(new AuditEntry("stranger-" + tag, null, "container.stop", unseen, "on-unseen", Outcome.SUCCESS, null));
        audit.record(new AuditEntry("stranger-" + tag, null, "user.create", null, "hostless", Outcome.SUCCESS, null));
        audit.record(new AuditEntry("member-" + tag, null, "container.stop", unseen, "member-on-unseen", Outcome.SUCCESS, null));
        audit.record(new AuditEntry("member-" + tag, null, "user.create", null, "member-hostless", Outcome.SUCCESS, null));
        AuditFilter all = AuditFilter.ALL;

        AuditSearch.Page byHost = search.page(all, AuditReach.of(Set.of(seen), Set.of()), 0, 1000);
        AuditSearch.Page byBoth = search.page(all, AuditReach.of(Set.of(seen), Set.of("member-" + tag)), 0, 1000);
        AuditSearch.Page nothing = search.page(all, AuditReach.NOTHING, 0, 1000);

        assertThat(resources(byHost)).containsExactly("on-seen");
        assertThat(byHost.total()).isEqualTo(1);
        assertThat(resources(byBoth)).containsExactly("member-hostless", "member-on-unseen", "on-seen");
        assertThat(nothing.items()).isEmpty();
        assertThat(nothing.total()).isZero();
    }

    @Test
    void anActionPrefixTakesLikeWildcardsLiterally() {
        String actor = "prefix-" + UUID.randomUUID();
        for (String action : List.of("a_b.stop", "axb.stop", "a%b.stop", "a\\b.stop")) {
            audit.record(new AuditEntry(actor, null, action, null, action, Outcome.SUCCESS, null));
        }

        assertThat(actions("a_b.*", actor)).containsExactly("a_b.stop");
        assertThat(actions("a%b.*", actor)).containsExactly("a%b.stop");
        assertThat(actions("a\\b.*", actor)).containsExactly("a\\b.stop");
        assertThat(actions("a*", actor)).hasSize(4);
    }

    private List<String> actions(String action, String actor) {
        return search.page(new AuditFilter(actor, null, action, null, null, null), AuditReach.EVERYTHING, 0, 100).items().stream()
                .map(e -> e.entry().action()).toList();
    }

    private static List<String> resources(AuditSearch.Page page) {
        return page.items().stream().map(e -> e.entry().resource()).toList();
    }

    record Exported(boolean truncated, List<String> resources) {}

    private static Exported export(AuditSearch search, AuditFilter filter, AuditReach reach, int cap) throws Exception {
        boolean[] truncated = {false};
        List<String> resources = new ArrayList<>();
        search.export(filter, reach, cap, new AuditSearch.Sink() {
            @Override
            public void begin(boolean cut) {
                truncated[0] = cut;
            }

            @Override
            public void entry(AuditTrail.RecordedEntry entry) {
                resources.add(entry.entry().resource());
            }
        });
        return new Exported(truncated[0], resources);
    }
}
