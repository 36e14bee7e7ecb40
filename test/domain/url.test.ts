import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, isTrackingParam, resolveUrl } from '../../src/domain/url.ts';

describe('canonicalizeUrl', () => {
  it.each([
    ['lower-cases scheme and host', 'HTTPS://Example.COM/Path', undefined, 'https://example.com/Path'],
    ['drops default https port', 'https://example.com:443/a', undefined, 'https://example.com/a'],
    ['drops default http port', 'http://example.com:80/a', undefined, 'http://example.com/a'],
    ['keeps other ports', 'http://example.com:8080/a', undefined, 'http://example.com:8080/a'],
    ['drops fragment', 'https://example.com/a#comments', undefined, 'https://example.com/a'],
    ['drops utm_*', 'https://example.com/a?utm_source=rss&utm_medium=feed&id=3', undefined, 'https://example.com/a?id=3'],
    ['drops fbclid and gclid', 'https://example.com/a?fbclid=x&gclid=y', undefined, 'https://example.com/a'],
    ['drops mailchimp ids', 'https://example.com/a?mc_cid=1&mc_eid=2&p=1', undefined, 'https://example.com/a?p=1'],
    ['drops ref, ref_src, cmpid, ocid', 'https://example.com/a?ref=tw&ref_src=twsrc&cmpid=x&ocid=y', undefined, 'https://example.com/a'],
    ['tracking names are case-insensitive', 'https://example.com/a?UTM_Source=x&b=2', undefined, 'https://example.com/a?b=2'],
    ['sorts remaining params', 'https://example.com/a?b=2&a=1&c=3', undefined, 'https://example.com/a?a=1&b=2&c=3'],
    ['keeps order of repeated params', 'https://example.com/a?t=2&a=1&t=1', undefined, 'https://example.com/a?a=1&t=2&t=1'],
    ['keeps raw encoding of values', 'https://example.com/s?q=a%20b%2Fc', undefined, 'https://example.com/s?q=a%20b%2Fc'],
    ['removes trailing ?', 'https://example.com/a?', undefined, 'https://example.com/a'],
    ['removes empty pairs', 'https://example.com/a?&&x=1&', undefined, 'https://example.com/a?x=1'],
    ['resolves against a base', '../b?utm_campaign=z', 'https://example.com/dir/sub/page', 'https://example.com/dir/b'],
    ['resolves protocol-relative', '//example.com/x', 'https://other.org/', 'https://example.com/x'],
    ['trims white space', '  https://example.com/a \n', undefined, 'https://example.com/a'],
    ['IDN host to punycode', 'https://bücher.example/a', undefined, 'https://xn--bcher-kva.example/a'],
  ])('%s', (_name, url, base, expected) => {
    expect(canonicalizeUrl(url, base)).toBe(expected);
  });

  it.each([
    ['mailto', 'mailto:someone@example.com'],
    ['ftp', 'ftp://example.com/file'],
    ['javascript', 'javascript:alert(1)'],
    ['tag URI', 'tag:example.org,2024:1'],
    ['relative without base', '/just/a/path'],
    ['empty', ''],
    ['garbage', 'http://'],
  ])('non-http(s) or invalid -> null: %s', (_name, url) => {
    expect(canonicalizeUrl(url)).toBeNull();
  });
});

describe('resolveUrl', () => {
  it.each([
    ['relative path', 'posts/1', 'https://example.com/feed/', 'https://example.com/feed/posts/1'],
    ['absolute stays', 'https://a.example/x', 'https://example.com/', 'https://a.example/x'],
    ['root-relative', '/x', 'https://example.com/a/b', 'https://example.com/x'],
    ['keeps fragment and query', 'x?utm_source=1#f', 'https://example.com/', 'https://example.com/x?utm_source=1#f'],
    ['keeps tag URIs', 'tag:mefi.social,2024-01-26:objectId=1', 'https://example.com/', 'tag:mefi.social,2024-01-26:objectId=1'],
    ['invalid base, absolute url', 'https://example.com/x', 'not a url', 'https://example.com/x'],
  ])('%s', (_name, url, base, expected) => {
    expect(resolveUrl(url, base)).toBe(expected);
  });

  it.each([
    ['null', null, 'https://example.com/'],
    ['blank', '  ', 'https://example.com/'],
    ['javascript', 'javascript:void(0)', 'https://example.com/'],
    ['data', 'data:text/html,hi', 'https://example.com/'],
    ['relative, no base', 'x', undefined],
  ])('%s -> null', (_name, url, base) => {
    expect(resolveUrl(url, base)).toBeNull();
  });
});

describe('isTrackingParam', () => {
  it.each([
    ['utm_content', true],
    ['pk_campaign', true],
    ['igshid', true],
    ['_ga', true],
    ['id', false],
    ['page', false],
    ['q', false],
  ])('%s -> %s', (name, expected) => {
    expect(isTrackingParam(name)).toBe(expected);
  });
});
