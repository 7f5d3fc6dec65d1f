package io.savepoint.metadata.clips.list;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.HmacSha256;

/**
 * Opaque continuation tokens of clip lists: the position after the last clip of a page (its sort key and id, so the
 * next page is a keyset query, stable under inserts) signed with HMAC-SHA256 over the list it belongs to. A token
 * that was altered, made up, or taken from another list (other owner, filter, qualifier or order) is refused with 400.
 * Layout before base64url: sort key (8 bytes), clip id (16 bytes), MAC (8 bytes): 43 characters.
 */
final class ContinuationTokens {

    /** Where a page ended: the sort key of its last clip (epoch micros, a rating's double bits, or views) and its id. */
    record Position(long sortKey, String gameClipId) {
    }

    private static final int MAC_BYTES = 8;
    private static final int LENGTH = 8 + 16 + MAC_BYTES;
    private static final int MAX_TEXT = 64;

    private final HmacSha256 hmac;

    /** The key is derived from the services' shared secret, so no further secret needs managing. */
    ContinuationTokens(String sharedSecret) {
        this.hmac = new HmacSha256(new HmacSha256(sharedSecret.getBytes(StandardCharsets.UTF_8))
                .sign("savepoint clip-list continuation tokens v1".getBytes(StandardCharsets.UTF_8)));
    }

    String encode(Position position, String listIdentity) {
        UUID id = UUID.fromString(position.gameClipId());
        ByteBuffer body = ByteBuffer.allocate(LENGTH - MAC_BYTES).putLong(position.sortKey())
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        byte[] token = Arrays.copyOf(body.array(), LENGTH);
        System.arraycopy(mac(body.array(), listIdentity), 0, token, LENGTH - MAC_BYTES, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    Position decode(String text, String listIdentity) {
        byte[] token;
        try {
            token = text.length() > MAX_TEXT ? null : Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            token = null;
        }
        if (token == null || token.length != LENGTH) {
            throw invalid();
        }
        byte[] body = Arrays.copyOf(token, LENGTH - MAC_BYTES);
        if (!MessageDigest.isEqual(mac(body, listIdentity), Arrays.copyOfRange(token, LENGTH - MAC_BYTES, LENGTH))) {
            throw invalid();
        }
        ByteBuffer buffer = ByteBuffer.wrap(body);
        long sortKey = buffer.getLong();
        return new Position(sortKey, new UUID(buffer.getLong(), buffer.getLong()).toString());
    }

    private static ApiException invalid() {
        return ApiException.badRequest("continuationToken is not one this list issued: pass back the pagingInfo.continuationToken"
                + " of the previous page unchanged, with the same path and query parameters.");
    }

    private byte[] mac(byte[] body, String listIdentity) {
        byte[] identity = listIdentity.getBytes(StandardCharsets.UTF_8);
        byte[] input = Arrays.copyOf(body, body.length + identity.length);
        System.arraycopy(identity, 0, input, body.length, identity.length);
        return Arrays.copyOf(hmac.sign(input), MAC_BYTES);
    }

}
