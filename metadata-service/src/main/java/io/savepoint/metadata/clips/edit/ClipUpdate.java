package io.savepoint.metadata.clips.edit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.savepoint.metadata.clips.GameClipVisibility;
import io.savepoint.metadata.clips.upload.InitialUploadValidator;
import io.savepoint.protocol.ApiException;

/**
 * A validated UpdateMetadataRequest (spec A.8, C.8): the fields present change, absent ones stay. Every field is
 * checked before anything is written, and one bad field fails the whole request with a 400 naming all problems.
 * A field set to JSON null clears userCaption or titleData.
 */
record ClipUpdate(boolean setsCaption, String userCaption, GameClipVisibility visibility, boolean setsTitleData, String titleData) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("userCaption", "visibility", "titleData");

    static ClipUpdate parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("Malformed JSON body: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiException
                    .badRequest("The body must be a JSON UpdateMetadataRequest object with userCaption, visibility and/or titleData.");
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(name + " cannot be changed (only userCaption, visibility and titleData can)");
            }
        }
        if (root.isEmpty()) {
            problems.add("the request changes nothing: send userCaption, visibility and/or titleData");
        }
        String caption = text(root, "userCaption", problems);
        if (caption != null && caption.length() > InitialUploadValidator.USER_CAPTION_MAX_CHARS) {
            problems.add("userCaption is " + caption.length() + " characters; at most " + InitialUploadValidator.USER_CAPTION_MAX_CHARS);
        }
        String titleData = text(root, "titleData", problems);
        if (titleData != null && titleData.getBytes(StandardCharsets.UTF_8).length > InitialUploadValidator.PROPERTY_BAG_MAX_BYTES) {
            problems.add("titleData is larger than " + InitialUploadValidator.PROPERTY_BAG_MAX_BYTES + " bytes");
        }
        GameClipVisibility visibility = visibility(root, problems);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("Invalid UpdateMetadataRequest: " + String.join("; ", problems) + ".");
        }
        return new ClipUpdate(root.has("userCaption"), caption, visibility, root.has("titleData"), titleData);
    }

    private static String text(JsonNode root, String field, List<String> problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add(field + " must be a string");
            return null;
        }
        return node.asText();
    }

    private static GameClipVisibility visibility(JsonNode root, List<String> problems) {
        JsonNode node = root.get("visibility");
        if (node == null) {
            return null;
        }
        List<String> allowed = List.of("Default", "Owner", "Title", "Public");
        for (String name : allowed) {
            if (node.isTextual() && node.asText().equalsIgnoreCase(name)) {
                return GameClipVisibility.valueOf(name);
            }
        }
        problems.add("visibility must be one of " + allowed + ", got " + node);
        return null;
    }
}
