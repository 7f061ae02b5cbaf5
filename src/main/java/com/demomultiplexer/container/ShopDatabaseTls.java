package com.demomultiplexer.container;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;

import com.demomultiplexer.config.ShopDatabaseProperties;

import org.springframework.stereotype.Component;

/**
 * What lets a shop's MariaDB client trust the shared MariaDB: the certificate of the
 * authority that signed MariaDB's (SHOP_DB_CA_FILE) and a {@code [client]} option file
 * naming it, placed in every shop before it starts.
 * <p>
 * flashlight restores its dump with the {@code mariadb} command line client. Its tags for
 * PHP 8.1 and later are Alpine with the MariaDB 11.4 client, which insists on TLS and
 * verifies the server's certificate (and host name) by default; their {@code /etc/my.cnf}
 * reads every {@code *.cnf} in {@code /etc/my.cnf.d}. The {@code -debian} tags carry
 * Debian's 10.11 client, whose {@code /etc/mysql/my.cnf} includes
 * {@code /etc/mysql/conf.d} and {@code /etc/mysql/mariadb.conf.d} but not
 * {@code /etc/my.cnf.d}, and which also reads {@code $MARIADB_HOME/my.cnf}. So the option
 * file is {@code my.cnf} in {@code /etc/my.cnf.d} and MARIADB_HOME names that folder:
 * both kinds read it (Alpine twice, which is harmless). It asks for verification
 * explicitly, so the older client verifies too. The stand-in image reads it the Alpine
 * way.
 */
@Component
public class ShopDatabaseTls {

	static final String FOLDER = "/etc/my.cnf.d";

	static final String CA_PATH = FOLDER + "/demo-multiplexer-ca.pem";

	private final List<ContainerFile> files;

	public ShopDatabaseTls(ShopDatabaseProperties properties) {
		String ca = read(properties);
		String options = """
				# demo-multiplexer: verify the shared MariaDB's certificate with the authority that signed it.
				[client]
				ssl-ca=%s
				ssl-verify-server-cert
				""".formatted(CA_PATH);
		this.files = List.of(new ContainerFile(CA_PATH, ca, 0644),
				new ContainerFile(FOLDER + "/my.cnf", options, 0644));
	}

	/** The files to place in a shop before it starts. */
	public List<ContainerFile> files() {
		return this.files;
	}

	/** The variables that make every MariaDB client in the image read the option file. */
	public Map<String, String> environment() {
		return Map.of("MARIADB_HOME", FOLDER);
	}

	/**
	 * The CA's certificate, checked at start-up so a wrong file fails now, not in a shop.
	 */
	private static String read(ShopDatabaseProperties properties) {
		try {
			String pem = Files.readString(properties.caFile(), StandardCharsets.US_ASCII);
			if (CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
				.isEmpty()) {
				throw new CertificateException("no certificate in it");
			}
			return pem;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("SHOP_DB_CA_FILE=" + properties.caFile() + " cannot be read", ex);
		}
		catch (CertificateException ex) {
			throw new IllegalStateException(
					"SHOP_DB_CA_FILE=" + properties.caFile()
							+ " holds no PEM certificate (the authority that signed MariaDB's): " + ex.getMessage(),
					ex);
		}
	}

}
