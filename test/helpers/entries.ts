// A bare feed entry for tests that store items directly, without a feed document.

/** A normalised feed entry with only a key, a link and a title. */
export function bareEntry(host: string, key: string) {
  return {
    itemKey: key,
    url: `http://${host}/${key}`,
    canonicalUrl: null,
    title: `Item ${key}`,
    summary: null,
    content: null,
    author: null,
    publishedAt: null,
  };
}
