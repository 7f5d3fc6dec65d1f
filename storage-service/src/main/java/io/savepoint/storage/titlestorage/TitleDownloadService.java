package io.savepoint.storage.titlestorage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.ByteRange;
import io.savepoint.protocol.Caller;
import io.savepoint.storage.blobs.BlobEngine;
import io.savepoint.storage.blobs.BlobVersion;
import io.savepoint.storage.titlestorage.rules.BlobName;
import io.savepoint.storage.titlestorage.rules.BlobType;
import io.savepoint.storage.titlestorage.rules.ConfigResolver;
import io.savepoint.storage.titlestorage.rules.ETags;
import io.savepoint.storage.titlestorage.rules.JsonSelect;

/**
 * Title Storage downloads (spec B.3): a binary blob whole or by {@code Range}, a json blob whole or one
 * {@code select}ed part, a config blob with its virtual nodes resolved; {@code If-None-Match} answers 304.
 */
@ApplicationScoped
public class TitleDownloadService {

    private final BlobEngine engine;

    TitleDownloadService(BlobEngine engine) {
        this.engine = engine;
    }

    /** What a GET answers: status, headers, and the bytes to stream. */
    public record Download(int status, String etag, String contentType, Long contentLength, String contentRange, Body body) {
    }

    /** The Range and If-Range headers of a GET. */
    public record RangeHeaders(String range, String ifRange) {
    }

    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    public Download download(StorageTarget target, BlobName name, ETags.Conditions conditions, RangeHeaders ranges, String select,
            String customSelector, List<String> locales, Caller caller) {
        target.family().requireType(name.type());
        if (select != null && name.type() != BlobType.JSON) {
            throw ApiException.badRequest("select applies to json blobs only.");
        }
        if (customSelector != null && name.type() != BlobType.CONFIG) {
            throw ApiException.badRequest("customSelector applies to config blobs only.");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            TitleBlobEntry entry = TitleBlobEntry.findByName(target, name)
                    .orElseThrow(() -> ApiException.notFound("No blob " + name.fileName() + " here."));
            if (conditions.checkRead(entry.etag) == ETags.Outcome.NOT_MODIFIED) {
                return new Download(304, entry.etag, null, null, null, null);
            }
            BlobVersion version = BlobVersion.findById(entry.versionId);
            BlobEngine.Content content = engine.content(version);
            if (name.type() == BlobType.BINARY) {
                Optional<ByteRange> range = ByteRange.select(ranges.range(), ranges.ifRange(), ETags.quoted(entry.etag), version.size,
                        ByteRange.PastEnd.EMPTY);
                if (range.isEmpty()) {
                    return new Download(200, entry.etag, version.contentType, version.size, null,
                            out -> engine.read(content, 0, version.size, out));
                }
                ByteRange r = range.get();
                return new Download(206, entry.etag, version.contentType, r.length(), r.contentRange(version.size),
                        out -> engine.read(content, r.start(), r.length(), out));
            }
            ByteArrayOutputStream buffer = new ByteArrayOutputStream((int) version.size);
            try {
                engine.read(content, 0, version.size, buffer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byte[] bytes = buffer.toByteArray();
            if (name.type() == BlobType.JSON && select != null) {
                bytes = JsonSelect.select(bytes, select);
            } else if (name.type() == BlobType.CONFIG) {
                bytes = ConfigResolver.resolve(bytes, target.title().getTitleId(), locales, customSelector);
            }
            byte[] body = bytes;
            return new Download(200, entry.etag, version.contentType, (long) body.length, null, out -> out.write(body));
        });
    }
}
