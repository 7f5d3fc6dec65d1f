package io.savepoint.storage.titlestorage;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.savepoint.storage.blobs.BlobEngine;
import io.savepoint.storage.quota.QuotaService;
import io.savepoint.storage.titlestorage.rules.BlobName;
import io.savepoint.storage.titlestorage.rules.ETags;

/** Title Storage deletes (spec B.5): the blob's bytes leave its owner's quota and go to the blob engine's garbage. */
@ApplicationScoped
public class TitleDeleteService {

    private final QuotaService quota;
    private final BlobEngine engine;

    TitleDeleteService(QuotaService quota, BlobEngine engine) {
        this.quota = quota;
        this.engine = engine;
    }

    /** Deletes a blob; a missing blob is not an error (spec B.5) unless If-Match asked for one. */
    public void delete(StorageTarget target, BlobName name, ETags.Conditions conditions) {
        target.family().requireType(name.type());
        QuarkusTransaction.requiringNew().run(() -> {
            TitleBlobEntry current = TitleBlobEntry.lockForWrite(target, name);
            conditions.checkWrite(current == null ? null : current.etag);
            if (current == null) {
                return;
            }
            quota.adjustUsed(target.scope(), -current.size, Long.MAX_VALUE);
            current.delete();
            TitleBlobEntry.flush();
            engine.discard(current.versionId);
        });
    }
}
