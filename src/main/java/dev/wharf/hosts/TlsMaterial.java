package dev.wharf.hosts;

import dev.wharf.engine.EngineTarget;
import dev.wharf.engine.Pem;
import dev.wharf.web.InvalidInputException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

/**
 * Checked client TLS material: a CA bundle, a client certificate (chain) and its private key, each in
 * PEM. Refuses malformed PEM, encrypted keys, a key that does not belong to the certificate, and
 * certificates outside their validity, each with the field at fault.
 */
record TlsMaterial(String caPem, String certPem, String keyPem, String subject, Instant expiresAt) {

    static TlsMaterial check(HostRegistration.TlsPems pems, Instant now) {
        require("tls.ca", pems.ca(), "the CA certificate that signed the engine's certificate");
        require("tls.cert", pems.cert(), "the client certificate");
        require("tls.key", pems.key(), "the client certificate's private key");
        List<X509Certificate> cas = read("tls.ca", () -> Pem.certificates(pems.ca()));
        List<X509Certificate> chain = read("tls.cert", () -> Pem.certificates(pems.cert()));
        PrivateKey key = read("tls.key", () -> Pem.privateKey(pems.key()));
        cas.forEach(ca -> requireValid("tls.ca", ca, now));
        chain.forEach(cert -> requireValid("tls.cert", cert, now));
        X509Certificate leaf = chain.get(0);
        if (!belongTogether(key, leaf)) {
            throw new InvalidInputException("tls.key", "does not match the client certificate ("
                    + leaf.getSubjectX500Principal().getName() + ")");
        }
        return new TlsMaterial(pems.ca().strip(), pems.cert().strip(), pems.key().strip(),
                leaf.getSubjectX500Principal().getName(), leaf.getNotAfter().toInstant());
    }

    /**
     * The material an endpoint needs: none for unix and npipe, checked material for tcp. On an edit
     * ({@code stored}), a tcp endpoint without new material keeps the stored one (null here).
     */
    static TlsMaterial forEndpoint(boolean tcp, HostRegistration.TlsPems given, Instant now, boolean stored) {
        if (!tcp) {
            if (given != null) {
                throw new InvalidInputException("tls", "only tcp:// endpoints use TLS material");
            }
            return null;
        }
        if (given == null) {
            if (stored) {
                return null;
            }
            throw new InvalidInputException("tls", "a tcp:// endpoint needs TLS material (ca, cert and key): "
                    + "Wharf never talks to a Docker engine over plain TCP");
        }
        return check(given, now);
    }

    private static void require(String field, String pem, String what) {
        if (pem == null || pem.isBlank()) {
            throw new InvalidInputException(field, "is required: " + what);
        }
    }

    private static <T> T read(String field, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (Pem.Malformed e) {
            throw new InvalidInputException(field, e.getMessage());
        }
    }

    private static void requireValid(String field, X509Certificate certificate, Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new InvalidInputException(field, "the certificate " + certificate.getSubjectX500Principal().getName()
                    + " expired on " + certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new InvalidInputException(field, "the certificate " + certificate.getSubjectX500Principal().getName()
                    + " is not valid before " + certificate.getNotBefore().toInstant());
        }
    }

    /** Signs a random challenge with the key and verifies it with the certificate: works for RSA, EC and EdDSA. */
    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448: no separate digest
        };
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    EngineTarget.TlsMaterial engineMaterial() {
        return new EngineTarget.TlsMaterial(caPem, certPem, keyPem);
    }

    @Override
    public String toString() {
        return "TlsMaterial[" + subject + ", expires " + expiresAt + ", key=<redacted>]";
    }
}
