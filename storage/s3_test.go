package storage

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	exampleAccessKey = "AKIAIOSFODNN7EXAMPLE"
	exampleSecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)

// TestSignV4Vectors checks the signer against the examples of Amazon's S3
// documentation ("Examples of Signature Calculations").
func TestSignV4Vectors(t *testing.T) {
	when := time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, url string
		headers   map[string]string
		want      string
	}{
		{"get object with range", "https://examplebucket.s3.amazonaws.com/test.txt",
			map[string]string{"Range": "bytes=0-9"},
			"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
				"SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, " +
				"Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"},
		{"list objects with a query", "https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J", nil,
			"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
				"SignedHeaders=host;x-amz-content-sha256;x-amz-date, " +
				"Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, tt.url, nil)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.headers {
				req.Header.Set(k, v)
			}
			signV4(req, nil, exampleAccessKey, exampleSecretKey, "us-east-1", "s3", when)
			if got := req.Header.Get("Authorization"); got != tt.want {
				t.Errorf("Authorization\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// fakeS3 is an in-process S3: it verifies every request's Signature V4 with
// its own code (written from the specification, independent of signV4) and
// keeps objects in a map.
type fakeS3 struct {
	t      *testing.T
	secret string
	mu     sync.Mutex
	obj    map[string][]byte
	ctype  map[string]string
	denied int
}

func (f *fakeS3) verify(r *http.Request, body []byte) bool {
	auth := r.Header.Get("Authorization")
	if !strings.HasPrefix(auth, "AWS4-HMAC-SHA256 ") {
		return false
	}
	fields := map[string]string{}
	for _, part := range strings.Split(strings.TrimPrefix(auth, "AWS4-HMAC-SHA256 "), ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		fields[k] = v
	}
	cred := strings.Split(fields["Credential"], "/")
	if len(cred) != 5 || cred[0] != exampleAccessKey || cred[4] != "aws4_request" {
		return false
	}
	sum := sha256.Sum256(body)
	if r.Header.Get("X-Amz-Content-Sha256") != hex.EncodeToString(sum[:]) {
		return false
	}
	amzDate := r.Header.Get("X-Amz-Date")
	if !strings.HasPrefix(amzDate, cred[1]) {
		return false
	}
	signed := strings.Split(fields["SignedHeaders"], ";")
	if !sort.StringsAreSorted(signed) || !contains(signed, "host") || !contains(signed, "x-amz-date") {
		return false
	}
	var canon strings.Builder
	canon.WriteString(r.Method + "\n" + r.URL.EscapedPath() + "\n" + r.URL.RawQuery + "\n")
	for _, h := range signed {
		v := r.Header.Get(h)
		if h == "host" {
			v = r.Host
		}
		canon.WriteString(h + ":" + strings.TrimSpace(v) + "\n")
	}
	canon.WriteString("\n" + fields["SignedHeaders"] + "\n" + r.Header.Get("X-Amz-Content-Sha256"))
	ch := sha256.Sum256([]byte(canon.String()))
	scope := strings.Join(cred[1:], "/")
	toSign := "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex.EncodeToString(ch[:])
	mac := func(k []byte, s string) []byte { h := hmac.New(sha256.New, k); h.Write([]byte(s)); return h.Sum(nil) }
	k := mac([]byte("AWS4"+f.secret), cred[1])
	k = mac(k, cred[2])
	k = mac(k, cred[3])
	k = mac(k, "aws4_request")
	want := hex.EncodeToString(mac(k, toSign))
	return hmac.Equal([]byte(want), []byte(fields["Signature"]))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (f *fakeS3) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if !f.verify(r, body) {
		f.mu.Lock()
		f.denied++
		f.mu.Unlock()
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, "<Error><Code>SignatureDoesNotMatch</Code></Error>")
		return
	}
	key := r.URL.Path
	f.mu.Lock()
	defer f.mu.Unlock()
	switch r.Method {
	case http.MethodPut:
		f.obj[key] = body
		f.ctype[key] = r.Header.Get("Content-Type")
	case http.MethodGet:
		b, ok := f.obj[key]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, "<Error><Code>NoSuchKey</Code></Error>")
			return
		}
		w.Header().Set("Last-Modified", "Wed, 01 Jan 2025 00:00:00 GMT")
		w.Write(b)
	case http.MethodDelete:
		delete(f.obj, key)
		w.WriteHeader(http.StatusNoContent)
	default:
		w.WriteHeader(http.StatusMethodNotAllowed)
	}
}

func newFakeS3(t *testing.T, secret string) (*fakeS3, *httptest.Server) {
	f := &fakeS3{t: t, secret: secret, obj: map[string][]byte{}, ctype: map[string]string{}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

func TestS3AgainstFake(t *testing.T) {
	fake, srv := newFakeS3(t, exampleSecretKey)
	s3, err := NewS3(S3Config{Endpoint: srv.URL, Bucket: "media", Region: "eu-west-1", AccessKey: exampleAccessKey,
		SecretKey: exampleSecretKey, Prefix: "site1/"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	data := []byte("\x89PNG\r\n\x1a\nnot really")
	keys := []string{"2026/11/red-pixel.png", "2026/11/a b+c (1)ü.png"}
	for _, key := range keys {
		if err := s3.Put(ctx, key, data, "image/png"); err != nil {
			t.Fatalf("put %s: %v", key, err)
		}
		f, err := s3.Get(ctx, key)
		if err != nil {
			t.Fatalf("get %s: %v", key, err)
		}
		got, _ := io.ReadAll(f.Body)
		if !bytes.Equal(got, data) || f.Size != int64(len(data)) || f.ModTime.IsZero() {
			t.Errorf("get %s: %q size %d mod %v", key, got, f.Size, f.ModTime)
		}
	}
	if ct := fake.ctype["/media/site1/2026/11/red-pixel.png"]; ct != "image/png" {
		t.Errorf("stored content type %q", ct)
	}
	if err := s3.Delete(ctx, keys[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := s3.Get(ctx, keys[0]); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("get after delete: %v, want fs.ErrNotExist", err)
	}
	if err := s3.Delete(ctx, keys[0]); err != nil {
		t.Errorf("second delete: %v", err)
	}
	if fake.denied != 0 {
		t.Errorf("%d requests failed the signature check", fake.denied)
	}
	if got := s3.URL("2026/11/x.png"); got != "" {
		t.Errorf("URL without PublicURL = %q", got)
	}

	// A wrong secret is refused by the fake: the check is real.
	bad, _ := NewS3(S3Config{Endpoint: srv.URL, Bucket: "media", AccessKey: exampleAccessKey, SecretKey: "wrong"})
	if err := bad.Put(ctx, "2026/11/x.png", data, "image/png"); err == nil || !strings.Contains(err.Error(), "403") {
		t.Errorf("put with a wrong secret: %v, want a 403", err)
	}
	if fake.denied != 1 {
		t.Errorf("denied = %d, want 1", fake.denied)
	}
	if err := s3.Put(ctx, "../x.png", data, ""); err == nil {
		t.Error("a key with .. was accepted")
	}
}

func TestNewS3Refuses(t *testing.T) {
	for _, cfg := range []S3Config{
		{Endpoint: "ftp://x", Bucket: "b", AccessKey: "a", SecretKey: "s"},
		{Endpoint: "http://x", Bucket: "", AccessKey: "a", SecretKey: "s"},
		{Endpoint: "http://x", Bucket: "b/c", AccessKey: "a", SecretKey: "s"},
		{Endpoint: "http://x", Bucket: "b", AccessKey: "", SecretKey: "s"},
	} {
		if _, err := NewS3(cfg); err == nil {
			t.Errorf("NewS3(%+v) accepted", cfg)
		}
	}
}

func TestS3PublicURL(t *testing.T) {
	s3, err := NewS3(S3Config{Endpoint: "http://x", Bucket: "b", AccessKey: "a", SecretKey: "s",
		PublicURL: "https://cdn.example.com/", Prefix: "p/"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s3.URL("2026/11/a b.png"), "https://cdn.example.com/p/2026/11/a%20b.png"; got != want {
		t.Errorf("URL = %q, want %q", got, want)
	}
}
