// A fetched article page, read the way ingestion needs it: bytes → text → article. This is the one function
// ingestion runs on untrusted bytes, so the sandbox (src/sandbox/) wraps exactly this.
import type { Article } from '../../model.ts';
import { decodeText } from '../encoding.ts';
import { extractArticle, type ExtractLimits } from '../extract.ts';

/** Decode a fetched HTML page and extract its article; ExtractError when there is none. */
export function readArticlePage(body: Uint8Array, contentType: string | null, url: string, limits: Required<ExtractLimits>): Article {
  return extractArticle(decodeText(body, contentType, 'html').text, url, limits);
}
