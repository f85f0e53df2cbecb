package dev.wharf.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.testing.UsesTestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;

/** The user and token tables, through the same repositories the console uses, on H2 and PostgreSQL. */
@UsesTestDatabase
@SpringBootTest(properties = "wharf.admin-password=repository-tests-password")
class UserAndTokenRepositoryTests {

    @Autowired
    UserAccounts users;

    @Autowired
    ApiTokens tokens;

    @Autowired
    JdbcAggregateOperations aggregates;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void aUserIsFoundByUsernameWithEverythingStored() {
        UserAccount saved = aggregates.insert(user("erin"));

        assertThat(users.findByUsername("erin")).contains(saved);
        assertThat(users.findByUsername("ERIN")).isEmpty();
    }

    @Test
    void usernamesAreUnique() {
        aggregates.insert(user("frank"));

        assertThatThrownBy(() -> aggregates.insert(user("frank"))).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aTokenIsFoundByItsHashAndMarkedUsed() {
        UserAccount owner = aggregates.insert(user("grace"));
        ApiToken token = aggregates.insert(token(owner, "a".repeat(64)));

        tokens.markUsed(token.id(), now.plusSeconds(5));

        assertThat(tokens.findByTokenHash("a".repeat(64)))
                .hasValueSatisfying(found -> assertThat(found.lastUsedAt()).isEqualTo(now.plusSeconds(5)));
    }

    @Test
    void twoTokensCannotShareAHash() {
        UserAccount owner = aggregates.insert(user("heidi"));
        aggregates.insert(token(owner, "b".repeat(64)));

        assertThatThrownBy(() -> aggregates.insert(token(owner, "b".repeat(64)))).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void deletingAUserDeletesTheirTokens() {
        UserAccount owner = aggregates.insert(user("ivan"));
        aggregates.insert(token(owner, "c".repeat(64)));

        users.delete(owner);

        assertThat(tokens.findByTokenHash("c".repeat(64))).isEmpty();
    }

    private UserAccount user(String name) {
        return new UserAccount(UUID.randomUUID(), name, "{noop}x", name, true, now, false);
    }

    private ApiToken token(UserAccount owner, String hash) {
        return new ApiToken(UUID.randomUUID(), owner.id(), "t", hash, now, now.plusSeconds(3600), null, null, null);
    }
}
