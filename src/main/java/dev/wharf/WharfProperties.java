package dev.wharf;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every module shares, bound from {@code wharf.*} (environment: {@code WHARF_*}).
 *
 * @param dataDir where the embedded database, the initial admin password and generated keys live
 * @param adminPassword the first admin's password ({@code WHARF_ADMIN_PASSWORD}); generated when absent
 * @param tokenLifetime how long an API token lives unless its creator asks for less
 * @param secretKey base64 of the 32-byte key that seals TLS private keys ({@code WHARF_SECRET_KEY});
 *     without it a key file in the data directory is used, generated on first start
 */
@ConfigurationProperties("wharf")
public record WharfProperties(
        @DefaultValue("./data") Path dataDir,
        String adminPassword,
        @DefaultValue("90d") Duration tokenLifetime,
        String secretKey) {

    @Override
    public String toString() {
        return "WharfProperties[dataDir=" + dataDir + ", adminPassword=" + (adminPassword == null ? "unset" : "<redacted>")
                + ", tokenLifetime=" + tokenLifetime + ", secretKey=" + (secretKey == null ? "unset" : "<redacted>") + "]";
    }
}
