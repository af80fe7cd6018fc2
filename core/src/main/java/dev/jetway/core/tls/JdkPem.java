package dev.jetway.core.tls;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PEM the JDK reads on its own: {@code CERTIFICATE} blocks and unencrypted PKCS#8 {@code PRIVATE KEY}s, which is
 * what openssl, cert-manager and most CAs write. Reading them without BouncyCastle keeps its signed jars out of
 * start-up (verifying their signatures took about 0.2 s of CPU before the first proxied request); anything else
 * (PKCS#1, SEC1, encrypted keys, unusual blocks) is left to {@link PemFiles}' BouncyCastle path.
 */
final class JdkPem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\R([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "EdDSA", "RSASSA-PSS"};

    private record Block(String type, byte[] der) {
    }

    private final List<Block> blocks;

    private JdkPem(List<Block> blocks) {
        this.blocks = blocks;
    }

    /**
     * The file's blocks when all of them are ones the JDK reads, else {@code null}. Text between blocks (openssl's
     * {@code subject=} lines, bag attributes) is skipped, as BouncyCastle skips it.
     */
    static JdkPem parse(String text) {
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            String type = matcher.group(1);
            if (!type.equals("CERTIFICATE") && !type.equals("PRIVATE KEY")) {
                return null;
            }
            try {
                blocks.add(new Block(type, Base64.getMimeDecoder().decode(matcher.group(2))));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        // A block the pattern did not take is malformed: BouncyCastle's reading says how.
        boolean allTaken = blocks.size() == text.split("-----BEGIN ", -1).length - 1;
        return blocks.isEmpty() || !allTaken ? null : new JdkPem(blocks);
    }

    /** @return the certificates, or {@code null} when one of them is not one the JDK parses */
    List<X509Certificate> certificates() {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks) {
                if (block.type().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (GeneralSecurityException e) {
            return null;
        }
        return certificates;
    }

    /** @return the private keys, or {@code null} when one of them is of an algorithm the JDK does not know */
    List<PrivateKey> privateKeys() {
        List<PrivateKey> keys = new ArrayList<>();
        for (Block block : blocks) {
            if (block.type().equals("PRIVATE KEY")) {
                PrivateKey key = privateKey(block.der());
                if (key == null) {
                    return null;
                }
                keys.add(key);
            }
        }
        return keys;
    }

    private static PrivateKey privateKey(byte[] der) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // another algorithm's key: try the next
            }
        }
        return null;
    }
}
