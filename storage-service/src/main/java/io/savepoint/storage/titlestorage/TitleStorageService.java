package io.savepoint.storage.titlestorage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.scheduler.Scheduled;
import io.savepoint.grpc.v1.StoragePolicy;
import io.savepoint.grpc.v1.Title;
import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.ByteRange;
import io.savepoint.protocol.Caller;
import io.savepoint.protocol.ErrorCode;
import io.savepoint.storage.StorageConfig;
import io.savepoint.storage.blobs.BlobEngine;
import io.savepoint.storage.blobs.BlobVersion;
import io.savepoint.storage.quota.QuotaService;
import io.savepoint.storage.quota.QuotaUsage;
import io.savepoint.storage.titles.ScidAccess;
import io.savepoint.storage.titlestorage.rules.BlobName;
import io.savepoint.storage.titlestorage.rules.BlobType;
import io.savepoint.storage.titlestorage.rules.ClientFileTime;
import io.savepoint.storage.titlestorage.rules.ConfigResolver;
import io.savepoint.storage.titlestorage.rules.ETags;
import io.savepoint.storage.titlestorage.rules.JsonBlobRules;
import io.savepoint.storage.titlestorage.rules.JsonSelect;

/**
 * Title Storage (spec part B): uploads (single and multi-block), downloads with Range and conditions, deletes, lists
 * and quota, each checked against the caller's title, sandbox, the family's policy and the owner.
 */
@ApplicationScoped
public class TitleStorageService {

    private static final int MAX_DISPLAY_NAME = 128;

    private final ScidAccess scidAccess;
    private final QuotaService quota;
    private final BlobEngine engine;
    private final StorageConfig config;

    TitleStorageService(ScidAccess scidAccess, QuotaService quota, BlobEngine engine, StorageConfig config) {
        this.scidAccess = scidAccess;
        this.quota = quota;
        this.engine = engine;
        this.config = config;
    }

    public enum Access {
        READ,
        WRITE
    }

    /** Resolves and authorizes a place in Title Storage; every refusal is a 403 that says why. */
    public StorageTarget target(Caller caller, TitleStorageFamily family, String owner, String scid, Access access) {
        Title title = scidAccess.titleOf(caller, scid);
        StoragePolicy policy = ScidAccess.enabledPolicy(title, family.family);
        if (caller.sandboxId() == null) {
            throw ApiException.forbidden("Title Storage needs the '" + io.savepoint.protocol.XblClaims.SANDBOX_ID
                    + "' claim to know which sandbox's data to use.");
        }
        if (access == Access.WRITE) {
            if (family == TitleStorageFamily.GLOBAL && !caller.isOperator()) {
                throw ApiException.forbidden("Global storage is written only by the operator role (Partner Center / GlobalStorage tool).");
            }
            if (family.perUser && !owner.equals(caller.xuid())) {
                throw ApiException
                        .forbidden("Only xuid(" + owner + ") may write its own storage; the caller is xuid(" + caller.xuid() + ").");
            }
            if (family == TitleStorageFamily.TRUSTED && !config.trustedDeviceTypes().contains(caller.deviceType())) {
                throw ApiException.forbidden("Trusted storage is written only from trusted platforms " + config.trustedDeviceTypes()
                        + "; the caller's deviceType is " + caller.deviceType() + ".");
            }
        } else if (family.perUser && !owner.equals(caller.xuid()) && !ScidAccess.othersMayRead(policy)) {
            throw ApiException.forbidden("Storage of xuid(" + owner + ") is readable by its owner only for this title.");
        }
        QuotaUsage.Scope scope = new QuotaUsage.Scope(caller.sandboxId(), scid.toLowerCase(Locale.ROOT), family.family.name(), owner);
        return new StorageTarget(title, policy, family, scope);
    }

    public QuotaInfoResponse quota(StorageTarget target) {
        return new QuotaInfoResponse(new QuotaInfoResponse.QuotaInfo(quota.usedBytes(target.scope()), target.policy().getQuotaBytes()));
    }

    // ---------------------------------------------------------------- uploads

    /** Query parameters of a PUT. {@code finalBlock} is null when not sent. */
    public record UploadParams(String clientFileTime, String displayName, String continuationToken, Boolean finalBlock) {
    }

    /** 201 created, 200 replaced, or 200 with a token for the next block. */
    public record UploadResult(int status, String etag, String continuationToken) {
    }

    public UploadResult upload(StorageTarget target, BlobName name, UploadParams params, ETags.Conditions conditions,
            InputStream body, Long contentLength) {
        target.family().requireType(name.type());
        Instant clientFileTime = ClientFileTime.parse(params.clientFileTime());
        String displayName = params.displayName();
        if (displayName != null && displayName.length() > MAX_DISPLAY_NAME) {
            throw ApiException.badRequest("displayName is " + displayName.length() + " characters; the limit is " + MAX_DISPLAY_NAME + ".");
        }
        if (contentLength != null && contentLength > config.maxRequestBytes()) {
            throw tooLarge();
        }
        if (name.type() != BlobType.BINARY) {
            if (params.continuationToken() != null || Boolean.FALSE.equals(params.finalBlock())) {
                throw ApiException.badRequest(
                        "Multi-block upload is for binary blobs only; send the whole " + name.type().suffix() + " blob in one PUT.");
            }
            byte[] bytes = readAll(body);
            JsonBlobRules.validate(bytes);
            if (name.type() == BlobType.CONFIG) {
                ConfigResolver.validate(bytes);
            }
            return inline(target, name, clientFileTime, displayName, conditions, bytes);
        }
        if (params.continuationToken() == null) {
            if (!Boolean.FALSE.equals(params.finalBlock())) {
                return single(target, name, clientFileTime, displayName, conditions, body, contentLength);
            }
            return firstBlock(target, name, clientFileTime, displayName, conditions, body, contentLength);
        }
        return nextBlock(target, name, params, conditions, body, contentLength);
    }

    private UploadResult single(StorageTarget target, BlobName name, Instant clientFileTime, String displayName,
            ETags.Conditions conditions, InputStream body, Long contentLength) {
        if (contentLength != null && contentLength <= config.inlineMaxBytes()) {
            return inline(target, name, clientFileTime, displayName, conditions, readAll(body));
        }
        checkConditionsEarly(target, name, conditions);
        checkQuotaEarly(target, name, 0, contentLength);
        String uploadId = "ts-" + UUID.randomUUID();
        stage(uploadId, 0, body);
        return commit(target, name, uploadId, () -> engine.commit(uploadId, 1, name.type().contentType()), clientFileTime, displayName,
                conditions, null);
    }

    /** A small blob: its bytes go into the version row, no block file. */
    private UploadResult inline(StorageTarget target, BlobName name, Instant clientFileTime, String displayName,
            ETags.Conditions conditions, byte[] bytes) {
        return commit(target, name, null, () -> engine.commitInline(bytes, name.type().contentType()), clientFileTime, displayName,
                conditions, null);
    }

    private UploadResult firstBlock(StorageTarget target, BlobName name, Instant clientFileTime, String displayName,
            ETags.Conditions conditions, InputStream body, Long contentLength) {
        checkConditionsEarly(target, name, conditions);
        checkQuotaEarly(target, name, 0, contentLength);
        UUID id = UUID.randomUUID();
        BlobEngine.Staged staged = stage(uploadId(id), 0, body);
        TitleUpload upload = QuarkusTransaction.requiringNew().call(() -> {
            TitleUpload u = new TitleUpload();
            u.id = id;
            u.sandboxId = target.scope().sandboxId();
            u.scid = target.scope().scid();
            u.family = target.scope().family();
            u.owner = target.scope().owner();
            u.path = name.path();
            u.blobType = name.type().suffix();
            u.nextBlock = 1;
            u.stagedBytes = staged.size();
            u.displayName = displayName;
            u.clientFileTime = clientFileTime;
            u.createdAt = Instant.now();
            u.updatedAt = u.createdAt;
            u.persist();
            return u;
        });
        return new UploadResult(200, null, upload.continuationToken());
    }

    private UploadResult nextBlock(StorageTarget target, BlobName name, UploadParams params, ETags.Conditions conditions,
            InputStream body, Long contentLength) {
        String token = params.continuationToken();
        int dash = token.lastIndexOf('-');
        UUID id;
        int block;
        try {
            id = UUID.fromString(token.substring(0, dash));
            block = Integer.parseInt(token.substring(dash + 1));
        } catch (RuntimeException e) {
            throw ApiException.badRequest("continuationToken '" + token + "' is not one this service issued.");
        }
        TitleUpload upload = QuarkusTransaction.requiringNew().call(() -> TitleUpload.<TitleUpload>findById(id));
        if (upload == null) {
            throw ApiException.badRequest(
                    "continuationToken '" + token + "' is unknown or its upload expired; start the upload again without a token.");
        }
        if (!upload.path.equals(name.path()) || !upload.blobType.equals(name.type().suffix())
                || !upload.owner.equals(target.scope().owner())
                || !upload.scid.equals(target.scope().scid()) || !upload.family.equals(target.scope().family())
                || !upload.sandboxId.equals(target.scope().sandboxId())) {
            throw ApiException.badRequest("continuationToken '" + token + "' belongs to another blob's upload.");
        }
        boolean retryOfPrevious = block == upload.nextBlock - 1;
        if (block != upload.nextBlock && !retryOfPrevious) {
            throw ApiException
                    .badRequest("continuationToken '" + token + "' is out of sequence: the next block is " + upload.nextBlock + ".");
        }
        String uploadId = uploadId(id);
        long stagedBefore = retryOfPrevious ? upload.stagedBytes - stagedSize(uploadId, block) : upload.stagedBytes;
        checkQuotaEarly(target, name, stagedBefore, contentLength);
        BlobEngine.Staged staged = stage(uploadId, block, body);
        long stagedBytes = stagedBefore + staged.size();
        int nextBlock = block + 1;
        QuarkusTransaction.requiringNew().run(() -> {
            TitleUpload u = TitleUpload.findById(id, LockModeType.PESSIMISTIC_WRITE);
            if (u == null) {
                throw ApiException.badRequest("The upload of continuationToken '" + token + "' ended meanwhile (committed or expired).");
            }
            u.nextBlock = nextBlock;
            u.stagedBytes = stagedBytes;
            u.updatedAt = Instant.now();
        });
        if (Boolean.TRUE.equals(params.finalBlock()) || params.finalBlock() == null) {
            return commit(target, name, uploadId, () -> engine.commit(uploadId, nextBlock, name.type().contentType()),
                    params.clientFileTime() != null ? ClientFileTime.parse(params.clientFileTime()) : upload.clientFileTime,
                    params.displayName() != null ? params.displayName() : upload.displayName, conditions, id);
        }
        return new UploadResult(200, null, id + "-" + nextBlock);
    }

    private long stagedSize(String uploadId, int block) {
        return engine.staged(uploadId).stream().filter(s -> s.blockNum() == block).mapToLong(BlobEngine.Staged::size).sum();
    }

    private BlobEngine.Staged stage(String uploadId, int block, InputStream body) {
        try {
            return engine.stage(uploadId, block, body, config.maxRequestBytes(), 0, null).block();
        } catch (io.savepoint.storage.blobs.BlockTooLargeException e) {
            throw tooLarge();
        } catch (io.savepoint.storage.blobs.BlockConflictException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    /** Publishes the staged blocks as the blob's new version: conditions, quota and pointer swap in one transaction. */
    private UploadResult commit(StorageTarget target, BlobName name, String uploadId, java.util.function.Supplier<BlobVersion> newVersion,
            Instant clientFileTime, String displayName, ETags.Conditions conditions, UUID uploadSession) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                TitleBlobEntry current = lock(target, name);
                conditions.checkWrite(current == null ? null : current.etag);
                BlobVersion version = newVersion.get();
                long delta = version.size - (current == null ? 0 : current.size);
                quota.adjustUsed(target.scope(), delta, target.policy().getQuotaBytes());
                Instant now = Instant.now();
                TitleBlobEntry entry = current;
                if (entry == null) {
                    entry = new TitleBlobEntry();
                    entry.sandboxId = target.scope().sandboxId();
                    entry.scid = target.scope().scid();
                    entry.family = target.scope().family();
                    entry.owner = target.scope().owner();
                    entry.path = name.path();
                    entry.blobType = name.type().suffix();
                    entry.createdAt = now;
                }
                UUID previousVersion = current == null ? null : current.versionId;
                entry.versionId = version.id;
                entry.etag = ETags.newEtag();
                entry.size = version.size;
                entry.displayName = displayName;
                entry.clientFileTime = clientFileTime;
                entry.updatedAt = now;
                if (current == null) {
                    entry.persist();
                }
                TitleBlobEntry.flush();
                if (previousVersion != null) {
                    engine.discard(previousVersion);
                }
                if (uploadSession != null) {
                    TitleUpload.deleteById(uploadSession);
                }
                return new UploadResult(current == null ? 201 : 200, entry.etag, null);
            });
        } catch (RuntimeException e) {
            if (uploadId != null) {
                engine.abandon(uploadId);
            }
            if (uploadSession != null) {
                QuarkusTransaction.requiringNew().run(() -> TitleUpload.deleteById(uploadSession));
            }
            if (e instanceof io.savepoint.storage.quota.QuotaExceededException q) {
                throw overQuota(q);
            }
            if (e instanceof io.savepoint.storage.blobs.IncompleteUploadException) {
                throw ApiException.badRequest("The upload is incomplete (" + e.getMessage() + "); start it again.");
            }
            throw e;
        }
    }

    private void checkConditionsEarly(StorageTarget target, BlobName name, ETags.Conditions conditions) {
        conditions.checkWrite(QuarkusTransaction.requiringNew().call(() -> find(target, name).map(e -> e.etag).orElse(null)));
    }

    private void checkQuotaEarly(StorageTarget target, BlobName name, long alreadyStaged, Long contentLength) {
        long incoming = alreadyStaged + (contentLength == null ? 0 : contentLength);
        long currentSize = QuarkusTransaction.requiringNew().call(() -> find(target, name).map(e -> e.size).orElse(0L));
        long used = quota.usedBytes(target.scope());
        if (used - currentSize + incoming > target.policy().getQuotaBytes()) {
            throw overQuota(new io.savepoint.storage.quota.QuotaExceededException("Storing " + incoming + " bytes would use "
                    + (used - currentSize + incoming) + " of the " + target.policy().getQuotaBytes() + "-byte quota."));
        }
    }

    // ---------------------------------------------------------------- downloads

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
            TitleBlobEntry entry = find(target, name)
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

    // ---------------------------------------------------------------- deletes

    /** Deletes a blob; a missing blob is not an error (spec B.5) unless If-Match asked for one. */
    public void delete(StorageTarget target, BlobName name, ETags.Conditions conditions) {
        target.family().requireType(name.type());
        QuarkusTransaction.requiringNew().run(() -> {
            TitleBlobEntry current = lock(target, name);
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

    // ---------------------------------------------------------------- lists

    public TitleBlobList list(StorageTarget target, String prefix, Integer maxItems, Integer skipItems, String continuationToken) {
        int limit = maxItems == null || maxItems <= 0 ? config.listDefaultItems() : Math.min(maxItems, config.listMaxItems());
        if (skipItems != null && skipItems < 0) {
            throw ApiException.badRequest("skipItems must not be negative.");
        }
        QuotaUsage.Scope scope = target.scope();
        // An explicit escape character: without one the backslash escapes did not apply, and '_' in a prefix matched nothing.
        String like = prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        Parameters params = Parameters.with("sandbox", scope.sandboxId()).and("scid", scope.scid()).and("family", scope.family())
                .and("owner", scope.owner()).and("prefix", like);
        String where = "sandboxId = :sandbox and scid = :scid and family = :family and owner = :owner and path like :prefix escape '!'";
        boolean hasToken = continuationToken != null && !continuationToken.isBlank();
        return QuarkusTransaction.requiringNew().call(() -> {
            long total = TitleBlobEntry.count(where, params);
            var query = hasToken
                    ? TitleBlobEntry
                            .<TitleBlobEntry>find(where + " and (path > :afterPath or (path = :afterPath and blobType > :afterType))"
                                    + " order by path, blobType", afterToken(params, continuationToken))
                    : TitleBlobEntry.<TitleBlobEntry>find(where + " order by path, blobType", params);
            int skip = hasToken || skipItems == null ? 0 : skipItems;
            List<TitleBlobEntry> rows = query.range(skip, skip + limit).list();
            boolean more = rows.size() > limit;
            List<TitleBlobEntry> page = more ? rows.subList(0, limit) : rows;
            List<TitleBlob> blobs = new ArrayList<>(page.size());
            for (TitleBlobEntry e : page) {
                blobs.add(
                        new TitleBlob(e.path + "," + e.blobType, e.clientFileTime == null ? null : ClientFileTime.format(e.clientFileTime),
                                e.displayName, ETags.quoted(e.etag), e.size, e.blobType));
            }
            return new TitleBlobList(blobs, new TitleBlobList.PagingInfo(more ? token(page.get(page.size() - 1)) : null, total));
        });
    }

    private static String token(TitleBlobEntry last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((last.path + "," + last.blobType).getBytes(StandardCharsets.UTF_8));
    }

    private static Parameters afterToken(Parameters base, String token) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("continuationToken '" + token + "' is not one this service issued.");
        }
        int comma = decoded.lastIndexOf(',');
        if (comma < 0) {
            throw ApiException.badRequest("continuationToken '" + token + "' is not one this service issued.");
        }
        Map<String, Object> map = new java.util.HashMap<>(base.map());
        map.put("afterPath", decoded.substring(0, comma));
        map.put("afterType", decoded.substring(comma + 1));
        Parameters params = new Parameters();
        map.forEach(params::and);
        return params;
    }

    // ---------------------------------------------------------------- batch

    /** One user's copy of a file in a batch download. */
    public record BatchItem(String xuid, int status, String etag, String contentType, BlobEngine.Content content) {
    }

    /** The same file of many users (spec B.6): one item per xuid, refused or missing ones with their status. */
    public List<BatchItem> batch(Caller caller, TitleStorageFamily family, String scid, BlobName name, List<String> xuids) {
        StorageTarget self = target(caller, family, caller.xuid(), scid, Access.READ);
        family.requireType(name.type());
        boolean everyone = ScidAccess.othersMayRead(self.policy());
        return QuarkusTransaction.requiringNew().call(() -> {
            // One query for every user's copy; small blobs carry their bytes inline. A projection, so no entity
            // snapshots of the bytes are taken for dirty checking.
            Map<String, Object[]> found = new java.util.HashMap<>();
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

    // ---------------------------------------------------------------- housekeeping

    /** Abandoned multi-block uploads expire with the engine's staged blocks (savepoint.storage.upload-expiry). */
    @Scheduled(every = "${savepoint.storage.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void expireUploads() {
        Instant expired = Instant.now().minus(config.uploadExpiry());
        List<TitleUpload> stale = QuarkusTransaction.requiringNew().call(() -> TitleUpload.<TitleUpload>list("updatedAt < ?1", expired));
        for (TitleUpload candidate : stale) {
            // Locked and checked again: a block arriving meanwhile keeps its upload, and the sweeper of another replica
            // skips (SKIP LOCKED) an upload this one is expiring.
            QuarkusTransaction.requiringNew().run(() -> {
                TitleUpload upload = TitleUpload.<TitleUpload>find("id = ?1 and updatedAt < ?2", candidate.id, expired)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).withHint("jakarta.persistence.lock.timeout", -2).firstResult();
                if (upload != null) {
                    engine.abandon(uploadId(upload.id));
                    upload.delete();
                }
            });
        }
    }

    private static String uploadId(UUID id) {
        return "ts-" + id;
    }

    private static Optional<TitleBlobEntry> find(StorageTarget target, BlobName name) {
        QuotaUsage.Scope s = target.scope();
        return TitleBlobEntry.findByIdOptional(
                new TitleBlobEntry.Key(s.sandboxId(), s.scid(), s.family(), s.owner(), name.path(), name.type().suffix()));
    }

    /** The blob's row, locked; concurrent writers of one blob are serialized by an advisory lock on its key. */
    private static TitleBlobEntry lock(StorageTarget target, BlobName name) {
        QuotaUsage.Scope s = target.scope();
        String key = String.join("|", s.sandboxId(), s.scid(), s.family(), s.owner(), name.path(), name.type().suffix());
        TitleBlobEntry.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, key).getSingleResult();
        return TitleBlobEntry.findById(
                new TitleBlobEntry.Key(s.sandboxId(), s.scid(), s.family(), s.owner(), name.path(), name.type().suffix()),
                LockModeType.PESSIMISTIC_WRITE);
    }

    private static byte[] readAll(InputStream body) {
        try {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ApiException tooLarge() {
        return new ApiException(413, ErrorCode.INVALID_REQUEST, "The request body exceeds " + config.maxRequestBytes()
                + " bytes; send larger binary blobs as blocks (finalBlock=false, then continuationToken).");
    }

    private static ApiException overQuota(io.savepoint.storage.quota.QuotaExceededException e) {
        return ApiException.badRequest("Over quota: " + e.getMessage());
    }
}
