package io.savepoint.storage.titlestorage;

import jakarta.enterprise.context.ApplicationScoped;

import io.savepoint.storage.quota.QuotaService;

/** The quota of a place in Title Storage (spec B.1): the bytes it uses of its policy's quota. */
@ApplicationScoped
public class TitleQuotaService {

    private final QuotaService quota;

    TitleQuotaService(QuotaService quota) {
        this.quota = quota;
    }

    public QuotaInfoResponse quota(StorageTarget target) {
        return new QuotaInfoResponse(new QuotaInfoResponse.QuotaInfo(quota.usedBytes(target.scope()), target.policy().getQuotaBytes()));
    }
}
