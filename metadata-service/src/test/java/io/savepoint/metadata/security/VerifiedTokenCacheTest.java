package io.savepoint.metadata.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.savepoint.testing.DevTokens;
import io.savepoint.testing.PostgresTestResource;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/** proto's io.savepoint.protocol.VerifiedTokenCache as a service runs it: smallrye-jwt's parser, decorated. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_metadata"))
class VerifiedTokenCacheTest {

    @Inject
    JWTParser parser;

    @Test
    void aTokenIsVerifiedOnceAndThenRemembered() throws ParseException {
        String token = DevTokens.operator().sign();

        assertThat(parser.parse(token)).isSameAs(parser.parse(token));
    }

    @Test
    void refusedTokensAreRefusedEveryTime() {
        for (String token : new String[] {DevTokens.operator().signWithForeignKey(),
                DevTokens.operator().expiresAt(Instant.now().minusSeconds(3600)).sign()}) {
            assertThatThrownBy(() -> parser.parse(token)).isInstanceOf(ParseException.class);
            assertThatThrownBy(() -> parser.parse(token)).isInstanceOf(ParseException.class);
        }
    }

    @Test
    void aTokenIsVerifiedAgainOnceItsExpiryHasPassed() throws Exception {
        String token = DevTokens.operator().expiresAt(Instant.now().plusSeconds(2)).sign();
        var first = parser.parse(token);

        Thread.sleep(2_500);

        // smallrye-jwt still accepts it within its clock skew, but from a fresh verification
        assertThat(parser.parse(token)).isNotSameAs(first);
    }
}
