package io.savepoint.storage.titlestorage;

import io.savepoint.grpc.v1.StoragePolicy;
import io.savepoint.grpc.v1.Title;
import io.savepoint.storage.quota.QuotaUsage;

/** A resolved, authorized place in Title Storage: the title, its policy for the family, and the owner scope. */
public record StorageTarget(Title title, StoragePolicy policy, TitleStorageFamily family, QuotaUsage.Scope scope) {
}
