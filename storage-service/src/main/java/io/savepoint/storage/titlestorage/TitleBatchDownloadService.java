package io.savepoint.storage.titlestorage;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.savepoint.protocol.Caller;
import io.savepoint.storage.blobs.BlobEngine;
import io.savepoint.storage.blobs.BlobVersion;
import io.savepoint.storage.titles.ScidAccess;
import io.savepoint.storage.titlestorage.TitleStorageAccess.Access;
import io.savepoint.storage.titlestorage.rules.BlobName;

/**
 * Title Storage batch downloads (spec B.6): the same file of many users in one query, each copy streamed from its
 * blocks (or its inline bytes) as one part of the multipart answer.
 */
@ApplicationScoped
public class TitleBatchDownloadService {

    private final TitleStorageAccess access;
    private final BlobEngine engine;

    TitleBatchDownloadService(TitleStorageAccess access, BlobEngine engine) {
        this.access = access;
        this.engine = engine;
    }

    /** One user's copy of a file in a batch download. */
    public record BatchItem(String xuid, int status, String etag, String contentType, BlobEngine.Content content) {
    }

    /** The same file of many users (spec B.6): one item per xuid, refused or missing ones with their status. */
    public List<BatchItem> batch(Caller caller, TitleStorageFamily family, String scid, BlobName name, List<String> xuids) {
        StorageTarget self = access.target(caller, family, caller.xuid(), scid, Access.READ);
        family.requireType(name.type());
        boolean everyone = ScidAccess.othersMayRead(self.policy());
        return QuarkusTransaction.requiringNew().call(() -> {
            // One query for every user's copy; small blobs carry their bytes inline. A projection, so no entity
            // snapshots of the bytes are taken for dirty checking.
            Map<String, Object[]> found = new HashMap<>();
            List<Object[]> rows = TitleBlobEntry.getEntityManager().createQuery(
                    "select e.owner, e.etag, v.id, v.size, v.inlineData from TitleBlobEntry e, BlobVersion v where v.id = e.versionId"
                            + " and e.sandboxId = ?1 and e.scid = ?2 and e.family = ?3 and e.owner in ?4"
                            + " and e.path = ?5 and e.blobType = ?6",
                    Object[].class)
                    .setParameter(1, self.scope().sandboxId()).setParameter(2, self.scope().scid()).setParameter(3, self.scope().family())
                    .setParameter(4, xuids).setParameter(5, name.path()).setParameter(6, name.type().suffix())
                    .getResultList();
            rows.forEach(row -> found.put((String) row[0], row));
            List<BatchItem> items = new ArrayList<>(xuids.size());
            for (String xuid : xuids) {
                Object[] row = found.get(xuid);
                if (!everyone && !xuid.equals(caller.xuid())) {
                    items.add(new BatchItem(xuid, 403, null, null, null));
                } else if (row == null) {
                    items.add(new BatchItem(xuid, 404, null, null, null));
                } else {
                    byte[] inline = (byte[]) row[4];
                    BlobEngine.Content content = inline != null ? new BlobEngine.Content((Long) row[3], inline, List.of())
                            : engine.content(BlobVersion.findById(row[2]));
                    items.add(new BatchItem(xuid, 200, (String) row[1], name.type().contentType(), content));
                }
            }
            return items;
        });
    }

    public void write(BlobEngine.Content content, OutputStream out) throws IOException {
        engine.read(content, 0, content.size(), out);
    }
}
