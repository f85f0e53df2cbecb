package dev.wharf.hosts;

import dev.wharf.web.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Checked client TLS material: a CA bundle, a client certificate (chain) and its private key, each in
 * PEM. Refuses malformed PEM, encrypted keys, a key that does not belong to the certificate, and
 * certificates outside their validity. Accepts PKCS#8, PKCS#1 (RSA) and SEC1 (EC) keys, as openssl
 * and Docker's own guides produce them.
 */
record TlsMaterial(String caPem, String certPem, String keyPem, String subject, Instant expiresAt) {

    static final int MAX_PEM = 64 * 1024;
    private static final JcaX509CertificateConverter CERTS = new JcaX509CertificateConverter();
    private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();

    static TlsMaterial check(HostRegistration.TlsPems pems, Instant now) {
        if (pems.ca() == null || pems.ca().isBlank()) {
            throw new InvalidInputException("tls.ca", "is required: the CA certificate that signed the engine's certificate");
        }
        if (pems.cert() == null || pems.cert().isBlank()) {
            throw new InvalidInputException("tls.cert", "is required: the client certificate");
        }
        if (pems.key() == null || pems.key().isBlank()) {
            throw new InvalidInputException("tls.key", "is required: the client certificate's private key");
        }
        List<X509Certificate> cas = certificates("tls.ca", pems.ca(), now);
        List<X509Certificate> chain = certificates("tls.cert", pems.cert(), now);
        PrivateKey key = privateKey(pems.key());
        X509Certificate leaf = chain.get(0);
        if (!belongTogether(key, leaf)) {
            throw new InvalidInputException("tls.key", "does not match the client certificate ("
                    + leaf.getSubjectX500Principal().getName() + ")");
        }
        return new TlsMaterial(pems.ca().strip(), pems.cert().strip(), pems.key().strip(),
                leaf.getSubjectX500Principal().getName(), leaf.getNotAfter().toInstant());
    }

    private static List<X509Certificate> certificates(String field, String pem, Instant now) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object object : pemObjects(field, pem)) {
            if (!(object instanceof X509CertificateHolder holder)) {
                throw new InvalidInputException(field, "must hold only certificates (found "
                        + object.getClass().getSimpleName().replace("PEM", "a PEM ") + ")");
            }
            X509Certificate certificate;
            try {
                certificate = CERTS.getCertificate(holder);
            } catch (GeneralSecurityException e) {
                throw new InvalidInputException(field, "holds a certificate that cannot be read");
            }
            try {
                certificate.checkValidity(Date.from(now));
            } catch (CertificateExpiredException e) {
                throw new InvalidInputException(field, "the certificate " + certificate.getSubjectX500Principal().getName()
                        + " expired on " + certificate.getNotAfter().toInstant());
            } catch (CertificateNotYetValidException e) {
                throw new InvalidInputException(field, "the certificate " + certificate.getSubjectX500Principal().getName()
                        + " is not valid before " + certificate.getNotBefore().toInstant());
            }
            certificates.add(certificate);
        }
        return certificates;
    }

    private static PrivateKey privateKey(String pem) {
        List<Object> objects = pemObjects("tls.key", pem);
        if (objects.size() != 1) {
            throw new InvalidInputException("tls.key", "must hold exactly one private key");
        }
        Object object = objects.get(0);
        if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new InvalidInputException("tls.key", "is encrypted; give the key without a passphrase "
                    + "(openssl pkey -in key.pem -out plain.pem); Wharf encrypts it at rest itself");
        }
        try {
            if (object instanceof PEMKeyPair pair) {
                // only the private part: an EC key written without its public point is still a good key
                return KEYS.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (object instanceof PrivateKeyInfo info) {
                return KEYS.getPrivateKey(info);
            }
        } catch (IOException e) {
            throw new InvalidInputException("tls.key", "holds a private key that cannot be read");
        }
        throw new InvalidInputException("tls.key", "must be a PEM private key (BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    /** Reads every PEM block; text around blocks is ignored, as openssl does. */
    private static List<Object> pemObjects(String field, String pem) {
        if (pem.length() > MAX_PEM) {
            throw new InvalidInputException(field, "is larger than " + MAX_PEM / 1024 + " KB");
        }
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(field, "is not valid PEM");
        }
        if (objects.isEmpty()) {
            throw new InvalidInputException(field, "is not valid PEM: no -----BEGIN ...----- block found");
        }
        return objects;
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

    @Override
    public String toString() {
        return "TlsMaterial[" + subject + ", expires " + expiresAt + ", key=<redacted>]";
    }
}
