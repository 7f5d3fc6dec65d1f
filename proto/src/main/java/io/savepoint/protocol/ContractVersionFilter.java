package io.savepoint.protocol;

import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Accepts the two version headers Xbox clients send ({@code x-xbl-contract-version} and the GameClips pages'
 * {@code X-RequestedServiceVersion}) and refuses a version Savepoint does not serve with 406 naming the versions it does.
 */
public class ContractVersionFilter {

    static final Set<String> SUPPORTED = Set.of("1", "2");

    @ServerRequestFilter(preMatching = true)
    public void checkVersion(ContainerRequestContext request) {
        check(request, "x-xbl-contract-version");
        check(request, "X-RequestedServiceVersion");
    }

    private static void check(ContainerRequestContext request, String header) {
        String version = request.getHeaderString(header);
        if (version != null && !SUPPORTED.contains(version.strip())) {
            throw new ApiException(406, ErrorCode.INVALID_REQUEST,
                    "Unsupported " + header + " '" + version + "': this service serves versions 1 and 2.");
        }
    }
}
