package io.savepoint.protocol;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Applies {@link TextInput}'s rules to every path segment, query parameter and header of a matched request, so that
 * no route reaches a service or the database with U+0000, a lone surrogate or invalid UTF-8 in its text. It reads the
 * raw URI: the framework's decoded values have already turned invalid UTF-8 into U+FFFD.
 */
public class TextInputFilter {

    @ServerRequestFilter
    public void checkText(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        if (uri.getRawPath() != null) {
            for (String segment : uri.getRawPath().split("/")) {
                String problem = TextInput.uriProblem(segment);
                if (problem != null) {
                    throw ApiException.badRequest(pathField(segment, request.getUriInfo().getPathParameters()) + " " + problem);
                }
            }
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                String rawName = equals < 0 ? pair : pair.substring(0, equals);
                String problem = TextInput.uriProblem(rawName);
                if (problem != null) {
                    throw ApiException.badRequest("A query parameter name " + problem);
                }
                problem = equals < 0 ? null : TextInput.uriProblem(pair.substring(equals + 1));
                if (problem != null) {
                    throw ApiException.badRequest("Query parameter '" + lenientDecode(rawName) + "' " + problem);
                }
            }
        }
        for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
            for (String value : header.getValue()) {
                TextInput.check("Header " + header.getKey(), value);
            }
        }
    }

    /** Names a broken raw path segment after the template parameter it feeds, e.g. "Path parameter 'gameClipId'". */
    private static String pathField(String rawSegment, MultivaluedMap<String, String> pathParameters) {
        String decoded = lenientDecode(rawSegment);
        for (Map.Entry<String, List<String>> parameter : pathParameters.entrySet()) {
            for (String value : parameter.getValue()) {
                if (!decoded.isEmpty() && value.contains(decoded)) {
                    return "Path parameter '" + parameter.getKey() + "'";
                }
            }
        }
        return "Path segment '" + rawSegment + "'";
    }

    private static String lenientDecode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}
