package io.savepoint.metadata.clips.rest;

import static io.restassured.RestAssured.given;
import static io.savepoint.metadata.clips.ClipFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.savepoint.metadata.clips.CatalogRows;
import io.savepoint.metadata.clips.ClipFixtures;
import io.savepoint.metadata.clips.GameClip;
import io.savepoint.metadata.clips.GameClipState;
import io.savepoint.metadata.clips.lifecycle.ClipExpirySweeper;
import io.savepoint.testing.PostgresTestResource;
import io.savepoint.testing.TestTitles;

/**
 * A delete while storage-service is unreachable (the test profile points its client at a refusing port): the clip
 * is gone for every reader at once, and its byte deletion stays queued for the sweeper instead of being lost.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "savepoint_metadata"))
class ClipDeleteWithoutStorageTest {

    @Inject
    ClipExpirySweeper sweeper;

    @Test
    void theClipDisappearsAtOnceAndItsBytesStayQueued() {
        String owner = "2533274800000601";
        String id = CatalogRows.insert(owner, 1).get(0);
        String path = "/users/me/scids/" + TestTitles.SCID + "/clips/" + id;

        given().header("Authorization", token(owner)).when().delete(path).then().statusCode(204);
        given().header("Authorization", token(owner)).when().delete(path).then().statusCode(404);
        given().header("Authorization", token(owner)).when().get(path).then().statusCode(404);
        assertThat(given().header("Authorization", token(owner)).when().get("/users/me/clips").then().statusCode(200)
                .extract().<List<Object>>path("gameClips")).isEmpty();

        sweeper.sweep();
        GameClip clip = ClipFixtures.load(id);
        assertThat(clip.state).isEqualTo(GameClipState.PendingDelete);
        assertThat(clip.storageCleanupPending).isTrue();
        assertThat(clip.deletedAt).isNotNull();
    }
}
