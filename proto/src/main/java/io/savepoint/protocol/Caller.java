package io.savepoint.protocol;

import java.util.Set;

import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The claims of an authenticated Xbox Live caller. Built by {@link CallerResolver}, which refuses with 403 a token
 * that lacks a claim the endpoint needs.
 */
public record Caller(String xuid, String deviceType, String deviceId, Long titleId, String sandboxId, Set<String> groups) {

    public boolean isOperator() {
        return groups.contains(XblClaims.OPERATOR_ROLE);
    }

    /** The caller's title id, refusing with 403 a token without one. */
    public long requireTitleId() {
        if (titleId == null) {
            throw ApiException.forbidden("The token has no '" + XblClaims.TITLE_ID + "' claim.");
        }
        return titleId;
    }

    /** The value of one of the five Xbox Live claims; null when the token lacks it (or it is blank). */
    public Object claim(String name) {
        return switch (name) {
            case XblClaims.XUID -> xuid;
            case XblClaims.DEVICE_TYPE -> deviceType;
            case XblClaims.DEVICE_ID -> deviceId;
            case XblClaims.TITLE_ID -> titleId;
            case XblClaims.SANDBOX_ID -> sandboxId;
            default -> throw new IllegalArgumentException("'" + name + "' is not an Xbox Live caller claim.");
        };
    }

    static Caller of(JsonWebToken jwt) {
        return new Caller(text(jwt, XblClaims.XUID), text(jwt, XblClaims.DEVICE_TYPE), text(jwt, XblClaims.DEVICE_ID),
                titleId(jwt), text(jwt, XblClaims.SANDBOX_ID), jwt.getGroups() == null ? Set.of() : jwt.getGroups());
    }

    private static String text(JsonWebToken jwt, String claim) {
        Object value = jwt.getClaim(claim);
        if (value == null) {
            return null;
        }
        String text = value instanceof JsonString s ? s.getString() : value.toString();
        // a signed token is still input: its claims reach queries and rows like any other text
        TextInput.check("The token's '" + claim + "' claim", text);
        return text.isBlank() ? null : text.strip();
    }

    private static Long titleId(JsonWebToken jwt) {
        String text = text(jwt, XblClaims.TITLE_ID);
        if (text == null) {
            return null;
        }
        try {
            long id = Long.parseLong(text);
            if (id < 0 || id > 0xFFFF_FFFFL) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ApiException.forbidden("The '" + XblClaims.TITLE_ID + "' claim must be a decimal title id, got '" + text + "'.");
        }
    }
}
