# Parse feed documents with Debian's python3-feedparser and print what a reader app sees, as JSON.
# Usage: /usr/bin/python3 test/helpers/feedparser-read.py FILE...
import json
import sys

import feedparser

out = []
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        d = feedparser.parse(f.read())
    out.append({
        'path': path,
        'bozo': bool(d.bozo),
        'bozo_exception': str(d.get('bozo_exception', '')),
        'version': d.version,
        'feed_language': d.feed.get('language'),
        'entries': [{
            'id': e.get('id'),
            'title': e.get('title'),
            'link': e.get('link'),
            'author': e.get('author'),
            'language': (e.get('content') or [{}])[0].get('language') if e.get('content') else e.get('language'),
            'dc_language': e.get('dc_language'),
            'source_title': (e.get('source') or {}).get('title'),
            'source_href': (e.get('source') or {}).get('href') or (e.get('source') or {}).get('url'),
            'content': (e.get('content') or [{}])[0].get('value') if e.get('content') else e.get('summary'),
            'updated': e.get('updated'),
        } for e in d.entries],
    })
print(json.dumps(out))
