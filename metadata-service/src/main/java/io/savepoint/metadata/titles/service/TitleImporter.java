package io.savepoint.metadata.titles.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import io.savepoint.metadata.titles.TitleDocument;
import io.savepoint.protocol.ApiException;

/**
 * Imports a JSON array of title documents at startup (savepoint.metadata.titles-file), creating or replacing each
 * title. A bad file stops startup with the file, the title and the problem named: the registry never half-loads.
 */
@ApplicationScoped
public class TitleImporter {

    private static final Logger LOG = Logger.getLogger(TitleImporter.class);

    @ConfigProperty(name = "savepoint.metadata.titles-file")
    Optional<Path> titlesFile;

    final TitleService titles;
    final ObjectMapper json;
    final Validator validator;

    TitleImporter(TitleService titles, ObjectMapper json, Validator validator) {
        this.titles = titles;
        this.json = json;
        this.validator = validator;
    }

    void onStart(@Observes StartupEvent event) {
        titlesFile.ifPresent(this::importFile);
    }

    @Transactional
    public int importFile(Path file) {
        List<TitleDocument> documents;
        try {
            documents = json.readValue(Files.readAllBytes(file), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read titles file " + file.toAbsolutePath()
                    + " (savepoint.metadata.titles-file): expected a JSON array of titles. " + e.getMessage(), e);
        }
        for (TitleDocument document : documents) {
            Set<ConstraintViolation<TitleDocument>> violations = validator.validate(document);
            if (!violations.isEmpty()) {
                throw new IllegalStateException("Titles file " + file + ", title " + document.titleId() + ": " + violations.stream()
                        .map(v -> v.getPropertyPath() + " " + v.getMessage()).collect(Collectors.joining("; ")));
            }
            try {
                titles.put(document);
            } catch (ApiException e) {
                throw new IllegalStateException("Titles file " + file + ", title " + document.titleId() + ": " + e.getMessage(), e);
            }
        }
        LOG.infof("Imported %d title(s) from %s", documents.size(), file);
        return documents.size();
    }
}
