/**
 * The clip lists (spec A.4–A.6): {@link ClipListService} reads one page by a keyset query; {@link ClipListQuery}
 * validates the paging, sort and filters of {@link ClipListParams}; {@link ContinuationTokens} signs the next page's
 * position. The page's JSON is made by {@code view/ClipQueryService.page}.
 *
 * <p>A new filter: {@link ClipListParams} (the query parameter), {@link ClipListQuery} (parsing, and its
 * {@code identity()} so tokens bind it), {@link ClipListService} (the SQL), maybe an index in a new migration; who may
 * see a clip stays in {@code read/ClipVisibilitySql}.
 */
package io.savepoint.metadata.clips.list;
