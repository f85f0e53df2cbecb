package dev.wharf.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.WharfProperties;
import dev.wharf.testing.Http;
import dev.wharf.testing.UsesTestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A first start without WHARF_ADMIN_PASSWORD: the generated password goes to a file, never the log. */
@UsesTestDatabase
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=")
class InitialAdminTests {

    @Autowired
    WharfProperties properties;

    @Autowired
    InitialAdmin initialAdmin;

    @LocalServerPort
    int port;

    @Test
    void theGeneratedPasswordIsInAnOwnerOnlyFileAndSignsIn(CapturedOutput output) throws IOException {
        Path file = properties.dataDir().resolve(InitialAdmin.PASSWORD_FILE);

        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String password = Files.readString(file).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);

        var created = new Http(port).postJson("/api/v1/auth/tokens", "{}", Http.basic("admin", password));
        assertThat(created.statusCode()).isEqualTo(201);

        // the context started inside this class's output capture, so its start-up log is here
        assertThat(output.getAll()).contains(file.toAbsolutePath().normalize().toString()).doesNotContain(password);
    }

    @Test
    void aSecondStartLeavesTheAdminAndItsPasswordAlone() throws IOException {
        Path file = properties.dataDir().resolve(InitialAdmin.PASSWORD_FILE);
        String before = Files.readString(file);

        initialAdmin.run(null);

        assertThat(Files.readString(file)).isEqualTo(before);
    }
}
