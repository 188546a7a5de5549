package dev.chorus.web;

/**
 * The authenticated caller: the {@code sub} claim of their bearer token. Declare it as a controller
 * method parameter; {@link CurrentUserArgumentResolver} fills it in.
 */
public record CurrentUser(long id) {
    public CurrentUser {
        if (id <= 0) {
            throw new IllegalArgumentException("user id must be positive: " + id);
        }
    }
}
