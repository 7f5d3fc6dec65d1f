/**
 * The GameClips REST API, the resources of every feature in one place: one path may serve several features (the
 * initial upload, the SCID's list and one clip under {@code /users/{ownerId}/scids/{scid}/clips} are one resource,
 * {@link ClipResource}, so "me" and "xuid(n)" route alike). Resources parse and delegate to the feature packages.
 */
package io.savepoint.metadata.clips.rest;
