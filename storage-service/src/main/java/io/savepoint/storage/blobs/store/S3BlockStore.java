package io.savepoint.storage.blobs.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.savepoint.storage.StorageConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The S3 backend: each block is one object {@code <prefix><key>} in one bucket of any S3-compatible store (AWS S3,
 * MinIO, Ceph RGW, s3proxy…). A block (at most savepoint.storage.max-request-bytes) is buffered — in memory up to
 * {@value #MEMORY_BUFFER} bytes, beyond that in a temporary file — so it is sent with its length and Content-MD5 in one
 * PutObject, which the store either keeps whole or not at all. Reads are ranged GetObjects, garbage is DeleteObject.
 * Nothing is kept on local disk after a call returns, so any number of replicas can share the bucket.
 */
public class S3BlockStore implements BlockStore {

    static final int MEMORY_BUFFER = 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String endpoint;

    S3BlockStore(S3Client s3, String bucket, String prefix, String endpoint) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.endpoint = endpoint;
    }

    /** Builds the store from savepoint.storage.s3.*, refusing (with every missing setting named) an incomplete one. */
    public static S3BlockStore create(StorageConfig.S3 config) {
        List<String> missing = new ArrayList<>();
        requireSet(config.bucket(), "savepoint.storage.s3.bucket (SAVEPOINT_STORAGE_S3_BUCKET)", missing);
        requireSet(config.accessKeyId(), "savepoint.storage.s3.access-key-id (SAVEPOINT_STORAGE_S3_ACCESS_KEY_ID)", missing);
        requireSet(config.secretAccessKey(), "savepoint.storage.s3.secret-access-key (SAVEPOINT_STORAGE_S3_SECRET_ACCESS_KEY)", missing);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("savepoint.storage.backend=s3 needs " + String.join(", ", missing));
        }
        S3ClientBuilder builder = S3Client.builder()
                // Chosen explicitly: no classpath scan for an HTTP client, and the JDK's client works in native images.
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(config.connectTimeout())
                        .socketTimeout(config.readTimeout()))
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKeyId().get(), config.secretAccessKey().get())))
                .forcePathStyle(config.pathStyle())
                // Integrity is Content-MD5 on every PutObject; the SDK's default CRC trailers are not understood by every
                // S3-compatible store.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        config.endpoint().ifPresent(builder::endpointOverride);
        String where = config.endpoint().map(Object::toString).orElse("AWS " + config.region());
        return new S3BlockStore(builder.build(), config.bucket().get(), config.prefix().orElse(""), where);
    }

    private static void requireSet(Optional<String> value, String name, List<String> missing) {
        if (value.filter(v -> !v.isBlank()).isEmpty()) {
            missing.add(name);
        }
    }

    @Override
    public Written write(String key, InputStream data, long maxBytes, byte[] expectedMd5) throws IOException {
        try (SpillBuffer buffer = new SpillBuffer()) {
            // Always with MD5: every PutObject carries Content-MD5.
            BlockDigests digests = BlockDigests.copy(data, buffer, maxBytes, true);
            digests.requireMd5(expectedMd5);
            RequestBody body = buffer.file() != null ? RequestBody.fromFile(buffer.file()) : RequestBody.fromBytes(buffer.bytes());
            try {
                s3.putObject(r -> r.bucket(bucket).key(objectKey(key)).contentLength(digests.size())
                        .contentMD5(Base64.getEncoder().encodeToString(digests.md5())), body);
            } catch (SdkException e) {
                throw new IOException("Cannot store block " + key + " in " + describe() + ": " + e.getMessage(), e);
            }
            return digests.written();
        }
    }

    @Override
    public void copy(String key, long offset, long length, OutputStream out) throws IOException {
        if (length == 0) {
            return;
        }
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(bucket).key(objectKey(key))
                .range("bytes=" + offset + "-" + (offset + length - 1)))) {
            long copied = in.transferTo(out);
            if (copied != length) {
                throw new IOException("Block " + key + " is shorter than recorded: " + copied + " of " + length + " bytes at " + offset);
            }
        } catch (SdkException e) {
            throw new IOException("Cannot read block " + key + " from " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(objectKey(key)));
        } catch (NoSuchKeyException e) {
            // already gone
        } catch (SdkException e) {
            throw new IOException("Cannot delete block " + key + " from " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            s3.headObject(r -> r.bucket(bucket).key(objectKey(key)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (SdkException e) {
            throw new IOException("Cannot look up block " + key + " in " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void check() throws IOException {
        try {
            s3.headBucket(r -> r.bucket(bucket));
        } catch (SdkException e) {
            throw new IOException("Bucket " + bucket + " at " + endpoint + " is not usable: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "s3 bucket " + bucket + " prefix '" + prefix + "' at " + endpoint;
    }

    @Override
    public void close() {
        s3.close();
    }

    private String objectKey(String key) {
        if (!key.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("Bad block key " + key);
        }
        return prefix + key;
    }

    /** Holds one block: in memory while small, in a temporary file (deleted on close) once larger. */
    private static final class SpillBuffer extends OutputStream {

        private ByteArrayOutputStream memory = new ByteArrayOutputStream();
        private Path file;
        private OutputStream fileOut;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (fileOut == null && memory.size() + len > MEMORY_BUFFER) {
                file = Files.createTempFile("savepoint-block-", ".part");
                fileOut = Files.newOutputStream(file);
                memory.writeTo(fileOut);
                memory = null;
            }
            if (fileOut != null) {
                fileOut.write(b, off, len);
            } else {
                memory.write(b, off, len);
            }
        }

        /** The spilled file (complete once the copy is done), or null while the block is in memory. */
        Path file() throws IOException {
            if (fileOut != null) {
                fileOut.flush();
            }
            return file;
        }

        byte[] bytes() {
            return memory.toByteArray();
        }

        @Override
        public void close() throws IOException {
            if (fileOut != null) {
                try {
                    fileOut.close();
                } finally {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
