#!/usr/bin/env python3
"""A stand-in for the Solr search index that CKAN asks, for scripts/ckan.sh.

Debian has no Solr package, and CKAN refuses to create a dataset when its
index does not answer ("Search Index Error"). CKAN creates, updates and shows
datasets from PostgreSQL; only its search needs Solr. This answers what CKAN
asks at start and on each write, and keeps no documents: every search finds
nothing (so `package_show` reads PostgreSQL, and a deleted dataset is never
served from here as active).

    python3 solr_stand_in.py PORT     serves http://127.0.0.1:PORT/solr/ckan
"""

import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

# CKAN 2.10 to 2.12 accept a schema named ckan-2.10.
SCHEMA = b"""<?xml version="1.0" encoding="UTF-8" ?>
<schema name="ckan-2.10" version="1.6">
  <uniqueKey>index_id</uniqueKey>
</schema>
"""


class StandIn(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet: the script prints its own lines
        pass

    def answer(self, status, body, kind="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if url.path.rstrip("/").endswith("/schema") or "file" in query:
            return self.answer(200, SCHEMA, "application/xml")
        if url.path.rstrip("/").endswith("/select"):
            return self.answer(200, empty_result(query))
        return self.answer(200, {"responseHeader": {"status": 0, "QTime": 0}})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if url.path.rstrip("/").endswith("/select"):
            # A search may come as a form in the body.
            query.update(parse_qs(body.decode("utf-8", "replace")))
            return self.answer(200, empty_result(query))
        # /update: adds and deletes are taken and forgotten.
        return self.answer(200, {"responseHeader": {"status": 0, "QTime": 0}})


def empty_result(query):
    fields = query.get("facet.field", [])
    return {
        "responseHeader": {"status": 0, "QTime": 0, "params": {}},
        "response": {"numFound": 0, "start": 0, "docs": []},
        "facet_counts": {
            "facet_queries": {},
            "facet_fields": {f: [] for f in fields},
            "facet_ranges": {},
            "facet_intervals": {},
            "facet_heatmaps": {},
        },
    }


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8983
    ThreadingHTTPServer(("127.0.0.1", port), StandIn).serve_forever()
