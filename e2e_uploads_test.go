package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/kolo/xmlrpc"
	"github.com/presspass/presspass/fixtures/fixturestest"
)

// mediaSite is a running PressPass with an author who works with an
// application password: what the media end-to-end tests share.
type mediaSite struct {
	t        *testing.T
	base     string
	user, pw string
}

// startMediaSite creates the author and an application password, then
// starts serve with the given flags.
func startMediaSite(t *testing.T, db, user string, serveFlags ...string) *mediaSite {
	t.Helper()
	mustCLI(t, db, "user", "create", user, user+"@example.com", "--role=author", "--user_pass=main-pass")
	pw := strings.TrimSpace(mustCLI(t, db, "app-password", "create", user, "Camera", "--porcelain"))
	return &mediaSite{t: t, base: startServe(t, db, serveFlags...), user: user, pw: pw}
}

// do sends a request (as the author when auth is set) and reads the answer.
func (s *mediaSite) do(method, url string, auth bool, headers map[string]string, body []byte) (*http.Response, []byte) {
	s.t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	if auth {
		req.SetBasicAuth(s.user, s.pw)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// rest calls the REST API as the author (ctype, when set, is the body's
// Content-Type) and decodes the JSON object answered.
func (s *mediaSite) rest(method, path, ctype string, headers map[string]string, body []byte) (int, map[string]any) {
	s.t.Helper()
	all := map[string]string{}
	if ctype != "" {
		all["Content-Type"] = ctype
	}
	for k, v := range headers {
		all[k] = v
	}
	resp, b := s.do(method, s.base+path, true, all, body)
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	return resp.StatusCode, out
}

// fetch GETs a URL anonymously, as a browser would.
func (s *mediaSite) fetch(url string, headers map[string]string) (*http.Response, []byte) {
	s.t.Helper()
	return s.do(http.MethodGet, url, false, headers, nil)
}

// call makes an XML-RPC call as the author: blog 1, the login and the
// application password, then args.
func (s *mediaSite) call(method string, args ...any) any {
	s.t.Helper()
	client, err := xmlrpc.NewClient(s.base+"/xmlrpc.php", nil)
	if err != nil {
		s.t.Fatal(err)
	}
	defer client.Close()
	var reply any
	if err := client.Call(method, append([]any{1, s.user, s.pw}, args...), &reply); err != nil {
		s.t.Fatalf("%s: %v", method, err)
	}
	return reply
}

// testPNG encodes a small w×h image with a colour gradient.
func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		for y := 0; y < h; y++ {
			img.Set(x, y, color.RGBA{R: uint8(60 * x), G: uint8(80 * y), B: 200, A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pngBits is an upload's "bits" member: the file, base64 encoded.
func pngBits(data []byte) xmlrpc.Base64 {
	return xmlrpc.Base64(base64.StdEncoding.EncodeToString(data))
}

// TestEndToEndMedia runs the real serve wiring with local uploads: an image
// uploaded over XML-RPC with an application password is served back
// byte-identical, becomes a post's featured image over REST, and files are
// served safely (types, nosniff, downloads, no traversal) and removed on
// delete.
func TestEndToEndMedia(t *testing.T) {
	db := fixturestest.DatabaseURL(t)
	dir := filepath.Join(t.TempDir(), "uploads")
	site := startMediaSite(t, db, "snap", "--uploads-dir", dir, "--upload-max-size", "100K")
	base, rest, fetch := site.base, site.rest, site.fetch
	pngData := testPNG(t, 3, 2)

	// Upload over XML-RPC with the application password.
	media, _ := site.call("metaWeblog.newMediaObject", map[string]any{
		"name": "camera roll.png", "type": "image/png", "bits": pngBits(pngData)}).(map[string]any)
	fileURL, _ := media["url"].(string)
	if !strings.HasPrefix(fileURL, base+"/wp-content/uploads/") || !strings.HasSuffix(fileURL, "/camera-roll.png") {
		t.Fatalf("url %q", fileURL)
	}

	// Served back byte-identical, as an image, with nosniff.
	resp, got := fetch(fileURL, nil)
	if resp.StatusCode != 200 || !bytes.Equal(got, pngData) {
		t.Fatalf("GET %s: %d, %d bytes (want %d identical)", fileURL, resp.StatusCode, len(got), len(pngData))
	}
	if resp.Header.Get("Content-Type") != "image/png" || resp.Header.Get("X-Content-Type-Options") != "nosniff" ||
		resp.Header.Get("Content-Disposition") != "" || resp.Header.Get("ETag") == "" {
		t.Errorf("headers %v", resp.Header)
	}
	local, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(fileURL, base+"/wp-content/uploads/"))))
	if err != nil || !bytes.Equal(local, pngData) {
		t.Errorf("file in --uploads-dir: %v", err)
	}
	if r, part := fetch(fileURL, map[string]string{"Range": "bytes=0-7"}); r.StatusCode != 206 || !bytes.Equal(part, pngData[:8]) {
		t.Errorf("range: %d %q", r.StatusCode, part)
	}
	if r, _ := fetch(fileURL, map[string]string{"If-None-Match": resp.Header.Get("ETag")}); r.StatusCode != 304 {
		t.Errorf("If-None-Match: %d", r.StatusCode)
	}

	// It becomes a post's featured image over REST.
	status, post := rest("POST", "/wp-json/wp/v2/posts", "application/json", nil,
		[]byte(fmt.Sprintf(`{"title":"Holiday","status":"publish","featured_media":%v}`, media["id"])))
	if status != 201 || fmt.Sprint(post["featured_media"]) != fmt.Sprint(media["id"]) {
		t.Fatalf("create post: %d %v", status, post)
	}
	status, withEmbed := rest("GET", fmt.Sprintf("/wp-json/wp/v2/posts/%v?_embed", post["id"]), "", nil, nil)
	embedded, _ := withEmbed["_embedded"].(map[string]any)
	featured, _ := embedded["wp:featuredmedia"].([]any)
	if status != 200 || len(featured) != 1 || featured[0].(map[string]any)["source_url"] != fileURL {
		t.Fatalf("embedded featured media: %d %v", status, embedded["wp:featuredmedia"])
	}

	// Refusals with WordPress's errors.
	for _, tt := range []struct {
		name, file, ctype string
		data              []byte
		code              string
	}{
		{"a lying type", "photo.png", "image/png", []byte("<html><script>alert(document.cookie)</script></html>"), "rest_upload_sideload_error"},
		{"PHP", "x.php", "application/x-php", []byte("<?php phpinfo();"), "rest_upload_sideload_error"},
		{"HTML", "x.html", "text/html", []byte("<h1>hi</h1>"), "rest_upload_sideload_error"},
		{"too large", "big.png", "image/png", append(append([]byte{}, pngData...), make([]byte, 101<<10)...), "rest_upload_file_too_big"},
	} {
		status, body := rest("POST", "/wp-json/wp/v2/media", tt.ctype, map[string]string{"Content-Disposition": "attachment; filename=" + tt.file}, tt.data)
		if status != 400 || body["code"] != tt.code {
			t.Errorf("%s: %d %v", tt.name, status, body)
		}
	}
	// A traversal name is only a name.
	status, trav := rest("POST", "/wp-json/wp/v2/media", "image/png", map[string]string{"Content-Disposition": `attachment; filename="../../../escape.png"`}, pngData)
	if status != 201 || !strings.HasSuffix(trav["source_url"].(string), "/escape.png") {
		t.Fatalf("traversal name: %d %v", status, trav)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "escape.png")); err == nil {
		t.Error("a file was written outside the uploads directory")
	}
	// A PDF is a download, never displayed by the browser.
	status, pdf := rest("POST", "/wp-json/wp/v2/media", "application/pdf", map[string]string{"Content-Disposition": "attachment; filename=doc.pdf"}, []byte("%PDF-1.4\n%%EOF\n"))
	if status != 201 {
		t.Fatalf("pdf upload: %d %v", status, pdf)
	}
	status, txt := rest("POST", "/wp-json/wp/v2/media", "text/plain", map[string]string{"Content-Disposition": "attachment; filename=notes.txt"}, []byte("plain text"))
	if status != 201 {
		t.Fatalf("text upload: %d %v", status, txt)
	}
	if r, _ := fetch(txt["source_url"].(string), nil); r.Header.Get("Content-Disposition") != `attachment; filename="notes.txt"` ||
		r.Header.Get("Content-Type") != "text/plain" {
		t.Errorf("text file headers: %v", r.Header)
	}
	// Nothing but attachments' files is served.
	os.WriteFile(filepath.Join(dir, "stray.png"), pngData, 0o644)
	for _, p := range []string{"/wp-content/uploads/stray.png", "/wp-content/uploads/../presspass.db", "/wp-content/uploads/%2e%2e/%2e%2e/etc/passwd",
		"/wp-content/uploads/2026/", "/wp-content/uploads/", "/wp-content/uploads/..%2f..%2fgo.mod"} {
		if r, _ := fetch(base+p, nil); r.StatusCode != 404 {
			t.Errorf("GET %s: %d, want 404", p, r.StatusCode)
		}
	}

	// Delete removes the file.
	status, del := rest("DELETE", fmt.Sprintf("/wp-json/wp/v2/media/%v?force=true", media["id"]), "", nil, nil)
	if status != 200 || del["deleted"] != true {
		t.Fatalf("delete: %d %v", status, del)
	}
	if r, _ := fetch(fileURL, nil); r.StatusCode != 404 {
		t.Errorf("deleted file still served: %d", r.StatusCode)
	}
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(fileURL, base+"/wp-content/uploads/")))); !os.IsNotExist(err) {
		t.Errorf("deleted file still on disk: %v", err)
	}
	if _, after := rest("GET", fmt.Sprintf("/wp-json/wp/v2/posts/%v", post["id"]), "", nil, nil); fmt.Sprint(after["featured_media"]) != "0" {
		t.Errorf("the post still features the deleted image: %v", after["featured_media"])
	}
}

func TestParseByteSize(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"64M", 64 << 20, true}, {"64MiB", 64 << 20, true}, {"64mb", 64 << 20, true}, {"512K", 512 << 10, true},
		{"1G", 1 << 30, true}, {"1000", 1000, true}, {"", 0, false}, {"x", 0, false}, {"-1M", 0, false},
	} {
		got, err := parseByteSize(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseByteSize(%q) = %d, %v", tt.in, got, err)
		}
	}
}

// TestEndToEndMediaS3 serves uploads from an S3-compatible bucket (an
// in-process fake; the signature itself is verified in the storage
// package's tests): the file goes to the bucket, not to disk, PressPass
// serves it from there, and delete removes the object.
func TestEndToEndMediaS3(t *testing.T) {
	var mu sync.Mutex
	objects := map[string][]byte{}
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		if !strings.HasPrefix(auth, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/") || !strings.Contains(auth, "/eu-central-1/s3/aws4_request") {
			w.WriteHeader(http.StatusForbidden)
			return
		}
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		switch r.Method {
		case http.MethodPut:
			objects[r.URL.Path] = body
		case http.MethodGet:
			b, ok := objects[r.URL.Path]
			if !ok {
				w.WriteHeader(http.StatusNotFound)
				return
			}
			w.Write(b)
		case http.MethodDelete:
			delete(objects, r.URL.Path)
			w.WriteHeader(http.StatusNoContent)
		}
	}))
	t.Cleanup(fake.Close)
	t.Setenv("PRESSPASS_UPLOADS_S3_SECRET_KEY", "secret")
	db := fixturestest.DatabaseURL(t)
	localDir := filepath.Join(t.TempDir(), "unused")
	site := startMediaSite(t, db, "snap", "--uploads-s3-url", fake.URL, "--uploads-s3-bucket", "media", "--uploads-s3-region", "eu-central-1",
		"--uploads-s3-access-key", "AKIDEXAMPLE", "--uploads-s3-prefix", "site/", "--uploads-dir", localDir)
	base := site.base

	data := []byte("%PDF-1.4\n% a small document\n%%EOF\n")
	status, m := site.rest("POST", "/wp-json/wp/v2/media", "application/pdf", map[string]string{"Content-Disposition": "attachment; filename=report.pdf"}, data)
	if status != 201 {
		t.Fatalf("upload: %d %v", status, m)
	}
	src, _ := m["source_url"].(string)
	key := strings.TrimPrefix(src, base+"/wp-content/uploads/")
	mu.Lock()
	stored := objects["/media/site/"+key]
	mu.Unlock()
	if !bytes.Equal(stored, data) {
		t.Fatalf("bucket holds %q under %s (objects %d)", stored, key, len(objects))
	}
	if _, err := os.Stat(localDir); err == nil {
		t.Error("the local uploads directory was used")
	}
	got, body := site.fetch(src, nil)
	if got.StatusCode != 200 || !bytes.Equal(body, data) || got.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("GET %s: %d %q %v", src, got.StatusCode, body, got.Header)
	}
	if status, del := site.rest("DELETE", fmt.Sprintf("/wp-json/wp/v2/media/%v?force=true", m["id"]), "", nil, nil); status != 200 {
		t.Fatalf("delete: %d %v", status, del)
	}
	mu.Lock()
	_, still := objects["/media/site/"+key]
	mu.Unlock()
	if still {
		t.Error("the object is still in the bucket")
	}
}
