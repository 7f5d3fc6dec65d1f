/**
 * Reading game_clip rows as a caller may see them: {@link ClipLookup} finds the clip a URI names (404 for clips the
 * caller may not see), {@link ClipVisibilitySql} is the one rule of who sees what (lists use it too), and
 * {@link ClipReads} reads rows ({@link ClipRow}) and list entries ({@link ClipVersion}) with plain JDBC.
 */
package io.savepoint.metadata.clips.read;
