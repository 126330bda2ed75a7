package xmlrpc_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"io"
	"strconv"
	"strings"
	"testing"

	kolo "github.com/kolo/xmlrpc"

	"github.com/presspass/presspass/storage"
)

// b64 is a file's bytes as an XML-RPC base64 value.
func b64(data []byte) kolo.Base64 { return kolo.Base64(base64.StdEncoding.EncodeToString(data)) }

// pngBytes encodes a w×h PNG of one colour.
func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		for y := 0; y < h; y++ {
			img.Set(x, y, color.RGBA{G: 200, A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// newMediaSite is newSite with local storage for uploads.
func newMediaSite(t *testing.T) (*testSite, *storage.Local) {
	ts := newSite(t, true)
	local := storage.NewLocal(t.TempDir())
	t.Cleanup(func() { _ = local.Close() })
	ts.store.Config.Media.Storage = local
	return ts, local
}

// upload calls metaWeblog.newMediaObject and returns the attachment struct.
func (ts *testSite) upload(login, name string, data []byte, more map[string]any) map[string]any {
	ts.t.Helper()
	file := map[string]any{"name": name, "type": "image/png", "bits": b64(data)}
	for k, v := range more {
		file[k] = v
	}
	v, err := ts.call("metaWeblog.newMediaObject", append(ts.creds(login), file))
	if err != nil {
		ts.t.Fatalf("upload %s as %s: %v", name, login, err)
	}
	return mustStruct(ts.t, v)
}

func TestMediaMethodsRoleMatrix(t *testing.T) {
	ts, _ := newMediaSite(t)
	img := pngBytes(t, 3, 2)
	with := func(login string, more ...any) []any { return append(ts.creds(login), more...) }
	file := func(name, typ string, bits any) map[string]any {
		if b, ok := bits.([]byte); ok {
			bits = b64(b)
		}
		return map[string]any{"name": name, "type": typ, "bits": bits}
	}
	adminFile := ts.upload("admin", "admin.png", img, nil)["attachment_id"].(string)
	adminID, _ := strconv.Atoi(adminFile)
	ts.expectFaults(t, []callCase{
		{"admin uploads", "metaWeblog.newMediaObject", with("admin", file("a.png", "image/png", img)), ""},
		{"editor uploads", "wp.uploadFile", with("editor", file("e.png", "image/png", img)), ""},
		{"author uploads", "wp.uploadFile", with("author", file("au.png", "image/png", img)), ""},
		{"contributor may not upload", "wp.uploadFile", with("contributor", file("c.png", "image/png", img)), faultText(401, "Sorry, you are not allowed to upload files.")},
		{"subscriber may not upload", "metaWeblog.newMediaObject", with("subscriber", file("s.png", "image/png", img)), faultText(401, "Sorry, you are not allowed to upload files.")},
		{"author attaches to another's post", "wp.uploadFile", with("author", map[string]any{"name": "x.png", "type": "image/png", "bits": b64(img), "post_id": 1}), faultText(401, "Sorry, you are not allowed to edit this post.")},
		{"attach to a missing post", "wp.uploadFile", with("editor", map[string]any{"name": "x.png", "type": "image/png", "bits": b64(img), "post_id": 99999}), faultText(401, "Sorry, you are not allowed to edit this post.")},
		{"HTML that claims to be a PNG", "wp.uploadFile", with("author", file("x.png", "image/png", []byte("<html><script>alert(1)</script></html>"))), faultText(500, "Could not write file x.png (Sorry, you are not allowed to upload this file type.).")},
		{"a script", "wp.uploadFile", with("admin", file("shell.php", "text/plain", []byte("<?php echo 1;"))), faultText(500, "Could not write file shell.php (Sorry, you are not allowed to upload this file type.).")},
		{"no name", "wp.uploadFile", with("author", map[string]any{"type": "image/png", "bits": b64(img)}), faultText(500, "Could not write file  (Empty filename).")},
		{"an empty file", "wp.uploadFile", with("author", file("empty.png", "image/png", []byte{})), faultText(500, "Could not write file empty.png (No data supplied.).")},
		{"data that is no struct", "wp.uploadFile", with("author", "file.png"), faultText(400, "Invalid attachment data.")},
		{"a name that is no string", "wp.uploadFile", with("author", map[string]any{"name": []any{"x"}, "bits": b64(img)}), faultText(400, "Invalid attachment data.")},
		{"too few arguments", "wp.uploadFile", with("author"), faultText(400, "Insufficient arguments passed to this XML-RPC method.")},
		{"bad password", "wp.uploadFile", []any{1, "author", "wrong", file("p.png", "image/png", img)}, faultText(403, "Incorrect username or password.")},
		{"author reads an item", "wp.getMediaItem", with("author", adminID), ""},
		{"contributor may not read items", "wp.getMediaItem", with("contributor", adminID), faultText(403, "Sorry, you are not allowed to upload files.")},
		{"subscriber may not read items", "wp.getMediaItem", with("subscriber", adminID), faultText(403, "Sorry, you are not allowed to upload files.")},
		{"a post is no attachment", "wp.getMediaItem", with("author", 1), faultText(404, "Invalid attachment ID.")},
		{"a missing attachment", "wp.getMediaItem", with("author", 99999), faultText(404, "Invalid attachment ID.")},
		{"author lists the library", "wp.getMediaLibrary", with("author"), ""},
		{"contributor may not list", "wp.getMediaLibrary", with("contributor"), faultText(401, "Sorry, you are not allowed to upload files.")},
		{"subscriber may not list", "wp.getMediaLibrary", with("subscriber"), faultText(401, "Sorry, you are not allowed to upload files.")},
		{"author may not delete the admin's file", "wp.deleteFile", with("author", adminID), faultText(401, "Sorry, you are not allowed to delete this post.")},
		{"delete a missing file", "wp.deleteFile", with("admin", 99999), faultText(404, "Invalid post ID.")},
	})
}

func TestMediaMethodsShapes(t *testing.T) {
	ts, local := newMediaSite(t)
	img := pngBytes(t, 3, 2)
	with := func(login string, more ...any) []any { return append(ts.creds(login), more...) }

	up := ts.upload("author", "../../etc/My Photo.png", img, nil)
	id := up["attachment_id"].(string)
	t.Run("upload answers the item plus id, file and url", func(t *testing.T) {
		eq(t, up["id"], id)
		eq(t, up["title"], "My-Photo.png")
		eq(t, up["file"], up["title"])
		eq(t, up["url"], up["link"])
		eq(t, up["thumbnail"], up["link"])
		eq(t, up["parent"], int64(0))
		eq(t, up["type"], "image/png")
		if _, ok := up["alt"]; !ok {
			t.Fatal("no alt member")
		}
		if link := up["link"].(string); !strings.HasPrefix(link, ts.url+"/wp-content/uploads/") || !strings.HasSuffix(link, "/My-Photo.png") {
			t.Fatalf("link %q", link)
		}
		meta := mustStruct(t, up["metadata"])
		eq(t, meta["width"], int64(3))
		eq(t, meta["height"], int64(2))
		eq(t, meta["filesize"], int64(len(img)))
		eq(t, len(meta["sizes"].([]any)), 0)
		eq(t, mustStruct(t, meta["image_meta"])["orientation"], "0")
		key := meta["file"].(string)
		if strings.Contains(key, "..") || strings.Count(key, "/") != 2 {
			t.Fatalf("stored under %q", key)
		}
		f, err := local.Get(context.Background(), key)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Body.Close()
		got, _ := io.ReadAll(f.Body)
		if !bytes.Equal(got, img) {
			t.Fatal("stored bytes differ from the upload")
		}
	})
	t.Run("the same name again gets its own file, not the title", func(t *testing.T) {
		again := ts.upload("author", "My Photo.png", img, nil)
		eq(t, again["title"], "My-Photo.png")
		if again["link"] == up["link"] {
			t.Fatalf("both at %v", again["link"])
		}
	})
	t.Run("getMediaItem has no deprecated members", func(t *testing.T) {
		v, err := ts.call("wp.getMediaItem", with("editor", id))
		if err != nil {
			t.Fatal(err)
		}
		m := mustStruct(t, v)
		eq(t, m["attachment_id"], id)
		eq(t, m["link"], up["link"])
		if _, ok := m["url"]; ok {
			t.Fatal("url in getMediaItem")
		}
	})
	attached := ts.upload("author", "attached.png", img, map[string]any{"post_id": 4})
	t.Run("library filters", func(t *testing.T) {
		tests := []struct {
			name   string
			filter map[string]any
			want   []string
		}{
			{"everything, newest first", nil, []string{attached["attachment_id"].(string)}},
			{"attached to post 4", map[string]any{"parent_id": 4}, []string{attached["attachment_id"].(string)}},
			{"unattached", map[string]any{"parent_id": 0, "number": 1}, []string{"(unattached)"}},
			{"a MIME type nobody uploaded", map[string]any{"mime_type": "application/pdf"}, nil},
			{"a top-level type with number and offset", map[string]any{"mime_type": "image", "number": 1, "offset": 1}, []string{"(second)"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				args := with("author")
				if tt.filter != nil {
					args = append(args, tt.filter)
				}
				v, err := ts.call("wp.getMediaLibrary", args)
				if err != nil {
					t.Fatal(err)
				}
				list := v.([]any)
				switch {
				case tt.want == nil:
					eq(t, len(list), 0)
				case tt.want[0] == "(unattached)":
					eq(t, len(list), 1)
					eq(t, mustStruct(t, list[0])["parent"], int64(0))
				case tt.want[0] == "(second)":
					eq(t, len(list), 1)
					if mustStruct(t, list[0])["attachment_id"] == attached["attachment_id"] {
						t.Fatal("offset ignored")
					}
				case tt.name == "everything, newest first":
					eq(t, len(list), 3)
					eq(t, mustStruct(t, list[0])["attachment_id"], tt.want[0])
				default:
					eq(t, len(list), len(tt.want))
					eq(t, mustStruct(t, list[0])["attachment_id"], tt.want[0])
					eq(t, mustStruct(t, list[0])["parent"], int64(4))
				}
			})
		}
	})
	t.Run("featured image over wp.editPost", func(t *testing.T) {
		if v, err := ts.call("wp.editPost", with("author", 4, map[string]any{"post_thumbnail": id})); err != nil || v != true {
			t.Fatalf("got %v, %v", v, err)
		}
		v, err := ts.call("wp.getPost", with("author", 4, []any{"post_thumbnail"}))
		if err != nil {
			t.Fatal(err)
		}
		eq(t, mustStruct(t, mustStruct(t, v)["post_thumbnail"])["attachment_id"], id)
		v, err = ts.call("metaWeblog.getPost", []any{4, "author", ts.appPasswords["author"]})
		if err != nil {
			t.Fatal(err)
		}
		want, _ := strconv.Atoi(id)
		eq(t, mustStruct(t, v)["wp_post_thumbnail"], int64(want))
		if _, err := ts.call("wp.editPost", with("author", 4, map[string]any{"post_thumbnail": 99999})); errString(err) != faultText(404, "Invalid attachment ID.") {
			t.Fatalf("unknown thumbnail: %v", err)
		}
		if _, err := ts.call("wp.editPost", with("author", 4, map[string]any{"post_thumbnail": ""})); err != nil {
			t.Fatal(err)
		}
		v, err = ts.call("wp.getPost", with("author", 4, []any{"post_thumbnail"}))
		if err != nil {
			t.Fatal(err)
		}
		eq(t, len(mustStruct(t, v)["post_thumbnail"].([]any)), 0)
	})
	t.Run("featured image over metaWeblog", func(t *testing.T) {
		want, _ := strconv.Atoi(id)
		tests := []struct {
			name     string
			value    any
			fault    string
			featured int64
		}{
			{"an image", want, "", int64(want)},
			{"a missing attachment", 99999, faultText(404, "Invalid attachment ID."), int64(want)},
			{"a file that is no image removes the featured one", 1, "", 0},
			{"nor can it be featured when there is none", 1, faultText(404, "Invalid attachment ID."), 0},
			{"the image again", want, "", int64(want)},
			{"empty removes it", "", "", 0},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := ts.call("metaWeblog.editPost", []any{4, "author", ts.appPasswords["author"], map[string]any{"wp_post_thumbnail": tt.value}})
				if errString(err) != tt.fault {
					t.Fatalf("got %v, want %q", err, tt.fault)
				}
				v, err := ts.call("metaWeblog.getPost", []any{4, "author", ts.appPasswords["author"]})
				if err != nil {
					t.Fatal(err)
				}
				eq(t, mustStruct(t, v)["wp_post_thumbnail"], tt.featured)
			})
		}
		v, err := ts.call("metaWeblog.newPost", []any{1, "author", ts.appPasswords["author"], map[string]any{"title": "Pictured", "wp_post_thumbnail": want}, true})
		if err != nil {
			t.Fatal(err)
		}
		created, _ := strconv.Atoi(v.(string))
		v, err = ts.call("metaWeblog.getPost", []any{created, "author", ts.appPasswords["author"]})
		if err != nil {
			t.Fatal(err)
		}
		eq(t, mustStruct(t, v)["wp_post_thumbnail"], int64(want))
		if _, err := ts.call("metaWeblog.newPost", []any{1, "author", ts.appPasswords["author"], map[string]any{"title": "x", "wp_post_thumbnail": ""}, true}); errString(err) != faultText(404, "Invalid attachment ID.") {
			t.Fatalf("empty thumbnail on a new post: %v", err)
		}
	})
	t.Run("deleteFile deletes for good, with the file", func(t *testing.T) {
		key := mustStruct(t, up["metadata"])["file"].(string)
		if v, err := ts.call("wp.deleteFile", with("author", id)); err != nil || v != true {
			t.Fatalf("got %v, %v", v, err)
		}
		if _, err := ts.call("wp.deleteFile", with("author", id)); errString(err) != faultText(404, "Invalid post ID.") {
			t.Fatalf("again: %v", err)
		}
		if f, err := local.Get(context.Background(), key); err == nil {
			f.Body.Close()
			t.Fatal("the file is still stored")
		}
	})
}
