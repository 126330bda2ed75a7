# Multi-stage build: a static, cgo-free binary on a minimal base.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/presspass .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/presspass /usr/local/bin/presspass
WORKDIR /data
ENV PRESSPASS_ADDR=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD ["/usr/local/bin/presspass", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/presspass"]
CMD ["serve"]
