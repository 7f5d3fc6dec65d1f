package io.savepoint.storage.titlestorage.rules;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.savepoint.protocol.ApiException;
import io.savepoint.protocol.ErrorCode;

/**
 * The {@code ?select=} query parameter of a {@code ,json} download (spec B.3): a path of {@code .}-separated property
 * names, each optionally followed by {@code [n]} array indexes, e.g. {@code weapon.name}, {@code levels[3].quest},
 * {@code array1[4].prop2}, {@code items[0]}. The answer wraps the selected value in an object keyed by the last
 * property name of the path: {@code weapon.name} on {@code {"weapon":{"name":"poison"}}} gives {@code {"name":"poison"}},
 * and {@code items[0]} gives {@code {"items":<first element>}}.
 * A malformed select is a 400; a select that matches nothing is a 404.
 */
public final class JsonSelect {

    /** Longest index accepted, in digits; anything larger cannot address an array of a valid blob anyway. */
    private static final int MAX_INDEX_DIGITS = 9;

    private JsonSelect() {
    }

    /** Applies {@code select} to the stored document {@code json} and returns the compact result. */
    public static byte[] select(byte[] json, String select) {
        List<Step> steps = parse(select);
        JsonNode node = JsonTrees.read(json, "select " + Values.q(select));
        String lastName = null;
        for (Step step : steps) {
            if (step.name() != null) {
                if (!node.isObject() || !node.has(step.name())) {
                    throw nothing(select);
                }
                node = node.get(step.name());
                lastName = step.name();
            } else {
                if (!node.isArray() || step.index() >= node.size()) {
                    throw nothing(select);
                }
                node = node.get(step.index());
            }
        }
        ObjectNode result = JsonTrees.MAPPER.createObjectNode();
        result.set(lastName, node);
        return JsonTrees.write(result);
    }

    /** One step of a select: a property name, or (name {@code null}) an array index. */
    private record Step(String name, int index) {
    }

    private static List<Step> parse(String select) {
        if (select == null || select.isEmpty()) {
            throw ApiException.badRequest("select must not be empty; use property names separated by '.' with optional [n] indexes");
        }
        List<Step> steps = new ArrayList<>();
        int pos = 0;
        int n = select.length();
        while (true) {
            int start = pos;
            while (pos < n && "[].".indexOf(select.charAt(pos)) < 0) {
                pos++;
            }
            if (pos == start) {
                throw malformed(select, "an empty property name at position " + start);
            }
            steps.add(new Step(select.substring(start, pos), -1));
            while (pos < n && select.charAt(pos) == '[') {
                int close = select.indexOf(']', pos);
                if (close < 0) {
                    throw malformed(select, "an unclosed '[' at position " + pos);
                }
                String digits = select.substring(pos + 1, close);
                if (digits.isEmpty() || digits.length() > MAX_INDEX_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw malformed(select, "index " + Values.q(digits) + " at position " + (pos + 1)
                            + " that is not a non-negative integer of at most " + MAX_INDEX_DIGITS + " digits");
                }
                steps.add(new Step(null, Integer.parseInt(digits)));
                pos = close + 1;
            }
            if (pos == n) {
                return steps;
            }
            if (select.charAt(pos) != '.') {
                throw malformed(select, "an unexpected " + Values.q(String.valueOf(select.charAt(pos)))
                        + " at position " + pos);
            }
            pos++;
        }
    }

    private static ApiException malformed(String select, String what) {
        return ApiException.badRequest("select " + Values.q(select) + " is malformed: it has " + what
                + "; expected property names separated by '.', each optionally followed by [n]");
    }

    private static ApiException nothing(String select) {
        return new ApiException(404, ErrorCode.NOT_FOUND, "select " + Values.q(select) + " matches nothing");
    }
}
