package io.savepoint.storage.titlestorage.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.savepoint.protocol.ApiException;

/**
 * Resolves the virtual nodes of {@code ,config} blobs (global storage, spec B.8) when they are downloaded.
 * <p>
 * Any object holding a {@code _virtualNode} key, i.e.
 * {@code {"_virtualNode":{"_selectBy":"<mode>","_sourceNodes":[{"_selector":"<value>","_data":<value>},…]}}},
 * is replaced by the {@code _data} of the source node chosen by {@code _selectBy}:
 * <ul>
 *   <li>{@code titleId} (any case, so the doc's {@code titleID} works): the selector equals the caller's title id in
 *       decimal (or in {@code 0x} hex);</li>
 *   <li>{@code locale}: the Accept-Language entries in preference order; first an exact (case-insensitive) match over all
 *       entries, then the language-only part of an entry ({@code fr} of {@code fr-FR}), then an entry that is a
 *       prefix of a selector ({@code fr} matches {@code fr-FR}); {@code _} and {@code -} are treated alike;</li>
 *   <li>{@code custom:<name>}: the value given for {@code <name>} in the {@code customSelector} query parameter
 *       ({@code name.value} pairs separated by commas; names and values compared case-insensitively).</li>
 * </ul>
 * Otherwise the selector {@code default} is used; with no match and no default the property (or array element) is
 * removed. Virtual nodes inside the chosen {@code _data} are resolved too. The root object then gets a
 * {@code "_sourceNodes"} array with {@code "<path>:<selectBy>:<selector>"} per resolved node in document order, where
 * {@code <path>} is the dotted property path ({@code cards.defaultCardDesign}, array elements as {@code list[2]}) and
 * {@code <selectBy>} / {@code <selector>} are spelled as in the document. A document without virtual nodes, or whose
 * root is not an object, is returned byte for byte unchanged. A virtual node at the root itself is not resolved (it
 * has no property name), only its contents would be.
 * A malformed virtual node or {@code customSelector} is a 400 naming the path or entry.
 */
public final class ConfigResolver {

    private static final String VIRTUAL_NODE = "_virtualNode";
    private static final String SELECT_BY = "_selectBy";
    private static final String SOURCE_NODES = "_sourceNodes";
    private static final String SELECTOR = "_selector";
    private static final String DATA = "_data";
    private static final String DEFAULT_SELECTOR = "default";
    private static final String CUSTOM_PREFIX = "custom:";

    private ConfigResolver() {
    }

    /**
     * Resolves every virtual node of {@code json} for this caller.
     *
     * @param callerTitleId    the title id from the caller's claims, or {@code -1} if there is none
     * @param acceptLanguages  language tags in preference order (see {@link #parseAcceptLanguage(String)}); may be null
     * @param customSelector   the raw {@code customSelector} query parameter; may be null
     */
    public static byte[] resolve(byte[] json, long callerTitleId, List<String> acceptLanguages, String customSelector) {
        Map<String, String> custom = parseCustomSelector(customSelector);
        JsonNode root = JsonTrees.read(json, "config resolution");
        if (!root.isObject()) {
            return json;
        }
        Resolution resolution = new Resolution(callerTitleId,
                acceptLanguages == null ? List.of() : acceptLanguages, custom);
        resolution.walkObject((ObjectNode) root, "");
        if (!resolution.changed) {
            return json;
        }
        if (!resolution.sourceNodes.isEmpty()) {
            ArrayNode list = ((ObjectNode) root).putArray(SOURCE_NODES);
            resolution.sourceNodes.forEach(list::add);
        }
        return JsonTrees.write(root);
    }

    /**
     * Checks that every virtual node of a config document is well formed (object {@code _virtualNode} with a string
     * {@code _selectBy} of a known mode, and an array {@code _sourceNodes} of objects each with a string or number
     * {@code _selector} and a {@code _data}), so a bad config can be refused when it is uploaded instead of when read.
     */
    public static void validate(byte[] json) {
        JsonNode root = JsonTrees.read(json, "config validation");
        checkTree(root, "");
    }

    /**
     * Parses an {@code Accept-Language} header into language tags ordered by q-value (highest first, ties in header
     * order). Entries with {@code q=0}, the wildcard {@code *}, and malformed entries are dropped.
     */
    public static List<String> parseAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        record Weighted(String tag, double q) {
        }
        List<Weighted> entries = new ArrayList<>();
        for (String entry : header.split(",")) {
            String[] parts = entry.split(";");
            String tag = parts[0].trim();
            if (tag.isEmpty() || tag.equals("*")
                    || !tag.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_')) {
                continue;
            }
            double q = 1.0;
            boolean valid = true;
            for (int i = 1; i < parts.length; i++) {
                String param = parts[i].trim();
                if (param.length() > 2 && param.substring(0, 2).equalsIgnoreCase("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2).trim());
                    } catch (NumberFormatException e) {
                        valid = false;
                    }
                }
            }
            if (valid && q > 0 && q <= 1) {
                entries.add(new Weighted(tag, q));
            }
        }
        entries.sort((a, b) -> Double.compare(b.q(), a.q())); // List.sort is stable: ties keep header order
        return entries.stream().map(Weighted::tag).toList();
    }

    /** {@code gameMode.serious,difficulty.hard} → {gamemode=serious, difficulty=hard}; names lower-cased, first wins. */
    static Map<String, String> parseCustomSelector(String customSelector) {
        if (customSelector == null || customSelector.isBlank()) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (String entry : customSelector.split(",")) {
            String pair = entry.trim();
            if (pair.isEmpty()) {
                continue;
            }
            int dot = pair.indexOf('.');
            if (dot <= 0 || dot == pair.length() - 1) {
                throw ApiException.badRequest("customSelector entry " + Values.q(pair) + " in " + Values.q(customSelector)
                        + " must be <name>.<value>");
            }
            result.putIfAbsent(pair.substring(0, dot).trim().toLowerCase(Locale.ROOT), pair.substring(dot + 1).trim());
        }
        return Collections.unmodifiableMap(result);
    }

    private static boolean isVirtual(JsonNode node) {
        return node != null && node.isObject() && node.has(VIRTUAL_NODE);
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static void checkTree(JsonNode node, String path) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String at = child(path, field.getKey());
                if (isVirtual(field.getValue())) {
                    checkVirtual(field.getValue(), at);
                } else {
                    checkTree(field.getValue(), at);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String at = path + "[" + i + "]";
                if (isVirtual(node.get(i))) {
                    checkVirtual(node.get(i), at);
                } else {
                    checkTree(node.get(i), at);
                }
            }
        }
    }

    private static void checkVirtual(JsonNode holder, String path) {
        VirtualNode virtual = VirtualNode.of(holder, path);
        for (JsonNode source : virtual.sources()) {
            JsonNode data = source.get(DATA);
            if (isVirtual(data)) {
                checkVirtual(data, path);
            } else {
                checkTree(data, path);
            }
        }
    }

    /** The parsed {@code _virtualNode} of one holder object. */
    private record VirtualNode(String selectBy, Mode mode, String customName, List<JsonNode> sources) {

        static VirtualNode of(JsonNode holder, String path) {
            JsonNode virtual = holder.get(VIRTUAL_NODE);
            if (!virtual.isObject()) {
                throw bad(path, "_virtualNode must be an object with _selectBy and _sourceNodes");
            }
            JsonNode selectByNode = virtual.get(SELECT_BY);
            if (selectByNode == null || !selectByNode.isTextual()) {
                throw bad(path, "_selectBy must be a string (titleId, locale or custom:<name>)");
            }
            String selectBy = selectByNode.textValue();
            Mode mode;
            String customName = null;
            if (selectBy.trim().equalsIgnoreCase("titleId")) {
                mode = Mode.TITLE_ID;
            } else if (selectBy.trim().equalsIgnoreCase("locale")) {
                mode = Mode.LOCALE;
            } else if (selectBy.trim().regionMatches(true, 0, CUSTOM_PREFIX, 0, CUSTOM_PREFIX.length())
                    && selectBy.trim().length() > CUSTOM_PREFIX.length()) {
                mode = Mode.CUSTOM;
                customName = selectBy.trim().substring(CUSTOM_PREFIX.length()).trim().toLowerCase(Locale.ROOT);
            } else {
                throw bad(path, "_selectBy " + Values.q(selectBy) + " is not titleId, locale or custom:<name>");
            }
            JsonNode sourcesNode = virtual.get(SOURCE_NODES);
            if (sourcesNode == null || !sourcesNode.isArray()) {
                throw bad(path, "_sourceNodes must be an array");
            }
            List<JsonNode> sources = new ArrayList<>();
            for (int i = 0; i < sourcesNode.size(); i++) {
                JsonNode source = sourcesNode.get(i);
                JsonNode selector = source.get(SELECTOR);
                if (!source.isObject() || selector == null || !(selector.isTextual() || selector.isNumber())
                        || !source.has(DATA)) {
                    throw bad(path, "_sourceNodes[" + i + "] must be an object with a string _selector and a _data");
                }
                sources.add(source);
            }
            return new VirtualNode(selectBy, mode, customName, sources);
        }

        private static ApiException bad(String path, String what) {
            return ApiException.badRequest("Config virtual node at " + Values.q(path) + " is malformed: " + what);
        }
    }

    private enum Mode {
        TITLE_ID, LOCALE, CUSTOM
    }

    /** One resolution pass over a document. */
    private static final class Resolution {
        private final long callerTitleId;
        private final List<String> languages;
        private final Map<String, String> custom;
        final List<String> sourceNodes = new ArrayList<>();
        boolean changed;

        Resolution(long callerTitleId, List<String> languages, Map<String, String> custom) {
            this.callerTitleId = callerTitleId;
            this.languages = languages;
            this.custom = custom;
        }

        void walk(JsonNode node, String path) {
            if (node instanceof ObjectNode object) {
                walkObject(object, path);
            } else if (node instanceof ArrayNode array) {
                walkArray(array, path);
            }
        }

        void walkObject(ObjectNode object, String path) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String at = child(path, name);
                JsonNode value = object.get(name);
                if (isVirtual(value)) {
                    JsonNode resolved = resolveNode(value, at);
                    if (resolved == null) {
                        object.remove(name);
                    } else {
                        object.set(name, resolved); // replacing keeps the property's position
                    }
                } else {
                    walk(value, at);
                }
            }
        }

        void walkArray(ArrayNode array, String path) {
            int index = 0;
            for (int original = 0; index < array.size(); original++) {
                String at = path + "[" + original + "]";
                JsonNode value = array.get(index);
                if (isVirtual(value)) {
                    JsonNode resolved = resolveNode(value, at);
                    if (resolved == null) {
                        array.remove(index);
                        continue;
                    }
                    array.set(index, resolved);
                } else {
                    walk(value, at);
                }
                index++;
            }
        }

        /** Resolves a virtual node (and a virtual node chosen as its data, and so on); null means "remove it". */
        private JsonNode resolveNode(JsonNode holder, String path) {
            changed = true;
            JsonNode current = holder;
            while (isVirtual(current)) {
                VirtualNode virtual = VirtualNode.of(current, path);
                JsonNode source = choose(virtual);
                if (source == null) {
                    return null;
                }
                sourceNodes.add(path + ":" + virtual.selectBy() + ":" + source.get(SELECTOR).asText());
                current = source.get(DATA);
            }
            walk(current, path);
            return current;
        }

        private JsonNode choose(VirtualNode virtual) {
            JsonNode chosen = switch (virtual.mode()) {
                case TITLE_ID -> callerTitleId < 0 ? null
                        : firstWhere(virtual, s -> isTitleId(s, callerTitleId));
                case LOCALE -> chooseLocale(virtual);
                case CUSTOM -> {
                    String wanted = custom.get(virtual.customName());
                    yield wanted == null ? null : firstWhere(virtual, s -> s.trim().equalsIgnoreCase(wanted));
                }
            };
            return chosen != null ? chosen : firstWhere(virtual, s -> s.trim().equalsIgnoreCase(DEFAULT_SELECTOR));
        }

        private JsonNode chooseLocale(VirtualNode virtual) {
            for (String language : languages) {
                String wanted = normalizeTag(language);
                JsonNode hit = firstWhere(virtual, s -> normalizeTag(s).equals(wanted));
                if (hit != null) {
                    return hit;
                }
            }
            for (String language : languages) {
                String wanted = normalizeTag(language);
                int dash = wanted.indexOf('-');
                if (dash > 0) {
                    String primary = wanted.substring(0, dash);
                    JsonNode hit = firstWhere(virtual, s -> normalizeTag(s).equals(primary));
                    if (hit != null) {
                        return hit;
                    }
                }
            }
            for (String language : languages) {
                String wanted = normalizeTag(language) + "-";
                JsonNode hit = firstWhere(virtual, s -> normalizeTag(s).startsWith(wanted));
                if (hit != null) {
                    return hit;
                }
            }
            return null;
        }

        /** Decimal as the brief and the doc sample use; a {@code 0x} hex selector (Partner Center's spelling) also works. */
        private static boolean isTitleId(String selector, long titleId) {
            String s = selector.trim();
            if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
                try {
                    return Long.parseUnsignedLong(s.substring(2), 16) == titleId;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            return s.equals(Long.toString(titleId));
        }

        private static String normalizeTag(String tag) {
            return tag.trim().replace('_', '-').toLowerCase(Locale.ROOT);
        }

        private static JsonNode firstWhere(VirtualNode virtual, Predicate<String> test) {
            for (JsonNode source : virtual.sources()) {
                if (test.test(source.get(SELECTOR).asText())) {
                    return source;
                }
            }
            return null;
        }
    }
}
