# fourq-scan as a container image (docs/review.md, "The container image").
#
#   docker build -t fourq-scan:0.1.0 .
#   docker run --rm -v "$PWD:/work:ro" fourq-scan:0.1.0 scan /work
#
# Two stages: a full Debian 12 image compiles the scanner (compilers, -dev
# packages, Node.js for the pinned tree-sitter grammars) and a debian:12-slim
# image carries only the binary and the shared libraries it loads.  The
# runtime stage has no compiler, no package headers, no git and no Node.js.

# ---------------------------------------------------------------- build stage
FROM debian:12 AS build

ENV DEBIAN_FRONTEND=noninteractive
WORKDIR /src

# Dependencies first, so that this layer is rebuilt only when the bootstrap
# script or the grammar pins change, not on every source edit.
# scripts/bootstrap installs the Debian -dev packages and build tools that are
# missing and runs `npm ci` in grammars/ (the tree-sitter grammars are compiled
# from their C sources by CMake).
COPY scripts/bootstrap scripts/bootstrap
COPY grammars/package.json grammars/package-lock.json grammars/.npmrc grammars/
RUN scripts/bootstrap \
 && rm -rf /var/lib/apt/lists/*

# The sources (.dockerignore keeps build trees, node_modules and .git out).
COPY . .

# Release build without the tests, installed (stripped) into a staging prefix
# that the runtime stage copies whole: bin/fourq-scan and the man page.
RUN cmake -S . -B /build -DCMAKE_BUILD_TYPE=Release -DFQ_TESTS=OFF >/dev/null \
 && cmake --build /build -j"$(nproc)" \
 && cmake --install /build --prefix /staging --strip \
 && /staging/bin/fourq-scan --version

# -------------------------------------------------------------- runtime stage
FROM debian:12-slim

ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="fourq-scan" \
      org.opencontainers.image.description="Compliance and pre-production checker for integrations of the 4Quays protection API: hard-coded keys, keys in history, payloads logged, TLS checks, the production-readiness checklist, and periodic reviews of many repositories." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="docker.io/library/debian:12-slim"

# Only the shared libraries the binary needs at run time (Debian 12 names):
#   libgit2-1.5      repositories, clones and fetches (brings libssh2, mbedTLS)
#   libpcre2-8-0     the rules' regular expressions
#   libtree-sitter0  the parser runtime (the grammars are linked in statically)
#   libcurl4         the live probes and --verify (loaded with dlopen on first use)
#   libssl3          TLS probes, hashing
#   libjansson4      JSON reports, shard reports read by `merge`
#   libyaml-0-2      .fourq-scan.yml
#   libarchive13     keys inside zip/jar/tar/gzip/... archives
#   libsqlite3-0     the scan and review cache (--cache)
#   ca-certificates  verified TLS for probes and https:// clones
# git itself is not installed: fourq-scan reads and clones through libgit2.
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends \
      libgit2-1.5 libpcre2-8-0 libtree-sitter0 libcurl4 libssl3 libjansson4 \
      libyaml-0-2 libarchive13 libsqlite3-0 ca-certificates \
 && rm -rf /var/lib/apt/lists/*

COPY --from=build /staging/ /usr/local/

# A fixed, numeric non-root user: Kubernetes' runAsNonRoot can only verify a
# numeric USER.  /work is where repositories, repos.txt and the cache are
# mounted; it belongs to that user so that an unmounted run can still write.
RUN groupadd --gid 10001 fourq \
 && useradd --uid 10001 --gid 10001 --home-dir /home/fourq --create-home \
      --shell /usr/sbin/nologin fourq \
 && install -d -o 10001 -g 10001 -m 0755 /work \
 && fourq-scan --version

USER 10001:10001
ENV HOME=/home/fourq
WORKDIR /work

ENTRYPOINT ["fourq-scan"]
CMD ["--help"]
