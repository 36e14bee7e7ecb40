#!/usr/bin/python3
# Expected fields of test/fixtures/lenient/*.xml, as the reference lenient reader (Debian's python3-feedparser,
# the Universal Feed Parser) reads them: feed title and link, and per entry title, link and id. Relative links
# are resolved against http://feed.invalid/feed, the feed URL feedfold's evaluation gives every parser.
# Run: /usr/bin/python3 scripts/lenient-oracle.py [--check]   (--check: exit 1 when expected.json differs)
import json
import os
import sys

import feedparser

DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'lenient')
FEED_URL = 'http://feed.invalid/feed'


def expected(path):
    with open(path, 'rb') as f:
        d = feedparser.parse(f.read(), response_headers={'content-location': FEED_URL, 'content-type': 'application/xml'})
    out = {'bozo': type(d.bozo_exception).__name__ if d.bozo else False, 'entries': len(d.entries)}
    for key in ('title', 'link'):
        if d.feed.get(key):
            out[key] = d.feed[key]
    out['items'] = [{k: e[k] for k in ('title', 'link', 'id') if e.get(k)} for e in d.entries]
    return out


def main():
    documents = {name: expected(os.path.join(DIR, name)) for name in sorted(os.listdir(DIR)) if name.endswith('.xml')}
    # Deliberate differences, each with its reason, replace the oracle's fields.
    with open(os.path.join(DIR, 'overrides.json'), encoding='utf-8') as f:
        for name, override in json.load(f).items():
            if name in documents:
                documents[name].update(override['set'])
                documents[name]['overridden'] = override['why']
    result = {'oracle': 'feedparser ' + feedparser.__version__, 'documents': documents}
    text = json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True) + '\n'
    target = os.path.join(DIR, 'expected.json')
    if '--check' in sys.argv:
        with open(target, encoding='utf-8') as f:
            sys.exit(0 if f.read() == text else 1)
    with open(target, 'w', encoding='utf-8') as f:
        f.write(text)
    print('wrote', len(result['documents']), 'expectations to', target)


main()
