package dev.chorus.devstack;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads back what the launcher printed, the way a user reads it: service URLs, demo tokens, the curl line.
 * Used by the unit test of the banner and by the smoke test of the real launcher.
 */
record PrintedBanner(Map<String, URI> serviceUrls, Map<String, String> tokensByUser, String curlLine) {

    private static final Pattern SERVICE =
            Pattern.compile("^\\s+([a-z]+-service)\\s+(http://\\S+?)/(api|actuator)\\b.*");
    private static final Pattern TOKEN = Pattern.compile("^\\s+([a-z]+) \\(user (\\d+)\\)\\s+(\\S+\\.\\S+\\.\\S+)$");

    static PrintedBanner parse(List<String> lines) {
        Map<String, URI> urls = new LinkedHashMap<>();
        Map<String, String> tokens = new LinkedHashMap<>();
        String curl = null;
        for (String line : lines) {
            Matcher service = SERVICE.matcher(line);
            if (service.matches()) {
                urls.put(service.group(1), URI.create(service.group(2)));
            }
            Matcher token = TOKEN.matcher(line);
            if (token.matches()) {
                tokens.put(token.group(1), token.group(3));
            }
            if (line.strip().startsWith("curl ")) {
                curl = line.strip();
            }
        }
        return new PrintedBanner(urls, tokens, curl);
    }

    URI url(String service) {
        URI url = serviceUrls.get(service);
        if (url == null) {
            throw new AssertionError("No URL printed for " + service + "; printed: " + serviceUrls);
        }
        return url;
    }

    String token(String user) {
        String token = tokensByUser.get(user);
        if (token == null) {
            throw new AssertionError("No token printed for " + user + "; printed: " + tokensByUser.keySet());
        }
        return token;
    }
}
