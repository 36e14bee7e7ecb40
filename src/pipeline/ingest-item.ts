// One item's ingestion: load → fetch page → decode → extract → fingerprint → store → fold.
// A page that cannot be fetched or read still folds, on the text its feed gave.
import { describeError, ExtractError, FetchError } from '../errors.ts';
import { getItemForIngest, markIngestFailed, saveIngested, type ItemForIngest } from '../db/items.ts';
import type { Statement } from '../db/client.ts';
import { signItem, type Signature } from '../domain/fingerprint.ts';
import { htmlToText } from '../domain/html-text.ts';
import { normaliseLanguageTag } from '../domain/extract/language.ts';
import { canonicalizeUrl } from '../domain/url.ts';
import type { Article } from '../model.ts';
import type { GivenUp, IngestJob } from '../queue/queues.ts';
import { fetchOptionsFrom, readerOf, type Deps } from './deps.ts';
import { foldItem, type FoldResult } from './fold-item.ts';
import { takeHostSlot } from './host-slot.ts';

/** What one ingestion did. */
export interface IngestSummary {
  itemId: number;
  outcome: 'skipped' | 'folded';
  fold?: FoldResult;
  pageError?: string;
}

const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** Fetch, extract, fingerprint and fold one item. Safe to run twice: the second run changes nothing. */
export async function ingestItem(deps: Deps, job: IngestJob): Promise<IngestSummary> {
  const item = await getItemForIngest(deps.db, job.itemId);
  if (!item) return { itemId: job.itemId, outcome: 'skipped' };
  const log = deps.log.child({ item_id: item.id, feed_id: item.feedId, url: item.url });
  let sig = item.signature;
  let pageError: string | undefined;
  let save: Statement<void> | undefined;
  if (item.status === 'new' || !sig) {
    const page = await readPage(deps, item);
    pageError = page.error;
    if (pageError) log.warn({ error: pageError }, 'article page unusable; folding on the feed text');
    ({ sig, save } = signAndSave(deps, item, page));
  }
  const fold = await foldItem(deps, { itemId: item.id, sig, publishedAt: item.publishedAt }, save);
  log.debug({ story_id: fold.storyId, method: fold.method, created: fold.created }, 'item folded');
  if (!fold.alreadyFolded) deps.announce?.();
  return { itemId: item.id, outcome: 'folded', fold, ...(pageError ? { pageError } : {}) };
}

/**
 * An ingestion given up for good. One that crashed its worker too often is failed with the reason, never tried
 * again, and folded on the text its feed gave without its page (the likeliest cause), so its story still shows; it
 * is failed first, on its own, so that should folding stop the process too, the item stays failed and is not
 * queued again. One that failed every attempt is left new: an ingestion throws only when the database or the
 * queue is down (a page's own failure is recorded on the item), so the stranded-item sweep tries it again later.
 */
export async function recordIngestGivenUp(deps: Deps, job: IngestJob, reason: string, why: GivenUp): Promise<void> {
  if (why === 'attempts') {
    deps.log.warn({ item_id: job.itemId, error: reason }, 'item ingestion failed every attempt; the stranded-item sweep will queue it again');
    return;
  }
  const error = `ingestion ${reason}`;
  await markIngestFailed(deps.db, job.itemId, error, deps.now());
  deps.log.warn({ item_id: job.itemId, error: reason }, 'item ingestion crashed its worker; item failed, folding it on its feed text');
  try {
    await foldOnFeedText(deps, job.itemId, error);
  } catch (err) {
    deps.log.warn({ item_id: job.itemId, error: describeError(err) }, 'item failed by crashes not folded on its feed text');
  }
}

/** Fold an item failed by crashes on its feed's text, its page not read; nothing when it is folded already or gone. */
async function foldOnFeedText(deps: Deps, itemId: number, error: string): Promise<void> {
  const item = await getItemForIngest(deps.db, itemId);
  if (!item || item.status !== 'failed' || item.signature) return;
  const { sig, save } = signAndSave(deps, item, { article: null, finalUrl: null, error });
  const fold = await foldItem(deps, { itemId: item.id, sig, publishedAt: item.publishedAt }, save);
  if (!fold.alreadyFolded) deps.announce?.();
}

/**
 * The item's signature, and the statement storing what ingestion learned (run in the fold's transaction: an item is
 * either ingested and folded, or left as it was and retried). The item's title and date become the merged ones.
 */
function signAndSave(deps: Deps, item: ItemForIngest, page: PageRead): { sig: Signature; save: Statement<void> } {
  const fields = mergeFields(item, page.article, page.finalUrl);
  const sig = signItem({
    url: fields.pageUrl ?? item.url ?? `item:${item.id}`,
    canonicalUrl: fields.canonicalUrl,
    title: fields.title,
    text: fields.text,
    links: page.article?.links ?? [],
    language: fields.language,
    publishedAt: fields.publishedAt,
  });
  const ingested = { ...fields, signature: sig, status: page.error ? ('failed' as const) : ('ingested' as const), ingestError: page.error ?? null };
  item.title = fields.title;
  item.publishedAt = fields.publishedAt;
  return { sig, save: saveIngested(item.id, ingested, deps.now()) };
}

/** An article page as read: its article, the URL it ended at, or why it could not be used. */
interface PageRead {
  article: Article | null;
  finalUrl: string | null;
  error?: string;
}

async function readPage(deps: Deps, item: ItemForIngest): Promise<PageRead> {
  if (!item.url) return { article: null, finalUrl: null, error: 'item has no link' };
  // Article pages count against their host's budget like feeds do; over budget, the job waits its turn.
  const slot = await takeHostSlot(deps, item.url);
  try {
    const res = await deps.fetch(item.url, fetchOptionsFrom(deps.config, { accept: PAGE_ACCEPT }));
    if (!/html|xml|^text\//i.test(res.contentType ?? 'text/html')) {
      return { article: null, finalUrl: res.url, error: `not an HTML page: ${res.contentType}` };
    }
    return { article: await readerOf(deps).readPage(res.body, res.contentType, res.url), finalUrl: res.url };
  } catch (err) {
    if (err instanceof FetchError || err instanceof ExtractError) return { article: null, finalUrl: null, error: describeError(err) };
    throw err;
  } finally {
    await slot?.release();
  }
}

/** The item's fields after ingestion: the page where it helps, the feed where the page says nothing. */
function mergeFields(item: ItemForIngest & { feedLanguage: string | null }, article: Article | null, finalUrl: string | null) {
  const feedText = htmlToText(item.content) || htmlToText(item.summary);
  const articleText = article?.text ?? '';
  const text = articleText.length >= Math.min(feedText.length, 200) ? articleText : feedText;
  const canonical = article?.canonicalUrl ? canonicalizeUrl(article.canonicalUrl) : null;
  return {
    pageUrl: finalUrl ? canonicalizeUrl(finalUrl) ?? finalUrl : item.url,
    canonicalUrl: canonical ?? item.canonicalUrl,
    language: normaliseLanguageTag(article?.language ?? item.feedLanguage),
    text,
    title: item.title && item.title !== '(untitled)' ? item.title : article?.title ?? item.title,
    publishedAt: item.publishedAt ?? article?.publishedAt ?? null,
  };
}

