package dev.jetway.core.tls;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.tls.PemLoader;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads PEM certificates and private keys (PKCS#8 {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY}, SEC1
 * {@code EC PRIVATE KEY}), and builds the key and trust stores Jetty takes. What the JDK reads itself goes through
 * {@link JdkPem}; the rest through BouncyCastle's parser, loaded only then.
 */
public final class PemFiles implements PemLoader {

    /** Resolves a path named in the config, reporting a missing file against its field. */
    @FunctionalInterface
    public interface FileResolver {
        Path resolve(String field, String path) throws ConfigException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(PemFiles.class);

    private final FileResolver resolver;

    public PemFiles(FileResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public List<X509Certificate> certificates(String field, String path) throws ConfigException {
        Path file = resolver.resolve(field, path);
        String text = text(field, file);
        JdkPem jdk = JdkPem.parse(text);
        List<X509Certificate> certificates = jdk == null ? null : jdk.certificates();
        if (certificates != null && !certificates.isEmpty()) {
            return certificates;
        }
        certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object object : read(field, file, text)) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new ConfigException(field, "cannot read a certificate in " + file + ": " + e.getMessage());
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new ConfigException(field, "no certificate found in " + file + " (expected PEM \"BEGIN CERTIFICATE\" blocks)");
        }
        return certificates;
    }

    @Override
    public KeyStore trustStore(String field, String path) throws ConfigException {
        List<X509Certificate> certificates = certificates(field, path);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException(field, "cannot build a trust store: " + e.getMessage());
        }
    }

    @Override
    public KeyStore keyStore(String certField, String certPath, String keyField, String keyPath) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        List<X509Certificate> chain = null;
        PrivateKey key = null;
        try {
            chain = certificates(certField, certPath);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        try {
            key = privateKey(keyField, keyPath);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        X509Certificate leaf = chain.get(0);
        if (!belongTogether(key, leaf.getPublicKey())) {
            throw new ConfigException(keyField, "the private key in " + keyPath + " does not match the certificate in "
                    + certPath + " (" + leaf.getSubjectX500Principal().getName() + ")");
        }
        warnIfNotCurrent(certPath, leaf);
        try {
            // In memory only, never written: JKS's cheap key protection, where PKCS12 would run 10,000 PBKDF2
            // rounds to seal the key and as many again for the key manager to open it (a tenth of the CPU time
            // from start to the first proxied request, in a profile).
            KeyStore store = KeyStore.getInstance("JKS");
            store.load(null, null);
            store.setKeyEntry("key", key, KEY_PASSWORD.toCharArray(), chain.toArray(new X509Certificate[0]));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException(keyField, "cannot build a key store: " + e.getMessage());
        }
    }

    /** The single private key of a PEM file. */
    public PrivateKey privateKey(String field, String path) throws ConfigException {
        Path file = resolver.resolve(field, path);
        String text = text(field, file);
        JdkPem jdk = JdkPem.parse(text);
        List<PrivateKey> keys = jdk == null ? null : jdk.privateKeys();
        if (keys == null || keys.isEmpty()) {
            keys = bouncyCastleKeys(field, file, text);
        }
        if (keys.isEmpty()) {
            throw new ConfigException(field, "no private key found in " + file
                    + " (expected PEM \"BEGIN PRIVATE KEY\", \"BEGIN RSA PRIVATE KEY\" or \"BEGIN EC PRIVATE KEY\")");
        }
        if (keys.size() > 1) {
            throw new ConfigException(field, keys.size() + " private keys found in " + file + "; expected exactly one");
        }
        return keys.get(0);
    }

    /** PKCS#1, SEC1 and whatever else BouncyCastle reads, with a clear refusal of encrypted keys. */
    private List<PrivateKey> bouncyCastleKeys(String field, Path file, String text) throws ConfigException {
        List<PrivateKey> keys = new ArrayList<>();
        JcaPEMKeyConverter keyConverter = new JcaPEMKeyConverter();
        for (Object object : read(field, file, text)) {
            try {
                if (object instanceof PEMKeyPair pair) {
                    keys.add(keyConverter.getPrivateKey(pair.getPrivateKeyInfo()));
                } else if (object instanceof PrivateKeyInfo info) {
                    keys.add(keyConverter.getPrivateKey(info));
                } else if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new ConfigException(field, "the private key in " + file
                            + " is encrypted; decrypt it first: openssl pkey -in " + file + " -out key.pem");
                }
            } catch (IOException e) {
                throw new ConfigException(field, "cannot read the private key in " + file + ": " + e.getMessage());
            }
        }
        return keys;
    }

    private static String text(String field, Path file) throws ConfigException {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ConfigException(field, "cannot read PEM file " + file + ": " + e.getMessage());
        }
    }

    /** BouncyCastle's reading of {@code text}, the content of {@code file} as read once for both parsers. */
    private List<Object> read(String field, Path file, String text) throws ConfigException {
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (!(object instanceof ASN1ObjectIdentifier) && !(object instanceof X9ECParameters)) {
                    objects.add(object);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(field, "cannot read PEM file " + file + ": " + e.getMessage());
        }
        return objects;
    }

    /** Signs and verifies a probe: works for RSA, EC and EdDSA keys alike, whatever their encoding. */
    private static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519 and Ed448 name their own signature
        };
        try {
            byte[] probe = "jetway key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static void warnIfNotCurrent(String path, X509Certificate leaf) {
        Date now = new Date();
        if (now.after(leaf.getNotAfter())) {
            LOG.warn("Certificate {} ({}) expired on {}", path, leaf.getSubjectX500Principal().getName(), leaf.getNotAfter());
        } else if (now.before(leaf.getNotBefore())) {
            LOG.warn("Certificate {} ({}) is not valid before {}", path, leaf.getSubjectX500Principal().getName(), leaf.getNotBefore());
        }
    }
}
