package dev.chorus.bench.system;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bench only ever loads this machine: every target URL and database host must resolve to a
 * loopback address. A load generator pointed at someone else's server by a typo is an incident.
 */
public final class Loopback {

    private static final Pattern JDBC_HOST = Pattern.compile("^jdbc:postgresql://(\\[[^]]+]|[^:/?]+)");

    private Loopback() {}

    public static URI requireUrl(URI url) {
        if (url.getHost() == null) {
            throw new IllegalArgumentException("Not an absolute URL: " + url);
        }
        requireHost(url.getHost(), url.toString());
        return url;
    }

    public static void requireJdbc(String jdbcUrl) {
        Matcher m = JDBC_HOST.matcher(jdbcUrl);
        if (!m.find()) {
            throw new IllegalArgumentException(
                    "Only jdbc:postgresql://<loopback host>... URLs are accepted, got " + jdbcUrl);
        }
        requireHost(m.group(1).replace("[", "").replace("]", ""), jdbcUrl);
    }

    static void requireHost(String host, String what) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException(
                            "The bench only targets this machine (loopback); " + what + " resolves to " + address);
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Unknown host in " + what, e);
        }
    }
}
