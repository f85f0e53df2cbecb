package dev.wharf.hosts;

import dev.wharf.web.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.multipart.MultipartFile;

/**
 * The register/edit form. PEM text can be pasted or uploaded; an uploaded file wins over pasted text.
 * The same form is posted to save and to test the connection.
 */
record HostForm(String name, String group, String kind, String endpoint, String tlsCa, String tlsCert,
        String tlsKey, MultipartFile tlsCaFile, MultipartFile tlsCertFile, MultipartFile tlsKeyFile) {

    static HostForm empty() {
        return new HostForm("", "", "docker", "", "", "", "", null, null, null);
    }

    static HostForm of(RegisteredHost host) {
        return new HostForm(host.name(), host.group(), host.kind().apiName(), host.endpoint(), "", "", "", null, null, null);
    }

    HostRegistration registration() {
        String ca = pem(tlsCaFile, tlsCa);
        String cert = pem(tlsCertFile, tlsCert);
        String key = pem(tlsKeyFile, tlsKey);
        boolean anyTls = !ca.isBlank() || !cert.isBlank() || !key.isBlank();
        return new HostRegistration(name, group, kind, endpoint, anyTls ? new HostRegistration.TlsPems(ca, cert, key) : null);
    }

    /**
     * What the form shows again (after a refusal, or a test without script): uploaded certificates as text,
     * since a browser cannot fill a file field again; never the private key, which must be given again.
     */
    HostForm withoutKey() {
        return new HostForm(name, group, kind, endpoint, textOf(tlsCaFile, tlsCa), textOf(tlsCertFile, tlsCert), "",
                null, null, null);
    }

    private static String textOf(MultipartFile file, String text) {
        try {
            return pem(file, text);
        } catch (InvalidInputException unreadable) {
            return text;
        }
    }

    private static String pem(MultipartFile file, String text) {
        try {
            if (file != null && !file.isEmpty()) {
                return new String(file.getBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new InvalidInputException("tls", "the uploaded file could not be read");
        }
        return text == null ? "" : text;
    }
}
