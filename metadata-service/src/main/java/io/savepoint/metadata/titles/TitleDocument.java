package io.savepoint.metadata.titles;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.savepoint.protocol.TitleIsolation;

/**
 * A title as operators write it (operator API body, import file) and read it back. Omitted storage families get
 * the spec's defaults; omitted clipQuotaBytes gets {@link #DEFAULT_CLIP_QUOTA_BYTES}.
 */
@RegisterForReflection
public record TitleDocument(
        @NotNull @PositiveOrZero @Max(4294967295L) Long titleId,
        @NotEmpty List<@NotNull @Pattern(regexp = TitleIsolation.SCID_REGEX,
                message = "must be a GUID like 00000000-0000-0000-0000-0000075e3a40") String> scids,
        @NotEmpty List<@NotNull @Pattern(regexp = SANDBOX, message = "must be 1-64 letters, digits, '.', '-' or '_'") String> sandboxIds,
        @Pattern(regexp = LOCALE, message = "must be a locale like en-US") String defaultLocale,
        @NotEmpty Map<@Pattern(regexp = LOCALE, message = "must be a locale like en-US") String, @NotNull String> displayNames,
        Map<@NotNull String, @NotEmpty Map<@Pattern(regexp = LOCALE,
                message = "must be a locale like en-US") String, @NotNull String>> clipNames,
        Map<@NotNull String, @Valid @NotNull StoragePolicyDocument> storagePolicies,
        @Positive Long clipQuotaBytes) {

    public static final String SANDBOX = "[A-Za-z0-9._-]{1,64}";
    public static final String LOCALE = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*";
    public static final long DEFAULT_CLIP_QUOTA_BYTES = 2L << 30;

    @RegisterForReflection
    public record StoragePolicyDocument(Boolean enabled, ReadAccess readAccess, @Positive Long quotaBytes) {
    }
}
