#!/usr/bin/env python3
"""A small HTTPS server for the 4Quays key API, for the probe tests.

Serves GET /v1/keys from a JSON file of keys, two per page with has_more and
?starting_after=<id>, and misbehaves on request (--mode): 401, 500, malformed
JSON, a slow answer, a redirect to another host, one page of --many keys
(repeated on every request, with has_more false).  It checks the bearer key
against the environment variable named by --expect-env and logs only whether
it matched, never the key.  Writes its port to --portfile once listening.
"""
import argparse
import http.server
import json
import os
import ssl
import sys
import time
import urllib.parse


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--keys", help="JSON file: a list of key objects")
    ap.add_argument("--mode", default="ok",
                    choices=["ok", "401", "500", "malformed", "slow", "redirect", "loop", "many"])
    ap.add_argument("--many", type=int, default=50000, help="keys on the page of --mode many")
    ap.add_argument("--expect-env", default="FOURQ_API_KEY")
    ap.add_argument("--portfile", required=True)
    ap.add_argument("--log", required=True)
    args = ap.parse_args()
    keys = json.load(open(args.keys)) if args.keys else []
    expected = os.environ.get(args.expect_env, "")
    # every key healthy (no finding): the cost is reading and deduplicating
    many_page = json.dumps({"data": [
        {"id": "key_%06d" % i, "type": "api", "algorithm": "HMAC-SHA256", "status": "active",
         "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 86400)),
         "expires_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 200 * 86400))}
        for i in range(args.many)], "has_more": False}) if args.mode == "many" else ""

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def send(self, status, body, ctype="application/json", extra=None):
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("X-Request-Id", "req_test_%d" % status)
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            url = urllib.parse.urlparse(self.path)
            auth = self.headers.get("Authorization", "")
            ok = bool(expected) and auth == "Bearer " + expected
            with open(args.log, "a") as log:
                log.write("%s %s auth=%s\n" % (self.command, url.path, "ok" if ok else "bad"))
            if url.path != "/v1/keys":
                return self.send(404, '{"error":"not found"}')
            if args.mode == "401" or not ok:
                return self.send(401, '{"error":{"code":"INVALID_API_KEY","request_id":"req_401"}}')
            if args.mode == "500":
                return self.send(500, '{"error":"internal"}')
            if args.mode == "malformed":
                return self.send(200, '{"data": [ {"id": "k1", ')
            if args.mode == "slow":
                time.sleep(6)
                return self.send(200, '{"data": [], "has_more": false}')
            if args.mode == "redirect":
                return self.send(302, "", extra={"Location": "https://127.0.0.2:9/v1/keys"})
            if args.mode == "many":
                return self.send(200, many_page)
            after = urllib.parse.parse_qs(url.query).get("starting_after", [None])[0]
            start = 0
            if after is not None:
                ids = [k["id"] for k in keys]
                start = ids.index(after) + 1 if after in ids else len(keys)
            if args.mode == "loop":
                start = 0
            page = keys[start:start + 2]
            more = start + 2 < len(keys)
            return self.send(200, json.dumps({"data": page, "has_more": more}))

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(args.cert, args.key)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    with open(args.portfile + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(args.portfile + ".tmp", args.portfile)
    srv.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
