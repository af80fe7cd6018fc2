package dev.jetway.api.tls;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.jetway.api.ConfigException;

/**
 * Loads PEM files named in the config. Every method resolves the path like
 * {@link dev.jetway.api.FactoryContext#file} and reports problems against the given field.
 */
public interface PemLoader {

    /** The certificates of a PEM file, in file order; at least one. */
    List<X509Certificate> certificates(String field, String path) throws ConfigException;

    /** A trust store holding every certificate of a PEM CA bundle. */
    KeyStore trustStore(String field, String path) throws ConfigException;

    /**
     * A key store with one entry, alias {@code "key"}, password {@link #KEY_PASSWORD}: the certificate chain and
     * its private key (PKCS#8, PKCS#1 or SEC1), verified to belong together.
     */
    KeyStore keyStore(String certField, String certPath, String keyField, String keyPath) throws ConfigException;

    /** The password of the key entries {@link #keyStore} builds (in memory only). */
    String KEY_PASSWORD = "jetway";
}
