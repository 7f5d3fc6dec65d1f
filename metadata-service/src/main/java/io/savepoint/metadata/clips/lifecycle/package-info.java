/**
 * What happens to clips without anyone asking: uploads past their deadline expire and storage cleanups that failed
 * are retried ({@link ClipExpirySweeper}, a scheduled job); after each new clip, the owner's oldest unsaved clips
 * beyond the retention count are deleted ({@link ClipRetention}); failed and deleted clips give back their bytes and
 * quota in storage-service ({@link ClipStorageCleanup}).
 */
package io.savepoint.metadata.clips.lifecycle;
