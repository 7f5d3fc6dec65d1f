package io.savepoint.metadata.clips.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LocalizedTextTest {

    static final Map<String, String> NAMES = Map.of("en-US", "Killing spree", "fr-FR", "Série d'éliminations");

    @Test
    void picksByAcceptLanguage() {
        assertEquals("Série d'éliminations", LocalizedText.pick(NAMES, "fr-FR", "en-US"));
        assertEquals("Série d'éliminations", LocalizedText.pick(NAMES, "fr-fr,en;q=0.5", "en-US"));
        assertEquals("Série d'éliminations", LocalizedText.pick(NAMES, "fr", "en-US"));
        assertEquals("Série d'éliminations", LocalizedText.pick(NAMES, "fr-CA", "en-US"));
        assertEquals("Série d'éliminations", LocalizedText.pick(NAMES, "de-DE, fr-FR;q=0.8", "en-US"));
    }

    @Test
    void fallsBackToTheDefaultLocale() {
        assertEquals("Killing spree", LocalizedText.pick(NAMES, "de-DE", "en-US"));
        assertEquals("Killing spree", LocalizedText.pick(NAMES, null, "en-US"));
        assertEquals("Killing spree", LocalizedText.pick(NAMES, "!!garbage;;", "en-US"));
        assertEquals("", LocalizedText.pick(null, "fr-FR", "en-US"));
        assertEquals("", LocalizedText.pick(Map.of("de-DE", "x"), "fr-FR", "en-US"));
    }

    @Test
    void theNegotiatedLocaleIsWhatPickTakes() {
        assertEquals("fr-FR", LocalizedText.locale(NAMES.keySet(), "fr-CA, qaa;q=0.5", "en-US"));
        assertEquals("fr-FR", LocalizedText.locale(NAMES.keySet(), "fr", "en-US"));
        assertEquals("en-US", LocalizedText.locale(NAMES.keySet(), "de-DE", "en-US"));
        assertNull(LocalizedText.locale(Map.of("de-DE", "x").keySet(), "fr-FR", "en-US"));
        assertNull(LocalizedText.locale(null, "fr-FR", "en-US"));
    }
}
