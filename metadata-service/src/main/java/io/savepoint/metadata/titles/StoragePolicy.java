package io.savepoint.metadata.titles;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One storage family's settings for a title. */
@RegisterForReflection
public record StoragePolicy(boolean enabled, ReadAccess readAccess, long quotaBytes) {
}
