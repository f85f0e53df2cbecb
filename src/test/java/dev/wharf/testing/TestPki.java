package dev.wharf.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates and keys for tests: a CA, and certificates it issues, valid when and for whom a test says. */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestPki() {}

    /** A key pair and its certificate. */
    public record Issued(KeyPair keys, X509Certificate certificate) {

        public String certPem() {
            return pem(certificate);
        }

        /** The key as PKCS#8 ({@code BEGIN PRIVATE KEY}). */
        public String keyPem() {
            try {
                return pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The key in OpenSSL's traditional form ({@code BEGIN RSA PRIVATE KEY} / {@code BEGIN EC PRIVATE KEY}). */
        public String traditionalKeyPem() {
            try {
                // BouncyCastle's key object encodes the curve inside SEC1, as openssl does; the JDK's does not
                PrivateKey key = KeyFactory.getInstance(keys.getPrivate().getAlgorithm(), new BouncyCastleProvider())
                        .generatePrivate(new PKCS8EncodedKeySpec(keys.getPrivate().getEncoded()));
                return pem(key);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        public PrivateKey privateKey() {
            return keys.getPrivate();
        }
    }

    public static Issued ca(String name) {
        KeyPair keys = keys("EC");
        return new Issued(keys, sign(name, keys, name, keys.getPrivate(), Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(30)), true));
    }

    public static Issued issue(Issued ca, String name, String algorithm, Instant notBefore, Instant notAfter) {
        KeyPair keys = keys(algorithm);
        String issuer = ca.certificate().getSubjectX500Principal().getName();
        return new Issued(keys, sign(name, keys, issuer, ca.privateKey(), notBefore, notAfter, false));
    }

    public static Issued issue(Issued ca, String name) {
        return issue(ca, name, "EC", Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
    }

    private static KeyPair keys(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize("RSA".equals(algorithm) ? 2048 : 256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(String subject, KeyPair subjectKeys, String issuer, PrivateKey issuerKey,
            Instant notBefore, Instant notAfter, boolean ca) {
        try {
            var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(notBefore), Date.from(notAfter), new X500Name(subject), subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            String algorithm = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
