package dev.chorus.systemtests.api;

import dev.chorus.devstack.TokenMinter;
import java.net.URI;

/** The public HTTP APIs of command-service and query-service; {@link #as} gives one user's client. */
public final class ChorusApi {

    private final HttpJson http = new HttpJson();
    private final URI commands;
    private final URI queries;
    private final TokenMinter tokens;

    public ChorusApi(URI commandBaseUrl, URI queryBaseUrl, TokenMinter tokens) {
        this.commands = commandBaseUrl;
        this.queries = queryBaseUrl;
        this.tokens = tokens;
    }

    public UserClient as(long userId) {
        return new UserClient(userId, tokens.mint(userId), http, commands, queries);
    }
}
