package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/kolo/xmlrpc"

	"github.com/presspass/presspass/fixtures/fixturestest"
)

// TestEndToEndMediaOverXMLRPC: an image uploaded over XML-RPC with an
// application password is served back byte for byte at its URL and, made
// the featured image with wp.editPost, is the post's featured_media over
// REST.
func TestEndToEndMediaOverXMLRPC(t *testing.T) {
	db := fixturestest.DatabaseURL(t)
	mustCLI(t, db, "user", "create", "pic", "pic@example.com", "--role=author", "--user_pass=main-pass")
	pw := strings.TrimSpace(mustCLI(t, db, "app-password", "create", "pic", "Phone", "--porcelain"))
	base := startServe(t, db, "--uploads-dir", t.TempDir())

	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	for x := 0; x < 4; x++ {
		for y := 0; y < 3; y++ {
			img.Set(x, y, color.RGBA{R: uint8(60 * x), G: uint8(80 * y), B: 200, A: 255})
		}
	}
	var file bytes.Buffer
	if err := png.Encode(&file, img); err != nil {
		t.Fatal(err)
	}

	client, err := xmlrpc.NewClient(base+"/xmlrpc.php", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	call := func(method string, args []any) any {
		t.Helper()
		var reply any
		if err := client.Call(method, args, &reply); err != nil {
			t.Fatalf("%s: %v", method, err)
		}
		return reply
	}

	postID, _ := call("wp.newPost", []any{1, "pic", pw, map[string]any{"post_title": "With a picture", "post_status": "publish"}}).(string)
	up, _ := call("wp.uploadFile", []any{1, "pic", pw, map[string]any{
		"name": "photo.png", "type": "image/png", "bits": xmlrpc.Base64(base64.StdEncoding.EncodeToString(file.Bytes())),
	}}).(map[string]any)
	url, _ := up["url"].(string)
	if !strings.HasPrefix(url, base+"/wp-content/uploads/") {
		t.Fatalf("upload answered %v", up)
	}

	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	served, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.Equal(served, file.Bytes()) {
		t.Fatalf("GET %s: %d, %d bytes (want the %d uploaded)", url, resp.StatusCode, len(served), file.Len())
	}
	if ct := resp.Header.Get("Content-Type"); ct != "image/png" {
		t.Fatalf("served as %q", ct)
	}

	attachment, _ := strconv.Atoi(up["attachment_id"].(string))
	if ok := call("wp.editPost", []any{1, "pic", pw, postID, map[string]any{"post_thumbnail": attachment}}); ok != true {
		t.Fatalf("wp.editPost answered %v", ok)
	}
	req, _ := http.NewRequest(http.MethodGet, base+"/wp-json/wp/v2/posts/"+postID, nil)
	req.SetBasicAuth("pic", pw)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var post map[string]any
	err = json.NewDecoder(resp.Body).Decode(&post)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET post: %d, %v", resp.StatusCode, err)
	}
	if post["featured_media"] != float64(attachment) {
		t.Fatalf("featured_media %v, want %d", post["featured_media"], attachment)
	}
}
