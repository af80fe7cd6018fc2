package dev.jetway.core.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.jetway.api.ConfigException;
import dev.jetway.core.testing.TestCertificates;
import dev.jetway.core.testing.TestCertificates.Issued;
import dev.jetway.core.testing.TestCertificates.KeyFormat;
import dev.jetway.core.testing.TestCertificates.KeyType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM as tools write it: openssl's extra text, chains, combined files, Ed25519, encrypted and broken keys. */
class PemFilesTest {

    @TempDir
    static Path dir;
    static TestCertificates ca;
    static Issued server;
    static PemFiles pem;

    @BeforeAll
    static void setUp() {
        ca = TestCertificates.newCa("pem CA");
        server = ca.server(KeyType.EC, "localhost");
        pem = new PemFiles((field, path) -> dir.resolve(path));
    }

    @Test
    void aChainWithOpensslsSubjectLinesBetweenBlocks() throws Exception {
        Files.writeString(dir.resolve("chain.pem"), "subject=CN = localhost\nissuer=CN = pem CA\n"
                + TestCertificates.pem(server.certificate()) + "\nsubject=CN = pem CA\n" + TestCertificates.pem(ca.ca().certificate()));
        List<X509Certificate> chain = pem.certificates("cert", "chain.pem");
        assertEquals(List.of(server.certificate(), ca.ca().certificate()), chain);
    }

    @Test
    void aCombinedFileHoldsTheCertificateAndItsKey() throws Exception {
        Files.writeString(dir.resolve("combined.pem"), TestCertificates.pem(server.certificate())
                + TestCertificates.keyPem(server.key(), KeyFormat.PKCS8));
        assertEquals(List.of(server.certificate()), pem.certificates("cert", "combined.pem"));
        assertArrayEquals(server.key().getEncoded(), pem.privateKey("key", "combined.pem").getEncoded());
        assertEquals("EC", pem.keyStore("cert", "combined.pem", "key", "combined.pem").getKey("key",
                dev.jetway.api.tls.PemLoader.KEY_PASSWORD.toCharArray()).getAlgorithm());
    }

    @Test
    void everyKeyEncodingGivesTheSameKey() throws Exception {
        Issued rsa = ca.server(KeyType.RSA, "localhost");
        for (KeyFormat format : KeyFormat.values()) {
            Issued issued = format == KeyFormat.SEC1 ? server : rsa;
            String file = "key-" + format + ".pem";
            Files.writeString(dir.resolve(file), TestCertificates.keyPem(issued.key(), format));
            assertEquals(secret(issued.key()), secret(pem.privateKey("key", file)), format.name());
        }
    }

    /** The secret number itself: encodings differ (SEC1 carries the public point, PKCS#8 from the JDK does not). */
    private static java.math.BigInteger secret(java.security.PrivateKey key) {
        return key instanceof java.security.interfaces.ECPrivateKey ec ? ec.getS()
                : ((java.security.interfaces.RSAPrivateKey) key).getPrivateExponent();
    }

    @Test
    void ed25519KeysAsOpensslWritesThem() throws Exception {
        openssl("genpkey", "-algorithm", "ed25519", "-out", dir.resolve("ed.pem").toString());
        assertEquals("EdDSA", pem.privateKey("key", "ed.pem").getAlgorithm());
    }

    @Test
    void anEncryptedKeyIsRefusedWithTheCommandThatDecryptsIt() throws Exception {
        openssl("genpkey", "-algorithm", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes256", "-pass", "pass:secret",
                "-out", dir.resolve("encrypted.pem").toString());
        ConfigException refused = assertThrows(ConfigException.class, () -> pem.privateKey("key", "encrypted.pem"));
        assertTrue(refused.getMessage().contains("is encrypted; decrypt it first: openssl pkey -in"), refused.getMessage());
    }

    @Test
    void aBrokenBlockNamesTheFile() throws Exception {
        String good = TestCertificates.pem(server.certificate());
        Files.writeString(dir.resolve("broken.pem"), good.substring(0, good.length() / 2) + "-----END CERTIFICATE-----\n");
        ConfigException refused = assertThrows(ConfigException.class, () -> pem.certificates("cert", "broken.pem"));
        assertTrue(refused.getMessage().contains("broken.pem"), refused.getMessage());
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0, output);
    }
}
