package dev.jetway.core.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made in the test with BouncyCastle: a CA, and server and client certificates it signs, written as PEM
 * in whichever private-key encoding a test needs. Nothing is committed; every run makes fresh keys.
 */
public final class TestCertificates {

    /** Private key encodings listeners must read. */
    public enum KeyFormat { PKCS8, PKCS1, SEC1 }

    public enum KeyType { RSA, EC }

    /** A certificate and its key; {@code chain} starts with the certificate itself. */
    public record Issued(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {

        /** Writes {@code cert.pem} (the chain) and {@code key.pem} into {@code dir}; returns {@code dir}. */
        public Path write(Path dir, KeyFormat format) {
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("cert.pem"), pem(chain.toArray()));
                Files.writeString(dir.resolve("key.pem"), keyPem(key, format));
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Path certFile(Path dir) {
            return dir.resolve("cert.pem");
        }

        /** An in-memory key store for Java clients presenting this certificate. */
        public KeyStore keyStore() {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("key", key, "secret".toCharArray(), chain.toArray(new X509Certificate[0]));
                return store;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Issued ca;

    private TestCertificates(Issued ca) {
        this.ca = ca;
    }

    /** A new self-signed CA named {@code name}. */
    public static TestCertificates newCa(String name) {
        KeyPair pair = keyPair(KeyType.EC);
        X500Name subject = new X500Name("O=jetway tests,CN=" + name);
        X509Certificate cert = sign(subject, pair, subject, pair.getPrivate(), null, true, List.of(), null,
                Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(2)));
        return new TestCertificates(new Issued(cert, pair.getPrivate(), List.of(cert)));
    }

    public Issued ca() {
        return ca;
    }

    /** Writes the CA certificate as {@code ca.pem} in {@code dir} and returns its path. */
    public Path writeCa(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("ca.pem");
            Files.writeString(file, pem(ca.certificate()));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server certificate for {@code names} (DNS names or IP literals), valid now. */
    public Issued server(KeyType type, String... names) {
        return issue(type, "CN=" + names[0], List.of(names), KeyPurposeId.id_kp_serverAuth,
                Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)));
    }

    /** A client certificate with the given subject CN and optional SAN URIs such as {@code spiffe://...}. */
    public Issued client(String commonName, String... uris) {
        return issue(KeyType.EC, "O=jetway tests,CN=" + commonName, List.of(uris), KeyPurposeId.id_kp_clientAuth,
                Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)));
    }

    /** A client certificate valid only between the given instants (for expired-certificate tests). */
    public Issued client(String commonName, Instant notBefore, Instant notAfter) {
        return issue(KeyType.EC, "O=jetway tests,CN=" + commonName, List.of(), KeyPurposeId.id_kp_clientAuth, notBefore, notAfter);
    }

    /** A server certificate valid only between the given instants (for expired-certificate tests). */
    public Issued server(KeyType type, Instant notBefore, Instant notAfter, String... names) {
        return issue(type, "CN=" + names[0], List.of(names), KeyPurposeId.id_kp_serverAuth, notBefore, notAfter);
    }

    private Issued issue(KeyType type, String subject, List<String> names, KeyPurposeId purpose, Instant from, Instant to) {
        KeyPair pair = keyPair(type);
        X509Certificate cert = sign(new X500Name(subject), pair, X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                ca.key(), ca.certificate(), false, names, purpose, from, to);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(cert);
        chain.add(ca.certificate());
        return new Issued(cert, pair.getPrivate(), chain);
    }

    /** An SSL context for Java clients: trusts this CA, presents {@code client} when not {@code null}. */
    public SSLContext clientContext(Issued client) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (client != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(client.keyStore(), "secret".toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), RANDOM);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair keyPair(KeyType type) {
        try {
            if (type == KeyType.RSA) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, RANDOM);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey,
                                        X509Certificate issuerCert, boolean isCa, List<String> names, KeyPurposeId purpose,
                                        Instant from, Instant to) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(from), Date.from(to), subject, subjectKeys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            if (issuerCert != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerCert));
            }
            if (isCa) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                boolean rsa = "RSA".equals(subjectKeys.getPublic().getAlgorithm());
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                        | (rsa ? KeyUsage.keyEncipherment : 0)));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            if (!names.isEmpty()) {
                GeneralName[] general = names.stream().map(TestCertificates::generalName).toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(general));
            }
            String algorithm = "RSA".equals(issuerKey.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static GeneralName generalName(String name) {
        if (name.contains("://")) {
            return new GeneralName(GeneralName.uniformResourceIdentifier, name);
        }
        if (name.matches("[0-9.]+") || name.contains(":")) {
            try {
                return new GeneralName(GeneralName.iPAddress, InetAddress.getByName(name).getHostAddress());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return new GeneralName(GeneralName.dNSName, name);
    }

    /** SEC1 with the curve named inside, as openssl writes it (the JDK's encoding keeps the curve outside). */
    private static PemObject sec1(PrivateKey key) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
        org.bouncycastle.asn1.sec.ECPrivateKey withCurve =
                new org.bouncycastle.asn1.sec.ECPrivateKey(256, inner.getKey(), inner.getPublicKey(), curve);
        return new PemObject("EC PRIVATE KEY", withCurve.getEncoded());
    }

    /** PEM text of certificates (or other objects BouncyCastle can write). */
    public static String pem(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A private key as PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}). */
    public static String keyPem(PrivateKey key, KeyFormat format) {
        try {
            return switch (format) {
                case PKCS8 -> pem(new JcaPKCS8Generator(key, null));
                case PKCS1 -> pem(key); // BouncyCastle writes RSA keys as PKCS#1
                case SEC1 -> pem(sec1(key));
            };
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
