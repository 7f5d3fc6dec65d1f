package io.savepoint.storage.quota;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Usage accounting per owner scope. */
@ApplicationScoped
public class QuotaService {

    @Transactional(Transactional.TxType.SUPPORTS)
    public long usedBytes(QuotaUsage.Scope scope) {
        QuotaUsage usage = QuotaUsage.findById(scope);
        return usage == null ? 0 : usage.usedBytes;
    }
}
