package io.savepoint.metadata.clips.view;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Picks a localized string for an Accept-Language header: the best-weighted language range that matches a locale
 * of the map (exactly, or by language: "fr" and "fr-CA" find "fr-FR"), else the default locale, else "".
 */
public final class LocalizedText {

    private LocalizedText() {
    }

    public static String pick(Map<String, String> texts, String acceptLanguage, String defaultLocale) {
        String locale = texts == null ? null : locale(texts.keySet(), acceptLanguage, defaultLocale);
        return locale == null ? "" : texts.get(locale);
    }

    /**
     * The locale of {@code locales} that {@link #pick} takes for this header, or null: what a cache may key on instead
     * of the raw header, so headers that negotiate the same text share an entry.
     */
    public static String locale(Collection<String> locales, String acceptLanguage, String defaultLocale) {
        if (locales == null || locales.isEmpty()) {
            return null;
        }
        List<String> tags = List.copyOf(locales);
        for (Locale.LanguageRange range : ranges(acceptLanguage)) {
            if (range.getWeight() == 0 || "*".equals(range.getRange())) {
                continue;
            }
            String match = first(tags, range.getRange());
            if (match == null) {
                String language = range.getRange().split("-")[0];
                match = first(tags, language);
            }
            if (match != null) {
                return match;
            }
        }
        return defaultLocale == null ? null : tags.stream().filter(t -> t.equalsIgnoreCase(defaultLocale)).findFirst().orElse(null);
    }

    private static String first(List<String> tags, String range) {
        List<String> matches = Locale.filterTags(List.of(new Locale.LanguageRange(range)), tags);
        return matches.isEmpty() ? null : tags.stream().filter(t -> t.equalsIgnoreCase(matches.get(0))).findFirst().orElse(null);
    }

    private static List<Locale.LanguageRange> ranges(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return List.of();
        }
        try {
            return Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}
