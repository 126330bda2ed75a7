# Multi-stage build: a static, cgo-free binary on a minimal base.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
# go.mod replaces github.com/glebarez/go-sqlite with this folder (SQLite on
# modernc.org/sqlite), whose go.mod the module graph needs to download.
COPY replace/glebarez-go-sqlite/go.mod replace/glebarez-go-sqlite/go.sum replace/glebarez-go-sqlite/
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/presspass .
# /data belongs to the runtime image's non-root user (65532 in distroless'
# nonroot). Made here and copied with --chown, because the final image has no
# shell to run mkdir/chown, and whether a WORKDIR it creates is root's depends
# on the builder. A named volume mounted there starts with this ownership.
RUN mkdir -p /out/data/uploads && chown -R 65532:65532 /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/presspass /usr/local/bin/presspass
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
WORKDIR /data
VOLUME ["/data"]
ENV PRESSPASS_ADDR=0.0.0.0:8080
EXPOSE 8080
# docker stop sends SIGTERM: the server stops accepting, finishes requests in
# flight (--shutdown-timeout, 20s by default; keep docker's stop timeout above
# it) and exits 0.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD ["/usr/local/bin/presspass", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/presspass"]
CMD ["serve"]
