package dev.wharf.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.wharf.access.Permission;
import dev.wharf.engine.ContainerState;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.hosts.HostKind;
import dev.wharf.hosts.HostStatuses;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import dev.wharf.web.InvalidInputException;
import dev.wharf.web.PageOf;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.security.core.Authentication;

/**
 * The fleet search over a few hundred containers on three hosts, fed to the inventory directly: every
 * filter finds exactly what it says, every sort orders every page, and the pages together hold every
 * match exactly once. The expectations are computed here from the generated containers, not written down.
 */
class ContainerSearchTests {

    static final List<String> IMAGES = List.of("nginx:1.27", "nginx:1.26", "redis:7", "registry.example:5000/team/app:2",
            "registry.example:5000/team/app@sha256:" + "a".repeat(64), "postgres:17");
    static final List<String> APPS = List.of("web", "db", "cache", "queue");

    final VisibleHosts visible = mock(VisibleHosts.class);
    final Inventory inventory = mock(Inventory.class);
    final HostStatuses statuses = new HostStatuses();
    final ContainerSearch search = new ContainerSearch(visible, statuses, inventory);
    final Authentication caller = mock(Authentication.class);

    final List<RegisteredHost> hosts = List.of(PageFixtures.host("alpha", "lab", HostKind.DOCKER),
            PageFixtures.host("bravo", "lab", HostKind.DOCKER), PageFixtures.host("charlie", null, HostKind.DOCKER));
    final RegisteredHost silent = PageFixtures.host("delta", "lab", HostKind.DOCKER);
    /** Every container, with its host, in the inventory's order (host by host as the registry lists them). */
    final List<ContainerSearch.Found> all = new ArrayList<>();

    @BeforeEach
    void sixHundredContainersOnThreeHosts() {
        Random random = new Random(20261128);
        Map<java.util.UUID, Inventory.Snapshot> snapshots = new LinkedHashMap<>();
        for (RegisteredHost host : hosts) {
            statuses.report(host.id(), host.name().equals("charlie") ? "down" : "up", null);
            List<ContainerSummary> containers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Map<String, String> labels = new LinkedHashMap<>();
                if (random.nextInt(3) > 0) {
                    labels.put("app", APPS.get(random.nextInt(APPS.size())));
                }
                if (random.nextBoolean()) {
                    labels.put("tier", random.nextBoolean() ? "front" : "back");
                }
                String name = random.nextInt(50) == 0 ? null : "svc-" + host.name() + "-" + random.nextInt(1000);
                String image = random.nextInt(40) == 0 ? null : IMAGES.get(random.nextInt(IMAGES.size()));
                Instant created = random.nextInt(30) == 0 ? null : Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(86_400 * 300));
                ContainerState state = ContainerState.values()[random.nextInt(ContainerState.values().length)];
                containers.add(new ContainerSummary(PageFixtures.idOf(host.name() + i), name, image, state, state.apiName(), created,
                        labels, List.of(), List.of(), List.of()));
            }
            containers.forEach(c -> all.add(new ContainerSearch.Found(host, statuses.of(host.id()).state(), c)));
            snapshots.put(host.id(), new Inventory.Snapshot(containers, List.of(), List.of(), List.of(), java.util.Optional.empty(),
                    Instant.now()));
        }
        when(inventory.all()).thenReturn(snapshots);
        List<RegisteredHost> registered = new ArrayList<>(hosts);
        registered.add(silent); // registered and readable, never listed
        when(visible.matching(eq(caller), eq(Permission.CONTAINER_READ), any(), any())).thenAnswer(call -> {
            String host = call.getArgument(2);
            String group = call.getArgument(3);
            return registered.stream().filter(h -> host == null || host.isBlank() || host.equals(h.name()) || host.equals(h.id().toString()))
                    .filter(h -> group == null || group.isBlank() || group.equals(h.group())).toList();
        });
    }

    @ParameterizedTest(name = "q={0} state={1} host={2} group={3} image={4} label={5}")
    @CsvSource(nullValues = "-", value = {
        "-,-,-,-,-,-",
        "SVC-ALPHA,-,-,-,-,-",
        "-,running,-,-,-,-",
        "-,-,bravo,-,-,-",
        "-,-,-,lab,-,-",
        "-,-,-,-,nginx,-",
        "-,-,-,-,nginx:1.26,-",
        "-,-,-,-,registry.example:5000/team/app,-",
        "-,-,-,-,-,app",
        "-,-,-,-,-,app=db",
        "-,-,-,-,-,tier=",
        "redis,exited,-,lab,-,tier=front",
        "9,-,-,-,-,-",
    })
    void thePagesTogetherHoldEveryMatchExactlyOnce(String q, String state, String host, String group, String image, String label) {
        ContainerSearch.Query query = ContainerSearch.Query.of(q, state, host, group, image, label, null, null);
        List<ContainerSearch.Found> expected = all.stream().filter(matching(q, state, host, group, image, label)).toList();

        List<ContainerSearch.Found> seen = everyPage(query, 50);

        assertThat(seen).as("in the inventory's order").containsExactlyElementsOf(expected);
        assertThat(new HashSet<>(seen.stream().map(f -> f.container().id()).toList())).hasSameSizeAs(seen);
        if (!"tier=".equals(label)) {
            assertThat(expected).as("a filter worth testing finds something").isNotEmpty();
        }
    }

    @ParameterizedTest(name = "sort={0} dir={1}")
    @CsvSource({"name,asc", "name,desc", "host,asc", "host,desc", "state,asc", "state,desc", "image,asc", "image,desc",
        "created,asc", "created,desc"})
    void everySortOrdersEveryPageAndKeepsMissingValuesLast(String sort, String dir) {
        List<ContainerSearch.Found> seen = everyPage(ContainerSearch.Query.of(null, null, null, null, null, null, sort, dir), 37);

        assertThat(seen).hasSize(all.size());
        Comparator<ContainerSearch.Found> order = order(sort, dir.equals("desc"));
        for (int i = 1; i < seen.size(); i++) {
            assertThat(order.compare(seen.get(i - 1), seen.get(i))).as("row %d before row %d", i - 1, i).isLessThanOrEqualTo(0);
        }
    }

    @Test
    void aPagePastTheEndIsEmptyButStillCountsEverything() {
        PageOf<ContainerSearch.Found> page = search.search(caller, ContainerSearch.Query.of(null, null, null, null, null, null, null, null),
                99, 50).page();

        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isEqualTo(all.size());
    }

    @Test
    void aHostThatNeverAnsweredIsNamedRatherThanSilentlyMissing() {
        ContainerSearch.Result result = search.search(caller, ContainerSearch.Query.of(null, null, null, "lab", null, null, null, null),
                0, 10);

        assertThat(result.neverListed()).containsExactly(silent);
        assertThat(result.searched()).hasSize(3);
    }

    @Test
    void aDownHostsContainersAreStillFoundAndMarkedWithItsStatus() {
        List<ContainerSearch.Found> found = everyPage(ContainerSearch.Query.of(null, null, "charlie", null, null, null, null, null), 100);

        assertThat(found).hasSize(200).allSatisfy(f -> assertThat(f.hostStatus()).isEqualTo("down"));
    }

    @Test
    void whatCannotBeReadIsRefusedNamingTheField() {
        assertThatThrownBy(() -> ContainerSearch.Query.of(null, null, null, null, null, null, "size", null))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("sort");
        assertThatThrownBy(() -> ContainerSearch.Query.of(null, null, null, null, null, null, "name", "up"))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("dir");
        assertThatThrownBy(() -> search.search(caller, ContainerSearch.Query.of(null, "sleeping", null, null, null, null, null, null), 0, 10))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("state");
    }

    private List<ContainerSearch.Found> everyPage(ContainerSearch.Query query, int size) {
        List<ContainerSearch.Found> seen = new ArrayList<>();
        for (int page = 0; ; page++) {
            PageOf<ContainerSearch.Found> one = search.search(caller, query, page, size).page();
            seen.addAll(one.items());
            if (one.items().size() < size) {
                assertThat(one.total()).as("total").isEqualTo(seen.size());
                return seen;
            }
        }
    }

    /** The filters as the API documents them, written out plainly. */
    private static Predicate<ContainerSearch.Found> matching(String q, String state, String host, String group, String image,
            String label) {
        return found -> {
            ContainerSummary c = found.container();
            String needle = q == null ? null : q.toLowerCase(Locale.ROOT);
            boolean byText = needle == null || (c.name() != null && c.name().toLowerCase(Locale.ROOT).contains(needle))
                    || (c.image() != null && c.image().toLowerCase(Locale.ROOT).contains(needle)) || c.id().startsWith(needle);
            boolean byState = state == null || c.state().apiName().equals(state);
            boolean byHost = host == null || found.host().name().equals(host);
            boolean byGroup = group == null || group.equals(found.host().group());
            boolean byImage = image == null || image.equals(c.image())
                    || (c.image() != null && !image.contains("@") && !image.substring(image.lastIndexOf('/') + 1).contains(":")
                            && c.image().matches(java.util.regex.Pattern.quote(image) + "(:[^/]+|@sha256:[0-9a-f]+)"));
            boolean byLabel = label == null || (label.contains("=")
                    ? label.substring(label.indexOf('=') + 1).equals(c.labels().get(label.substring(0, label.indexOf('='))))
                    : c.labels().containsKey(label));
            return byText && byState && byHost && byGroup && byImage && byLabel;
        };
    }

    /** The documented order: the column (missing values last either way), then name, host name and id ascending. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<ContainerSearch.Found> order(String sort, boolean descending) {
        Function<ContainerSearch.Found, Comparable> key = switch (sort) {
            case "name" -> f -> lower(f.container().name());
            case "host" -> f -> f.host().name();
            case "state" -> f -> f.container().state().apiName();
            case "image" -> f -> lower(f.container().image());
            default -> f -> f.container().createdAt();
        };
        Comparator<Comparable> direction = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return Comparator.comparing(key, Comparator.nullsLast(direction))
                .thenComparing(f -> lower(f.container().name()), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(f -> f.host().name()).thenComparing(f -> f.container().id());
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
