package dev.wharf.testing;

import java.util.UUID;

/** Images the tests put into the local registry, so that pulling them moves real bytes. */
public final class TestImagesInRegistry {

    private TestImagesInRegistry() {}

    /**
     * Builds an image with a fresh 32 MB layer on the tls engine, pushes it to the local registry and
     * leaves both engines without it, so pulling it there downloads for real.
     */
    public static String pushImageWithABigLayer() {
        TestEngines.ensureImage(TestEngines.tlsSocket());
        String reference = TestEngines.registry() + "/wharf/big:" + UUID.randomUUID().toString().substring(0, 8);
        String builder = "wharf-big-" + UUID.randomUUID().toString().substring(0, 8);
        TestEngines.cli(TestEngines.tlsSocket(), "run", "--network", "none", "--name", builder, TestEngines.IMAGE,
                "sh", "-c", "head -c 32000000 /dev/urandom > /big.bin");
        TestEngines.cli(TestEngines.tlsSocket(), "commit", builder, reference);
        TestEngines.cli(TestEngines.tlsSocket(), "rm", builder);
        TestEngines.cli(TestEngines.tlsSocket(), "push", reference);
        // the registry holds it now; 32 MB a run would otherwise pile up on the builder engine
        TestEngines.cli(TestEngines.tlsSocket(), "rmi", reference);
        return reference;
    }
}
