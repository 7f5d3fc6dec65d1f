package io.savepoint.storage.titlestorage;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code {"quotaInfo":{"usedBytes":…,"quotaBytes":…}}} (spec C.14); both numbers, as XSAPI parses them. */
@RegisterForReflection
public record QuotaInfoResponse(QuotaInfo quotaInfo) {

    @RegisterForReflection
    public record QuotaInfo(long usedBytes, long quotaBytes) {
    }
}
