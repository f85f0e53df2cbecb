package dev.wharf.access;

import dev.wharf.WharfProperties;
import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start with an empty database, creates the {@code admin} user so somebody can sign in.
 * The password is {@code WHARF_ADMIN_PASSWORD}, or a generated one written to
 * {@code <data-dir>/initial-admin-password} readable only by the console's own account. The log names
 * the file, never the password.
 */
@Component
class InitialAdmin implements ApplicationRunner {

    static final String USERNAME = "admin";
    static final String PASSWORD_FILE = "initial-admin-password";
    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);

    private final UserAccounts users;
    private final JdbcAggregateOperations aggregates;
    private final PasswordEncoder encoder;
    private final WharfProperties properties;
    private final AuditTrail audit;
    private final Clock clock;
    private final AccessBindings bindings;
    private final TransactionTemplate transactions;

    InitialAdmin(UserAccounts users, JdbcAggregateOperations aggregates, PasswordEncoder encoder,
            WharfProperties properties, AuditTrail audit, Clock clock,
            AccessBindings bindings, PlatformTransactionManager transactionManager) {
        this.users = users;
        this.aggregates = aggregates;
        this.encoder = encoder;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
        this.bindings = bindings;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        String configured = properties.adminPassword();
        boolean generated = configured == null || configured.isBlank();
        String password = generated ? RandomSecrets.base64Url(18) : configured;
        // The file first: an admin whose generated password was never written down would lock everybody out.
        Path file = generated ? writeOwnerOnly(properties.dataDir().resolve(PASSWORD_FILE), password) : null;
        try {
            // both or neither: an admin without its binding could sign in and do nothing, and nobody could fix it
            transactions.executeWithoutResult(status -> {
                UserAccount admin = aggregates.insert(new UserAccount(UUID.randomUUID(), USERNAME, encoder.encode(password),
                        "Administrator", true, clock.instant(), false));
                bindings.makeAdmin(admin.id(), "system");
            });
        } catch (DuplicateKeyException e) {
            deleteQuietly(file); // another console replica sharing this database created it first
            return;
        }
        if (generated) {
            log.warn("Created user '{}'. Its generated password is in {}; store it somewhere safe and delete the file.",
                    USERNAME, file.toAbsolutePath().normalize());
        } else {
            log.info("Created user '{}' with the password from WHARF_ADMIN_PASSWORD.", USERNAME);
        }
        audit.record(new AuditEntry("system", null, "user.create", null, USERNAME, AuditEntry.Outcome.SUCCESS,
                generated ? "initial admin, generated password" : "initial admin, password from WHARF_ADMIN_PASSWORD"));
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // the file names a password that was never stored; harmless if it stays
        }
    }

    private static Path writeOwnerOnly(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                // created 0600 from the start, so the password is never readable by others, not even briefly
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file); // Windows: the data directory's ACL applies
            }
            Files.writeString(file, content + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the initial admin password to " + file, e);
        }
    }
}
