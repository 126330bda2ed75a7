package main

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
)

// TestEndToEndMediaOverXMLRPC: an image uploaded over XML-RPC with an
// application password is served back byte for byte at its URL and, made
// the featured image with wp.editPost, is the post's featured_media over
// REST.
func TestEndToEndMediaOverXMLRPC(t *testing.T) {
	db := fixturestest.DatabaseURL(t)
	site := startMediaSite(t, db, "pic", "--uploads-dir", t.TempDir())
	base := site.base
	file := testPNG(t, 4, 3)

	postID, _ := site.call("wp.newPost", map[string]any{"post_title": "With a picture", "post_status": "publish"}).(string)
	up, _ := site.call("wp.uploadFile", map[string]any{"name": "photo.png", "type": "image/png", "bits": pngBits(file)}).(map[string]any)
	url, _ := up["url"].(string)
	if !strings.HasPrefix(url, base+"/wp-content/uploads/") {
		t.Fatalf("upload answered %v", up)
	}

	resp, served := site.fetch(url, nil)
	if resp.StatusCode != http.StatusOK || !bytes.Equal(served, file) {
		t.Fatalf("GET %s: %d, %d bytes (want the %d uploaded)", url, resp.StatusCode, len(served), len(file))
	}
	if ct := resp.Header.Get("Content-Type"); ct != "image/png" {
		t.Fatalf("served as %q", ct)
	}

	attachment, _ := strconv.Atoi(up["attachment_id"].(string))
	if ok := site.call("wp.editPost", postID, map[string]any{"post_thumbnail": attachment}); ok != true {
		t.Fatalf("wp.editPost answered %v", ok)
	}
	status, post := site.rest(http.MethodGet, "/wp-json/wp/v2/posts/"+postID, "", nil, nil)
	if status != http.StatusOK {
		t.Fatalf("GET post: %d, %v", status, post)
	}
	if post["featured_media"] != float64(attachment) {
		t.Fatalf("featured_media %v, want %d", post["featured_media"], attachment)
	}
}
