package io.savepoint.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class ClipAssetUrisTest {

    private static final String SECRET = "test-download-secret-0123456789abcdef";
    private static final String CLIP = "6b364924-5650-480f-86a7-fc002a1ee752";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final ClipAssetUris uris = new ClipAssetUris(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void signedUriVerifiesUntilItExpires() {
        URI uri = URI.create(uris.sign("https://transfer.example/", CLIP, ClipAssetUris.Asset.VIDEO, NOW.plusSeconds(60)));
        assertEquals("/download/" + CLIP + "/video", uri.getPath());
        String[] query = uri.getQuery().split("&");
        String se = query[0].substring(3);
        String sig = query[1].substring(4);
        assertEquals(ClipAssetUris.Verdict.VALID, uris.verify(CLIP, "video", se, sig));
        ClipAssetUris later = new ClipAssetUris(SECRET, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
        assertEquals(ClipAssetUris.Verdict.EXPIRED, later.verify(CLIP, "video", se, sig));
    }

    @Test
    void tamperedPartsAreInvalid() {
        URI uri = URI.create(uris.sign("http://t", CLIP, ClipAssetUris.Asset.LARGE_THUMBNAIL, NOW.plusSeconds(60)));
        String[] query = uri.getQuery().split("&");
        String se = query[0].substring(3);
        String sig = query[1].substring(4);
        assertEquals(ClipAssetUris.Verdict.INVALID, uris.verify(CLIP, "thumbnail-small", se, sig));
        assertEquals(ClipAssetUris.Verdict.INVALID, uris.verify(CLIP, "thumbnail-large", String.valueOf(Long.parseLong(se) + 3600), sig));
        assertEquals(ClipAssetUris.Verdict.INVALID, uris.verify(CLIP.replace('6', '7'), "thumbnail-large", se, sig));
        assertEquals(ClipAssetUris.Verdict.INVALID, uris.verify(CLIP, "thumbnail-large", se, sig.substring(1)));
        assertEquals(ClipAssetUris.Verdict.INVALID, uris.verify(CLIP, "thumbnail-large", "soon", sig));
        assertEquals(ClipAssetUris.Verdict.INVALID, uris.verify(CLIP, "passwd", se, sig));
        ClipAssetUris otherKey = new ClipAssetUris(SECRET + "x", Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(ClipAssetUris.Verdict.INVALID, otherKey.verify(CLIP, "thumbnail-large", se, sig));
    }

    @Test
    void shortSecretIsRefusedWithAHint() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ClipAssetUris("short", Clock.systemUTC()));
        assertTrue(e.getMessage().contains("SAVEPOINT_DOWNLOAD_URIS_SECRET"));
        assertEquals("abc/video", ClipAssetUris.blobKey("abc", ClipAssetUris.Asset.VIDEO));
    }
}
