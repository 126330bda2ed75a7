package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/presspass/presspass/models"
)

// S3Config names an S3-compatible bucket (AWS S3, MinIO, Ceph, R2 …).
type S3Config struct {
	// Endpoint is the service's base URL, e.g. https://s3.eu-west-1.amazonaws.com
	// or http://127.0.0.1:9000. Objects are addressed path-style:
	// ENDPOINT/BUCKET/KEY, which every S3-compatible store understands.
	Endpoint  string
	Bucket    string
	Region    string
	AccessKey string
	SecretKey string
	// Prefix is prepended to every key ("site1/" keeps several sites in one
	// bucket).
	Prefix string
	// PublicURL, when set, is the base URL under which the bucket's objects
	// are public (a CDN); files are then linked there. Empty: PressPass
	// serves them under /wp-content/uploads/ from the bucket.
	PublicURL string
	// MaxObjectSize bounds what Get reads into memory (0: 64 MiB).
	MaxObjectSize int64
	// Client is the HTTP client (nil: one with a 60 s timeout).
	Client *http.Client
}

// S3 stores uploads in a bucket, signing each request with AWS Signature
// Version 4.
type S3 struct {
	cfg      S3Config
	endpoint *url.URL
	client   *http.Client
	now      func() time.Time
}

var _ models.Storage = (*S3)(nil)

// NewS3 checks the configuration and returns the store.
func NewS3(cfg S3Config) (*S3, error) {
	u, err := url.Parse(strings.TrimRight(cfg.Endpoint, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("S3 endpoint %q: want http(s)://host[:port]", cfg.Endpoint)
	}
	if cfg.Bucket == "" || strings.ContainsAny(cfg.Bucket, "/?#") {
		return nil, fmt.Errorf("S3 bucket %q is not a bucket name", cfg.Bucket)
	}
	if cfg.AccessKey == "" || cfg.SecretKey == "" {
		return nil, errors.New("S3 storage needs an access key and a secret key")
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	if cfg.MaxObjectSize <= 0 {
		cfg.MaxObjectSize = models.DefaultMaxUploadSize
	}
	client := cfg.Client
	if client == nil {
		client = &http.Client{Timeout: 60 * time.Second}
	}
	return &S3{cfg: cfg, endpoint: u, client: client, now: time.Now}, nil
}

// objectURL is ENDPOINT/BUCKET/PREFIX+KEY with each segment escaped as
// SigV4's canonical URI expects.
func (s *S3) objectURL(key string) *url.URL {
	u := *s.endpoint
	raw := strings.TrimRight(u.Path, "/") + "/" + s.cfg.Bucket + "/" + s.cfg.Prefix + key
	u.Path = raw
	u.RawPath = uriEncodePath(raw)
	return &u
}

func (s *S3) do(ctx context.Context, method, key string, body []byte, contentType string) (*http.Response, error) {
	if err := checkKey(key); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, method, s.objectURL(key).String(), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.ContentLength = int64(len(body))
	if body == nil {
		req.Body = http.NoBody
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	signV4(req, body, s.cfg.AccessKey, s.cfg.SecretKey, s.cfg.Region, "s3", s.now())
	return s.client.Do(req)
}

// s3Error reads an error answer (status and the XML's Code, for logs).
func s3Error(op, key string, resp *http.Response) error {
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	code := ""
	if i := bytes.Index(b, []byte("<Code>")); i >= 0 {
		rest := b[i+6:]
		if j := bytes.Index(rest, []byte("</Code>")); j >= 0 {
			code = string(rest[:j])
		}
	}
	return fmt.Errorf("S3 %s %s: %s %s", op, key, resp.Status, code)
}

// Put uploads the object.
func (s *S3) Put(ctx context.Context, key string, data []byte, contentType string) error {
	if data == nil {
		data = []byte{}
	}
	resp, err := s.do(ctx, http.MethodPut, key, data, contentType)
	if err != nil {
		return fmt.Errorf("S3 PUT %s: %w", key, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return s3Error("PUT", key, resp)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return nil
}

// nopSeekCloser lets an in-memory object be served with http.ServeContent.
type nopSeekCloser struct{ *bytes.Reader }

func (nopSeekCloser) Close() error { return nil }

// Get downloads the object into memory (bounded by MaxObjectSize) so that
// it can be served with ranges; a missing object is fs.ErrNotExist.
func (s *S3) Get(ctx context.Context, key string) (*models.StoredFile, error) {
	resp, err := s.do(ctx, http.MethodGet, key, nil, "")
	if err != nil {
		return nil, fmt.Errorf("S3 GET %s: %w", key, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return nil, fmt.Errorf("S3 GET %s: %w", key, fs.ErrNotExist)
	}
	if resp.StatusCode/100 != 2 {
		return nil, s3Error("GET", key, resp)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, s.cfg.MaxObjectSize+1))
	if err != nil {
		return nil, fmt.Errorf("S3 GET %s: %w", key, err)
	}
	if int64(len(data)) > s.cfg.MaxObjectSize {
		return nil, fmt.Errorf("S3 GET %s: object larger than %d bytes", key, s.cfg.MaxObjectSize)
	}
	mod, _ := http.ParseTime(resp.Header.Get("Last-Modified"))
	return &models.StoredFile{Body: nopSeekCloser{bytes.NewReader(data)}, Size: int64(len(data)), ModTime: mod}, nil
}

// Delete removes the object; S3 answers 204 whether or not it existed.
func (s *S3) Delete(ctx context.Context, key string) error {
	resp, err := s.do(ctx, http.MethodDelete, key, nil, "")
	if err != nil {
		return fmt.Errorf("S3 DELETE %s: %w", key, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 && resp.StatusCode != http.StatusNotFound {
		return s3Error("DELETE", key, resp)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return nil
}

// URL is the public URL when the bucket is published, else "" (PressPass
// serves the file).
func (s *S3) URL(key string) string {
	if s.cfg.PublicURL == "" {
		return ""
	}
	return strings.TrimRight(s.cfg.PublicURL, "/") + "/" + uriEncodePath(s.cfg.Prefix+key)
}

// hashHex is the lower-case hex SHA-256 of b.
func hashHex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
