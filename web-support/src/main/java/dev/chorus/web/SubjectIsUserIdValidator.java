package dev.chorus.web;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** Accepts a token only if its {@code sub} is a user id: a positive 64-bit integer. */
final class SubjectIsUserIdValidator implements OAuth2TokenValidator<Jwt> {

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String subject = token.getSubject();
        if (subject != null) {
            try {
                if (Long.parseLong(subject) > 0) {
                    return OAuth2TokenValidatorResult.success();
                }
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(
                OAuth2ErrorCodes.INVALID_TOKEN,
                "The token's sub claim must be a user id (a positive 64-bit integer), got: " + subject,
                null));
    }
}
