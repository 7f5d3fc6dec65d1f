package io.savepoint.metadata.clips.view;

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
        if (texts == null || texts.isEmpty()) {
            return "";
        }
        List<String> tags = List.copyOf(texts.keySet());
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
                return texts.get(match);
            }
        }
        if (defaultLocale != null) {
            String match = tags.stream().filter(t -> t.equalsIgnoreCase(defaultLocale)).findFirst().orElse(null);
            if (match != null) {
                return texts.get(match);
            }
        }
        return "";
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
