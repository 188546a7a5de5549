package dev.chorus.query.support;

import dev.chorus.web.ChorusException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Encodes the position of a seek-paginated page as an opaque token: base64url of {@code
 * kind|field|...|checksum}. The checksum is not a security boundary (every query is scoped to the
 * caller's user id from the token, so an edited cursor can only reach the caller's own data); it makes
 * an edited or truncated cursor a clear 400 instead of a silently different page.
 */
public final class OpaqueCursor {

    private static final char SEPARATOR = '|';

    private OpaqueCursor() {}

    public static String encode(String kind, String... fields) {
        StringBuilder payload = new StringBuilder(kind);
        for (String field : fields) {
            payload.append(SEPARATOR).append(field);
        }
        String body = payload.toString();
        String raw = body + SEPARATOR + Long.toHexString(checksum(body));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The fields of a cursor made by {@link #encode} with the same {@code kind}.
     *
     * @throws ChorusException.InvalidRequest if the cursor is not one this service issued
     */
    public static List<String> decode(String kind, String cursor, int fieldCount) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(cursor);
        }
        int lastSeparator = raw.lastIndexOf(SEPARATOR);
        if (lastSeparator < 0) {
            throw invalid(cursor);
        }
        String body = raw.substring(0, lastSeparator);
        if (!Long.toHexString(checksum(body)).equals(raw.substring(lastSeparator + 1))) {
            throw invalid(cursor);
        }
        List<String> parts = Arrays.asList(body.split("\\|", -1));
        if (parts.size() != fieldCount + 1 || !parts.get(0).equals(kind)) {
            throw invalid(cursor);
        }
        return parts.subList(1, parts.size());
    }

    /** For parsing a decoded field: any failure means the cursor was not ours. */
    public static ChorusException.InvalidRequest invalid(String cursor) {
        return new ChorusException.InvalidRequest(
                "invalid-cursor",
                "The cursor '" + abbreviate(cursor) + "' is not valid here: pass back the nextCursor of the"
                        + " previous page unchanged, or omit it for the first page");
    }

    private static long checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    private static String abbreviate(String cursor) {
        return cursor.length() <= 80 ? cursor : cursor.substring(0, 80) + "...";
    }
}
