package dev.wharf.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.TestDatabase;
import dev.wharf.testing.UsesTestDatabase;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Hosts registered before policies existed get one that denies everything, on H2 and on PostgreSQL. */
@UsesTestDatabase
class HostPolicyMigrationTests {

    @Test
    void aHostFromBeforePoliciesDeniesEveryDangerousSetting() {
        Path dataDir = TestDatabase.newDataDir();
        Map<String, Object> settings = TestDatabase.freshSettings(dataDir);
        var database = new DriverManagerDataSource(
                (String) settings.getOrDefault("spring.datasource.url", "jdbc:h2:file:" + dataDir + "/wharf"),
                (String) settings.getOrDefault("spring.datasource.username", "wharf"),
                (String) settings.getOrDefault("spring.datasource.password", ""));
        String vendor = TestDatabase.postgres() ? "postgresql" : "h2";
        var migrations = Flyway.configure().dataSource(database)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor);
        migrations.target("3").load().migrate();
        JdbcClient jdbc = JdbcClient.create(database);
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("INSERT INTO host (id, name, kind, endpoint, created_at, updated_at) VALUES (:id, 'old', 'docker', "
                + "'unix:///var/run/docker.sock', :now, :now)").param("id", id).param("now", now).update();

        migrations.target("latest").load().migrate();

        Map<String, Object> policy = jdbc.sql("SELECT policy_allow_privileged, policy_allow_host_mounts, policy_allow_capabilities, "
                + "policy_allow_devices, policy_allow_host_namespaces FROM host WHERE id = :id").param("id", id).query().singleRow();
        assertThat(new Host.StoredPolicy((Boolean) policy.get("policy_allow_privileged"),
                (String) policy.get("policy_allow_host_mounts"), (String) policy.get("policy_allow_capabilities"),
                (Boolean) policy.get("policy_allow_devices"), (Boolean) policy.get("policy_allow_host_namespaces")).policy())
                .isEqualTo(HostPolicy.DENY_ALL);
    }
}
