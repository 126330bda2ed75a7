package rest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/presspass/presspass/storage"
)

// pngImage encodes a w×h PNG.
func pngImage(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.RGBA{0, 0, 255, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// newMediaSite is a test site whose uploads go to a temporary directory.
func newMediaSite(t *testing.T) *testSite {
	ts := newTestSite(t)
	ts.store.Config.Media.Storage = storage.NewLocal(t.TempDir())
	return ts
}

// rawUpload is a raw-body upload request as WordPress clients send it.
func rawUpload(as, path, filename, ctype string, data []byte) req {
	h := map[string]string{}
	if filename != "" {
		h["Content-Disposition"] = `attachment; filename="` + filename + `"`
	}
	return req{method: "POST", path: path, body: string(data), ctype: ctype, as: as, headers: h}
}

// upload sends a raw upload that must succeed and returns the attachment.
func (ts *testSite) upload(as, filename string, data []byte) map[string]any {
	ts.t.Helper()
	return ts.expect(rawUpload(as, "/wp-json/wp/v2/media", filename, "image/png", data), http.StatusCreated, "").obj()
}

func TestMediaUploadRoleMatrix(t *testing.T) {
	ts := newMediaSite(t)
	img := pngImage(t, 1, 1)
	tests := []struct {
		as     string
		status int
		code   string
	}{
		{"admin", 201, ""},
		{"editor", 201, ""},
		{"author", 201, ""},
		{"contributor", 403, "rest_cannot_create"},
		{"subscriber", 403, "rest_cannot_create"},
		{"", 401, "rest_cannot_create"},
	}
	for _, tt := range tests {
		t.Run("as "+tt.as, func(t *testing.T) {
			res := ts.with(t).expect(rawUpload(tt.as, "/wp-json/wp/v2/media", "pixel.png", "image/png", img), tt.status, tt.code)
			if tt.status == 201 {
				m := res.obj()
				if m["media_type"] != "image" || m["mime_type"] != "image/png" || m["status"] != "inherit" {
					t.Errorf("got %v", m)
				}
				if res.header.Get("Location") != ts.url+"/wp-json/wp/v2/media/"+fmt.Sprint(m["id"]) {
					t.Errorf("Location %q", res.header.Get("Location"))
				}
			}
		})
	}
}

func TestMediaUploadRefusals(t *testing.T) {
	ts := newMediaSite(t)
	img := pngImage(t, 1, 1)
	ts.store.Config.Media.MaxUploadSize = 2048
	tests := []struct {
		name   string
		q      req
		status int
		code   string
	}{
		{"no Content-Disposition", rawUpload("author", "/wp-json/wp/v2/media", "", "image/png", img), 400, "rest_upload_no_content_disposition"},
		{"empty body", rawUpload("author", "/wp-json/wp/v2/media", "empty.png", "image/png", nil), 400, "rest_upload_no_data"},
		{"disposition without a name", req{method: "POST", path: "/wp-json/wp/v2/media", body: string(img), ctype: "image/png", as: "author",
			headers: map[string]string{"Content-Disposition": "attachment"}}, 400, "rest_upload_invalid_disposition"},
		{"wrong Content-MD5", req{method: "POST", path: "/wp-json/wp/v2/media", body: string(img), ctype: "image/png", as: "author",
			headers: map[string]string{"Content-Disposition": "attachment; filename=a.png", "Content-MD5": strings.Repeat("0", 32)}}, 412, "rest_upload_hash_mismatch"},
		{"PHP", rawUpload("author", "/wp-json/wp/v2/media", "shell.php", "application/x-php", []byte("<?php echo 1;")), 400, "rest_upload_sideload_error"},
		{"HTML", rawUpload("author", "/wp-json/wp/v2/media", "page.html", "text/html", []byte("<html></html>")), 400, "rest_upload_sideload_error"},
		{"SVG", rawUpload("author", "/wp-json/wp/v2/media", "logo.svg", "image/svg+xml", []byte("<svg/>")), 400, "rest_upload_sideload_error"},
		{"HTML pretending to be a PNG", rawUpload("author", "/wp-json/wp/v2/media", "x.png", "image/png", []byte("<html><script>alert(1)</script>")), 400, "rest_upload_sideload_error"},
		{"too large", rawUpload("author", "/wp-json/wp/v2/media", "big.png", "image/png", bytes.Repeat([]byte{0x89}, 4096)), 400, "rest_upload_file_too_big"},
		{"attached to another's post", rawUpload("author", "/wp-json/wp/v2/media?post=1", "a.png", "image/png", img), 403, "rest_cannot_edit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts.with(t).expect(tt.q, tt.status, tt.code)
		})
	}
	res := ts.expect(req{path: "/wp-json/wp/v2/media"}, 200, "")
	if len(res.list()) != 0 {
		t.Errorf("refused uploads are listed: %s", res.raw)
	}
}

func TestMediaMultipartUpload(t *testing.T) {
	ts := newMediaSite(t)
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("title", "From a form")
	w.WriteField("alt_text", "form alt")
	fw, _ := w.CreateFormFile("file", "form image.png")
	fw.Write(pngImage(t, 2, 3))
	w.Close()
	m := ts.expect(req{method: "POST", path: "/wp-json/wp/v2/media", body: body.String(), ctype: w.FormDataContentType(), as: "editor"}, 201, "").obj()
	details, _ := m["media_details"].(map[string]any)
	if title, _ := m["title"].(map[string]any); title["raw"] != "From a form" || m["alt_text"] != "form alt" ||
		details["width"] != float64(2) || details["height"] != float64(3) || !strings.HasSuffix(details["file"].(string), "/form-image.png") {
		t.Errorf("got %s", mustJSON(m))
	}
	var empty bytes.Buffer
	w = multipart.NewWriter(&empty)
	w.WriteField("title", "no file")
	w.Close()
	ts.expect(req{method: "POST", path: "/wp-json/wp/v2/media", body: empty.String(), ctype: w.FormDataContentType(), as: "editor"}, 400, "rest_upload_no_data")
}

func TestMediaShapesAndFilters(t *testing.T) {
	ts := newMediaSite(t)
	red := ts.upload("author", "red-pixel.png", pngImage(t, 1, 1))
	id := fmt.Sprint(red["id"])
	wantEdit := []string{"_links", "alt_text", "author", "caption", "class_list", "comment_status", "date", "date_gmt",
		"description", "featured_media", "generated_slug", "guid", "id", "link", "media_details", "media_type",
		"meta", "mime_type", "missing_image_sizes", "modified", "modified_gmt", "permalink_template", "ping_status",
		"post", "slug", "source_url", "status", "template", "title", "type"}
	if got := strings.Join(keys(red), ","); got != strings.Join(wantEdit, ",") {
		t.Errorf("edit keys\n got %s\nwant %s", got, strings.Join(wantEdit, ","))
	}
	if red["link"] != ts.url+"/red-pixel/" && red["link"] != ts.url+"/?attachment_id="+id {
		t.Errorf("link %v", red["link"])
	}
	if red["permalink_template"] != ts.url+"/?attachment_id="+id || red["post"] != nil {
		t.Errorf("permalink_template %v post %v", red["permalink_template"], red["post"])
	}
	src, _ := red["source_url"].(string)
	desc := red["description"].(map[string]any)["rendered"].(string)
	if !strings.Contains(desc, `<img loading="lazy" decoding="async" width="1" height="1" src="`+src+`" class="attachment-medium size-medium" alt="" />`) {
		t.Errorf("description %q", desc)
	}

	view := ts.expect(req{path: "/wp-json/wp/v2/media/" + id}, 200, "")
	if _, ok := view.obj()["missing_image_sizes"]; ok {
		t.Error("missing_image_sizes in the view context")
	}
	if !strings.Contains(view.header.Get("Link"), `rel="alternate"`) {
		t.Errorf("Link %q", view.header.Get("Link"))
	}
	embed := ts.expect(req{path: "/wp-json/wp/v2/media/" + id + "?context=embed"}, 200, "").obj()
	wantEmbed := "_links,alt_text,author,caption,date,featured_media,id,link,media_details,media_type,mime_type,slug,source_url,title,type"
	if got := strings.Join(keys(embed), ","); got != wantEmbed {
		t.Errorf("embed keys %s", got)
	}

	// Filters.
	post := ts.expect(req{method: "POST", path: "/wp-json/wp/v2/posts", body: `{"title":"Host","status":"publish"}`, as: "author"}, 201, "").obj()
	pid := fmt.Sprint(post["id"])
	ts.expect(rawUpload("author", "/wp-json/wp/v2/media?post="+pid, "attached.png", "image/png", pngImage(t, 1, 1)), 201, "")
	ts.expect(rawUpload("author", "/wp-json/wp/v2/media", "paper.pdf", "application/pdf", []byte("%PDF-1.4\n%%EOF\n")), 201, "")
	for _, tt := range []struct {
		query string
		want  int
	}{
		{"", 3}, {"?media_type=image", 2}, {"?media_type=application", 1}, {"?mime_type=application/pdf", 1},
		{"?parent=" + pid, 1}, {"?parent=0", 2}, {"?search=paper", 1}, {"?per_page=1&page=3", 1},
		// Lists (WordPress 6.9): an attachment of any type given is listed.
		{"?media_type=image,application", 3}, {"?media_type[]=video&media_type[]=application", 1},
		{"?mime_type=application/pdf,image/png", 3}, {"?media_type=video&mime_type=application/pdf", 1},
	} {
		res := ts.expect(req{path: "/wp-json/wp/v2/media" + tt.query}, 200, "")
		if len(res.list()) != tt.want {
			t.Errorf("%s: %d items, want %d", tt.query, len(res.list()), tt.want)
		}
	}
	ts.expect(req{path: "/wp-json/wp/v2/media?status=private"}, 400, "rest_invalid_param")
	ts.expect(req{path: "/wp-json/wp/v2/media?media_type=font"}, 400, "rest_invalid_param")
	ts.expect(req{path: "/wp-json/wp/v2/media/" + pid}, 404, "rest_post_invalid_id")
	ts.expect(req{path: "/wp-json/wp/v2/posts/" + id}, 404, "rest_post_invalid_id")
	opts := ts.expect(req{method: "OPTIONS", path: "/wp-json/wp/v2/media"}, 200, "").obj()
	if props, _ := opts["schema"].(map[string]any)["properties"].(map[string]any); props["media_details"] == nil || props["content"] != nil {
		t.Errorf("schema properties: %v", keys(props))
	}
}

func TestMediaUpdateDeleteRoleMatrix(t *testing.T) {
	ts := newMediaSite(t)
	for _, tt := range []struct {
		as     string
		status int
		code   string
	}{
		{"author", 200, ""},
		{"editor", 200, ""},
		{"admin", 200, ""},
		{"contributor", 403, "rest_cannot_edit"},
		{"subscriber", 403, "rest_cannot_edit"},
		{"", 401, "rest_cannot_edit"},
	} {
		t.Run("update as "+tt.as, func(t *testing.T) {
			m := ts.with(t).upload("author", "u.png", pngImage(t, 1, 1))
			path := "/wp-json/wp/v2/media/" + fmt.Sprint(m["id"])
			res := ts.with(t).expect(req{method: "POST", path: path, as: tt.as,
				body: `{"alt_text":"A red pixel","caption":"Red","description":"One red pixel.","title":"Renamed"}`}, tt.status, tt.code)
			if tt.status != 200 {
				return
			}
			got := res.obj()
			caption := got["caption"].(map[string]any)
			desc := got["description"].(map[string]any)
			if got["alt_text"] != "A red pixel" || caption["rendered"] != "<p>Red</p>\n" ||
				!strings.HasSuffix(desc["rendered"].(string), "</a></p>\n<p>One red pixel.</p>\n") ||
				got["title"].(map[string]any)["raw"] != "Renamed" {
				t.Errorf("got %s", mustJSON(got))
			}
		})
	}
	for _, tt := range []struct {
		as     string
		status int
		code   string
	}{
		{"contributor", 403, "rest_cannot_delete"},
		{"subscriber", 403, "rest_cannot_delete"},
		{"", 401, "rest_cannot_delete"},
		{"editor", 200, ""},
	} {
		t.Run("delete as "+tt.as, func(t *testing.T) {
			m := ts.with(t).upload("author", "d.png", pngImage(t, 1, 1))
			path := "/wp-json/wp/v2/media/" + fmt.Sprint(m["id"])
			if tt.status == 200 {
				ts.with(t).expect(req{method: "DELETE", path: path, as: tt.as}, 501, "rest_trash_not_supported")
			}
			res := ts.with(t).expect(req{method: "DELETE", path: path + "?force=true", as: tt.as}, tt.status, tt.code)
			if tt.status == 200 {
				if res.obj()["deleted"] != true || res.obj()["previous"].(map[string]any)["id"] != m["id"] {
					t.Errorf("got %s", res.raw)
				}
				ts.with(t).expect(req{path: path}, 404, "rest_post_invalid_id")
				key := strings.TrimPrefix(m["source_url"].(string), ts.url+"/wp-content/uploads/")
				if _, err := ts.store.OpenMediaFile(context.Background(), key, nil); err == nil {
					t.Error("the file is still served")
				}
			}
		})
	}
}

func TestPostFeaturedMedia(t *testing.T) {
	ts := newMediaSite(t)
	m := ts.upload("author", "feature.png", pngImage(t, 1, 1))
	mid := fmt.Sprint(m["id"])
	p := ts.expect(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "author",
		body: `{"title":"Featured","status":"publish","featured_media":` + mid + `}`}, 201, "").obj()
	if fmt.Sprint(p["featured_media"]) != mid {
		t.Fatalf("featured_media %v", p["featured_media"])
	}
	classes := fmt.Sprint(p["class_list"])
	if !strings.Contains(classes, "has-post-thumbnail") {
		t.Errorf("class_list %s", classes)
	}
	got := ts.expect(req{path: "/wp-json/wp/v2/posts/" + fmt.Sprint(p["id"]) + "?_embed"}, 200, "").obj()
	embedded, _ := got["_embedded"].(map[string]any)
	media, _ := embedded["wp:featuredmedia"].([]any)
	if len(media) != 1 || media[0].(map[string]any)["source_url"] != m["source_url"] {
		t.Errorf("embedded featured media: %s", mustJSON(embedded["wp:featuredmedia"]))
	}
	// A post id is no featured image.
	ts.expect(req{method: "POST", path: "/wp-json/wp/v2/posts/" + fmt.Sprint(p["id"]), as: "author",
		body: `{"featured_media":` + fmt.Sprint(p["id"]) + `}`}, 400, "rest_invalid_featured_media")
}

// mustJSON renders v for failure messages.
func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
