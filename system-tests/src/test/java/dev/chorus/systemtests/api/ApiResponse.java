package dev.chorus.systemtests.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/** What came back; {@link #expect} turns an unexpected status into a failure that shows the body. */
public record ApiResponse(String request, int status, JsonNode body) {

    public ApiResponse expect(int... statuses) {
        for (int s : statuses) {
            if (s == status) {
                return this;
            }
        }
        throw new AssertionError(
                request + " answered " + status + " (expected one of " + Arrays.toString(statuses) + "): " + body);
    }
}
