package io.savepoint.testing;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for one test run, so parallel and repeated runs never see each other's rows.
 * The server comes from SAVEPOINT_TEST_PG_HOST/PORT/USER (default 127.0.0.1:5432, postgres, trust auth).
 */
public final class TestDatabase implements AutoCloseable {

    public static final String HOST = env("SAVEPOINT_TEST_PG_HOST", "127.0.0.1");
    public static final String PORT = env("SAVEPOINT_TEST_PG_PORT", "5432");
    public static final String USER = env("SAVEPOINT_TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("SAVEPOINT_TEST_PG_PASSWORD", "");
    /**
     * The driver itself rather than DriverManager: a test class with its own profile runs in a new class loader, and
     * DriverManager refuses it a driver registered from an earlier one ("No suitable driver").
     */
    private static final Driver POSTGRES = new org.postgresql.Driver();

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create(String prefix) {
        String name = (prefix + "_t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + name);
        return new TestDatabase(name);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        String url = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";
        Properties credentials = new Properties();
        credentials.setProperty("user", USER);
        credentials.setProperty("password", PASSWORD);
        try (Connection c = POSTGRES.connect(url, credentials); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + " (user " + USER + ") refused '" + sql
                    + "'. Is it running? Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
