package dev.wharf.engine;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
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
 * Reads PEM certificates and private keys in the forms operators bring: PKCS#8, PKCS#1 (RSA) and SEC1
 * (EC) keys, as openssl and Docker's guides produce them. Used to check material when a host is
 * registered and to build TLS contexts when an engine connects. Messages never echo the input.
 */
public final class Pem {

    public static final int MAX_LENGTH = 64 * 1024;
    private static final JcaX509CertificateConverter CERTS = new JcaX509CertificateConverter();
    private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();

    private Pem() {}

    /** Input that is not what it should be; the message says what is wrong, never what was given. */
    public static final class Malformed extends RuntimeException {
        public Malformed(String reason) {
            super(reason);
        }
    }

    /** Every certificate in {@code pem}, in order; at least one. */
    public static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object object : objects(pem)) {
            if (!(object instanceof X509CertificateHolder holder)) {
                throw new Malformed("must hold only certificates (found "
                        + object.getClass().getSimpleName().replace("PEM", "a PEM ") + ")");
            }
            try {
                certificates.add(CERTS.getCertificate(holder));
            } catch (GeneralSecurityException e) {
                throw new Malformed("holds a certificate that cannot be read");
            }
        }
        return certificates;
    }

    /** The one private key in {@code pem}; encrypted keys are refused. */
    public static PrivateKey privateKey(String pem) {
        List<Object> objects = objects(pem);
        if (objects.size() != 1) {
            throw new Malformed("must hold exactly one private key");
        }
        Object object = objects.get(0);
        if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new Malformed("is encrypted; give the key without a passphrase "
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
            throw new Malformed("holds a private key that cannot be read");
        }
        throw new Malformed("must be a PEM private key (BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    /** Every PEM block; text around blocks is ignored, as openssl does. */
    private static List<Object> objects(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new Malformed("is empty");
        }
        if (pem.length() > MAX_LENGTH) {
            throw new Malformed("is larger than " + MAX_LENGTH / 1024 + " KB");
        }
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            throw new Malformed("is not valid PEM");
        }
        if (objects.isEmpty()) {
            throw new Malformed("is not valid PEM: no -----BEGIN ...----- block found");
        }
        return objects;
    }
}
