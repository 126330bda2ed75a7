package models_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/storage"
)

// testImage encodes a w×h image in the given format.
func testImage(t testing.TB, format string, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.RGBA{255, 0, 0, 255})
	var b bytes.Buffer
	var err error
	switch format {
	case "png":
		err = png.Encode(&b, img)
	case "jpeg":
		err = jpeg.Encode(&b, img, nil)
	case "gif":
		err = gif.Encode(&b, img, nil)
	case "webp":
		// Go has no WebP encoder: a real 1×1 lossless WebP, whatever the
		// size asked.
		b.Write(webpPixel)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// mediaStore is a fresh store with local uploads in a temporary directory.
func mediaStore(t *testing.T) (*models.Store, string) {
	t.Helper()
	s := fixturestest.Open(t)
	s.Config.SiteURL = "http://example.test"
	dir := t.TempDir()
	s.Config.Media.Storage = storage.NewLocal(dir)
	s.Clock = func() time.Time { return time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC) }
	return s, dir
}

func TestSanitizeFileName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"red-pixel.png", "red-pixel.png"},
		{"My Photo (1).JPG", "My-Photo-1.JPG"},
		{"../../etc/passwd.png", "passwd.png"},
		{`C:\Users\me\shot.png`, "shot.png"},
		{".htaccess", "htaccess"},
		{"...png", "png"},
		{"shell.php.png", "shell.php_.png"},
		{"archive.tar.gz", "archive.tar.gz"},
		{"x.jpg.png", "x.jpg.png"},
		{"a&b=c?.png", "abc.png"},
		{"tab\tand\nnewline.png", "tab-and-newline.png"},
		{"nul\x00byte.png", "nulbyte.png"},
		{"--_weird_--.png", "weird_-.png"},
		{".png", "png"},
		{"", "unnamed-file"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := models.SanitizeFileName(tt.in); got != tt.want {
				t.Errorf("SanitizeFileName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestUploadMediaRefusals(t *testing.T) {
	ctx := context.Background()
	s, dir := mediaStore(t)
	author := newUser(t, s, "writer", "author")
	pngData := testImage(t, "png", 2, 2)
	s.Config.Media.MaxUploadSize = 4096
	tests := []struct {
		name        string
		file, ctype string
		data        []byte
		reason      models.Reason
	}{
		{"empty file", "x.png", "image/png", nil, models.ReasonUploadNoData},
		{"PHP by name", "shell.php", "application/x-php", []byte("<?php echo 1;"), models.ReasonUploadForbiddenType},
		{"HTML by name", "page.html", "text/html", []byte("<html></html>"), models.ReasonUploadForbiddenType},
		{"SVG by name", "logo.svg", "image/svg+xml", []byte("<svg xmlns='http://www.w3.org/2000/svg'/>"), models.ReasonUploadForbiddenType},
		{"executable by name", "setup.exe", "application/octet-stream", []byte("MZ\x90\x00"), models.ReasonUploadForbiddenType},
		{"JavaScript by name", "app.js", "text/javascript", []byte("alert(1)"), models.ReasonUploadForbiddenType},
		{"no extension", "README", "text/plain", []byte("hello"), models.ReasonUploadForbiddenType},
		{"HTML named .png", "x.png", "image/png", []byte("<html><script>alert(1)</script></html>"), models.ReasonUploadForbiddenType},
		{"text named .jpg", "x.jpg", "image/jpeg", []byte("just some text"), models.ReasonUploadForbiddenType},
		{"PNG with a PHP payload", "x.png", "image/png", append(append([]byte{}, pngData...), "<?PHP system($_GET['c']); ?>"...), models.ReasonUploadForbiddenType},
		{"HTML named .txt", "notes.txt", "text/plain", []byte("<!DOCTYPE html><html><body>hi</body></html>"), models.ReasonUploadForbiddenType},
		{"PDF that is not one", "doc.pdf", "application/pdf", []byte("<script>alert(1)</script>"), models.ReasonUploadForbiddenType},
		{"PNG declared as HTML", "x.png", "text/html", pngData, models.ReasonUploadForbiddenType},
		{"PNG declared as SVG", "x.png", "image/svg+xml", pngData, models.ReasonUploadForbiddenType},
		{"PNG declared as audio", "x.png", "audio/mpeg", pngData, models.ReasonUploadForbiddenType},
		{"too large", "big.png", "image/png", bytes.Repeat([]byte("x"), 4097), models.ReasonUploadTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.UploadMedia(ctx, author, models.UploadInput{Filename: tt.file, ContentType: tt.ctype, Data: tt.data})
			wantReason(t, err, models.KindInvalid, tt.reason)
		})
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("refused uploads left files: %v", entries)
	}
	if _, total, err := s.ListMedia(ctx, author, models.MediaQuery{}); err != nil || total != 0 {
		t.Errorf("refused uploads left attachments: %d %v", total, err)
	}
}

func TestUploadMediaPermissions(t *testing.T) {
	ctx := context.Background()
	s, _ := mediaStore(t)
	admin := newUser(t, s, "boss", "administrator")
	editor := newUser(t, s, "chief", "editor")
	author := newUser(t, s, "writer", "author")
	contributor := newUser(t, s, "helper", "contributor")
	subscriber := newUser(t, s, "reader", "subscriber")
	adminPost, err := s.CreatePost(ctx, admin, models.PostInput{Title: strp("Admin's"), Status: strp("publish")})
	if err != nil {
		t.Fatal(err)
	}
	img := testImage(t, "png", 1, 1)
	tests := []struct {
		name   string
		actor  *models.User
		parent uint64
		kind   models.Kind
		reason models.Reason
	}{
		{"administrator", admin, 0, 0, ""},
		{"editor", editor, 0, 0, ""},
		{"editor attaches to another's post", editor, adminPost.ID, 0, ""},
		{"author", author, 0, 0, ""},
		{"author may not attach to another's post", author, adminPost.ID, models.KindForbidden, models.ReasonCannotUploadToPost},
		{"author may not attach to a missing post", author, 99999, models.KindForbidden, models.ReasonCannotUploadToPost},
		{"contributor", contributor, 0, models.KindForbidden, models.ReasonCannotUploadFiles},
		{"subscriber", subscriber, 0, models.KindForbidden, models.ReasonCannotUploadFiles},
		{"visitor", nil, 0, models.KindForbidden, models.ReasonCannotUploadFiles},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := models.UploadInput{Filename: "pixel.png", ContentType: "image/png", Data: img}
			if tt.parent != 0 {
				in.ParentID = &tt.parent
			}
			m, err := s.UploadMedia(ctx, tt.actor, in)
			if tt.reason != "" {
				wantReason(t, err, tt.kind, tt.reason)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if m.Post.AuthorID != tt.actor.ID || m.Post.ParentID != tt.parent {
				t.Errorf("author %d parent %d", m.Post.AuthorID, m.Post.ParentID)
			}
		})
	}
}

func TestUploadMediaStoresFile(t *testing.T) {
	ctx := context.Background()
	s, dir := mediaStore(t)
	author := newUser(t, s, "writer", "author")
	editor := newUser(t, s, "chief", "editor")
	tests := []struct {
		name, file, ctype string
		data              []byte
		wantKey, wantMime string
		w, h              int
	}{
		{"PNG", "red-pixel.png", "image/png", testImage(t, "png", 3, 2), "2026/11/red-pixel.png", "image/png", 3, 2},
		{"the same name again is numbered", "red-pixel.png", "image/png", testImage(t, "png", 1, 1), "2026/11/red-pixel-1.png", "image/png", 1, 1},
		{"and again", "Red-Pixel.PNG", "", testImage(t, "png", 1, 1), "2026/11/Red-Pixel-2.png", "image/png", 1, 1},
		{"JPEG", "photo.jpeg", "image/jpeg", testImage(t, "jpeg", 4, 5), "2026/11/photo.jpeg", "image/jpeg", 4, 5},
		{"GIF declared as octet-stream", "anim.gif", "application/octet-stream", testImage(t, "gif", 6, 7), "2026/11/anim.gif", "image/gif", 6, 7},
		{"WebP", "pic.webp", "image/webp", testImage(t, "webp", 1, 1), "2026/11/pic.webp", "image/webp", 1, 1},
		{"a PNG named .jpg gets its real extension", "wrong.jpg", "image/jpeg", testImage(t, "png", 1, 1), "2026/11/wrong.png", "image/png", 1, 1},
		{"a traversal name stays in its folder", "../../../evil.png", "image/png", testImage(t, "png", 1, 1), "2026/11/evil.png", "image/png", 1, 1},
		{"PDF", "paper.pdf", "application/pdf", []byte("%PDF-1.4\n%...\n%%EOF\n"), "2026/11/paper.pdf", "application/pdf", 0, 0},
		{"plain text", "notes.txt", "text/plain", []byte("hello, world\n"), "2026/11/notes.txt", "text/plain", 0, 0},
		{"double extension defused", "x.php.png", "image/png", testImage(t, "png", 1, 1), "2026/11/x.php_.png", "image/png", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := s.UploadMedia(ctx, author, models.UploadInput{Filename: tt.file, ContentType: tt.ctype, Data: tt.data})
			if err != nil {
				t.Fatal(err)
			}
			if m.File.File != tt.wantKey || m.Post.MimeType != tt.wantMime || m.File.Width != tt.w || m.File.Height != tt.h {
				t.Errorf("got %s %s %dx%d, want %s %s %dx%d", m.File.File, m.Post.MimeType, m.File.Width, m.File.Height,
					tt.wantKey, tt.wantMime, tt.w, tt.h)
			}
			if m.File.FileSize != int64(len(tt.data)) || m.Post.Type != "attachment" || m.Post.Status != "inherit" {
				t.Errorf("size %d type %s status %s", m.File.FileSize, m.Post.Type, m.Post.Status)
			}
			if want := "http://example.test/wp-content/uploads/" + tt.wantKey; m.URL != want || m.Post.GUID != want {
				t.Errorf("URL %s GUID %s, want %s", m.URL, m.Post.GUID, want)
			}
			onDisk, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(tt.wantKey)))
			if err != nil || !bytes.Equal(onDisk, tt.data) {
				t.Errorf("file on disk: %v (%d bytes)", err, len(onDisk))
			}
			f, err := s.OpenMediaFile(ctx, tt.wantKey, nil)
			if err != nil {
				t.Fatal(err)
			}
			served, _ := io.ReadAll(f.Body)
			f.Body.Close()
			if !bytes.Equal(served, tt.data) || f.MimeType != tt.wantMime {
				t.Errorf("served %d bytes as %s", len(served), f.MimeType)
			}
		})
	}
	t.Run("title and slug come from the stored name", func(t *testing.T) {
		m, err := s.UploadMedia(ctx, author, models.UploadInput{Filename: "Holiday Snap.png", Data: testImage(t, "png", 1, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if m.Post.Title != "Holiday-Snap" || m.Post.Slug != "holiday-snap" {
			t.Errorf("title %q slug %q", m.Post.Title, m.Post.Slug)
		}
	})
	t.Run("fields given at upload are kept", func(t *testing.T) {
		date := time.Date(2024, 2, 10, 10, 0, 0, 0, time.UTC)
		in := models.UploadInput{Filename: "blue.png", Data: testImage(t, "png", 1, 1), MediaInput: models.MediaInput{
			Title: strp("Blue dot"), AltText: strp("A blue dot"), Caption: strp("Blue"), Description: strp("One blue dot."), Date: &date}}
		m, err := s.UploadMedia(ctx, author, in)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.MediaByID(ctx, m.Post.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Post.Title != "Blue dot" || got.Post.Slug != "blue-dot" || got.File.AltText != "A blue dot" ||
			got.Post.Excerpt != "Blue" || got.Post.Content != "One blue dot." || !got.Post.Date.Equal(date) ||
			got.File.File != "2026/11/blue.png" {
			t.Errorf("got %+v %+v", got.Post, got.File)
		}
	})
	t.Run("slugs never collide with other posts and links follow the parent", func(t *testing.T) {
		if err := s.SetOption(ctx, "permalink_structure", "/%postname%/"); err != nil {
			t.Fatal(err)
		}
		post, err := s.CreatePost(ctx, author, models.PostInput{Title: strp("Hello world"), Status: strp("publish")})
		if err != nil {
			t.Fatal(err)
		}
		m, err := s.UploadMedia(ctx, author, models.UploadInput{Filename: "hello-world.png", Data: testImage(t, "png", 1, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if m.Post.Slug != "hello-world-2" {
			t.Errorf("slug %q, want hello-world-2", m.Post.Slug)
		}
		if got := s.AttachmentLink(ctx, m.Post, nil); got != "http://example.test/hello-world-2/" {
			t.Errorf("unattached link %q", got)
		}
		unattached := m.Post
		parent := post.ID
		m, err = s.UploadMedia(ctx, author, models.UploadInput{Filename: "inside.png", Data: testImage(t, "png", 1, 1),
			MediaInput: models.MediaInput{ParentID: &parent}})
		if err != nil {
			t.Fatal(err)
		}
		if got := s.AttachmentLink(ctx, m.Post, nil); got != "http://example.test/hello-world/inside/" {
			t.Errorf("attached link %q", got)
		}
		// get_permalink of an attachment is its page's link, in a list
		// beside other posts too.
		links := s.Permalinks(ctx, []*models.Post{post, m.Post, post}, nil)
		if want := []string{"http://example.test/hello-world/", "http://example.test/hello-world/inside/", "http://example.test/hello-world/"}; !slices.Equal(links, want) {
			t.Errorf("permalinks %q, want %q", links, want)
		}
		// get_post_comments_feed_link: an attached attachment's page with
		// feed/, an unattached one's the site feed with attachment_id.
		for _, c := range []struct {
			p    *models.Post
			feed string
			want string
		}{
			{m.Post, "rss2", "http://example.test/hello-world/inside/feed/"},
			{unattached, "rss2", "http://example.test/feed/?attachment_id=" + strconv.FormatUint(unattached.ID, 10)},
			{unattached, "atom", "http://example.test/feed/atom/?attachment_id=" + strconv.FormatUint(unattached.ID, 10)},
		} {
			if got := s.PostCommentsFeedLink(ctx, c.p, c.feed); got != c.want {
				t.Errorf("comments feed %q, want %q", got, c.want)
			}
		}
		// Without a final slash in the structure, none ends the links.
		if err := s.SetOption(ctx, "permalink_structure", "/%postname%"); err != nil {
			t.Fatal(err)
		}
		links = s.Permalinks(ctx, []*models.Post{m.Post, unattached}, nil)
		if want := []string{"http://example.test/hello-world/inside", "http://example.test/hello-world-2"}; !slices.Equal(links, want) {
			t.Errorf("permalinks without a final slash %q, want %q", links, want)
		}
		if err := s.SetOption(ctx, "permalink_structure", ""); err != nil {
			t.Fatal(err)
		}
		if got, want := s.AttachmentLink(ctx, m.Post, nil), "http://example.test/?attachment_id="+strconv.FormatUint(m.Post.ID, 10); got != want {
			t.Errorf("plain link %q, want %q", got, want)
		}
	})
	t.Run("only attachments are media", func(t *testing.T) {
		p, err := s.CreatePost(ctx, editor, models.PostInput{Title: strp("A post"), Status: strp("publish")})
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.MediaByID(ctx, p.ID)
		wantReason(t, err, models.KindNotFound, models.ReasonInvalidAttachmentID)
	})
	t.Run("unknown files are not served", func(t *testing.T) {
		for _, key := range []string{"2026/11/nothing.png", "../etc/passwd", "2026/11/../11/red-pixel.png", "/2026/11/red-pixel.png", ""} {
			if _, err := s.OpenMediaFile(ctx, key, nil); !models.IsNotFound(err) {
				t.Errorf("OpenMediaFile(%q): %v, want not found", key, err)
			}
		}
	})
}

func TestUpdateAndDeleteMedia(t *testing.T) {
	ctx := context.Background()
	s, dir := mediaStore(t)
	author := newUser(t, s, "writer", "author")
	other := newUser(t, s, "other", "author")
	editor := newUser(t, s, "chief", "editor")
	contributor := newUser(t, s, "helper", "contributor")
	upload := func(name string) *models.Media {
		m, err := s.UploadMedia(ctx, author, models.UploadInput{Filename: name, Data: testImage(t, "png", 1, 1)})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	m := upload("pic.png")
	tests := []struct {
		name   string
		actor  *models.User
		reason models.Reason
	}{
		{"owner", author, ""},
		{"editor", editor, ""},
		{"another author", other, models.ReasonCannotEditPost},
		{"contributor", contributor, models.ReasonCannotEditPost},
		{"visitor", nil, models.ReasonCannotEditPost},
	}
	for _, tt := range tests {
		t.Run("update as "+tt.name, func(t *testing.T) {
			alt := "alt by " + tt.name
			got, err := s.UpdateMedia(ctx, tt.actor, m.Post.ID, models.MediaInput{AltText: &alt, Caption: strp("cap")})
			if tt.reason != "" {
				wantReason(t, err, models.KindForbidden, tt.reason)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			again, _ := s.MediaByID(ctx, m.Post.ID)
			if got.File.AltText != alt || again.File.AltText != alt || again.Post.Excerpt != "cap" {
				t.Errorf("alt %q / %q caption %q", got.File.AltText, again.File.AltText, again.Post.Excerpt)
			}
		})
	}
	for _, tt := range tests[2:] {
		t.Run("delete as "+tt.name, func(t *testing.T) {
			_, err := s.DeleteMedia(ctx, tt.actor, m.Post.ID)
			wantReason(t, err, models.KindForbidden, models.ReasonCannotDeletePost)
		})
	}
	t.Run("delete removes the file and the featured image", func(t *testing.T) {
		featured := m.Post.ID
		post, err := s.CreatePost(ctx, editor, models.PostInput{Title: strp("With image"), Status: strp("publish"), FeaturedMediaID: &featured})
		if err != nil {
			t.Fatal(err)
		}
		if post.FeaturedMediaID != featured {
			t.Fatalf("featured media %d", post.FeaturedMediaID)
		}
		if _, err := s.DeleteMedia(ctx, author, m.Post.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(dir, "2026", "11", "pic.png")); !os.IsNotExist(err) {
			t.Errorf("file still there: %v", err)
		}
		if _, err := s.MediaByID(ctx, m.Post.ID); !models.IsNotFound(err) {
			t.Errorf("attachment still there: %v", err)
		}
		again, _ := s.PostByID(ctx, post.ID)
		if again.FeaturedMediaID != 0 {
			t.Errorf("post still features %d", again.FeaturedMediaID)
		}
		_, err = s.DeleteMedia(ctx, author, m.Post.ID)
		wantReason(t, err, models.KindNotFound, models.ReasonInvalidAttachmentID)
		// The name is free again.
		if n := upload("pic.png"); n.File.File != "2026/11/pic.png" {
			t.Errorf("re-upload stored as %s", n.File.File)
		}
	})
}

// Deleting an attachment as a post (XML-RPC's wp.deletePost takes any id)
// deletes it as media: the stored file and its row go, as wp_delete_post
// hands attachments to wp_delete_attachment.
func TestDeletePostOfAnAttachmentRemovesTheFile(t *testing.T) {
	ctx := context.Background()
	s, dir := mediaStore(t)
	author := newUser(t, s, "writer", "author")
	m, err := s.UploadMedia(ctx, author, models.UploadInput{Filename: "gone.png", Data: testImage(t, "png", 2, 2)})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, filepath.FromSlash(m.File.File))
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("uploaded file: %v", err)
	}
	if _, err := s.DeletePost(ctx, author, m.Post.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("file still there after DeletePost: %v", err)
	}
	if _, err := s.MediaByID(ctx, m.Post.ID); !models.IsNotFound(err) {
		t.Errorf("attachment row still there: %v", err)
	}
}

func TestListMedia(t *testing.T) {
	ctx := context.Background()
	s, _ := mediaStore(t)
	author := newUser(t, s, "writer", "author")
	contributor := newUser(t, s, "helper", "contributor")
	post, err := s.CreatePost(ctx, author, models.PostInput{Title: strp("Host"), Status: strp("publish")})
	if err != nil {
		t.Fatal(err)
	}
	up := func(name string, data []byte, parent uint64) {
		in := models.UploadInput{Filename: name, Data: data}
		if parent != 0 {
			in.ParentID = &parent
		}
		if _, err := s.UploadMedia(ctx, author, in); err != nil {
			t.Fatal(err)
		}
	}
	up("a.png", testImage(t, "png", 1, 1), 0)
	up("b.jpg", testImage(t, "jpeg", 1, 1), post.ID)
	up("c.pdf", []byte("%PDF-1.7\n%%EOF\n"), 0)
	up("d.txt", []byte("text"), post.ID)
	tests := []struct {
		name   string
		viewer *models.User
		q      models.MediaQuery
		want   int64
		reason models.Reason
	}{
		{"everything, anonymously", nil, models.MediaQuery{}, 4, ""},
		{"images", nil, models.MediaQuery{MediaTypes: []string{"image"}}, 2, ""},
		{"application", nil, models.MediaQuery{MediaTypes: []string{"application"}}, 1, ""},
		{"text", nil, models.MediaQuery{MediaTypes: []string{"text"}}, 1, ""},
		{"video", nil, models.MediaQuery{MediaTypes: []string{"video"}}, 0, ""},
		{"full MIME type", nil, models.MediaQuery{MimeTypes: []string{"image/png"}}, 1, ""},
		{"top-level MIME type", nil, models.MediaQuery{MimeTypes: []string{"image"}}, 2, ""},
		{"several media types", nil, models.MediaQuery{MediaTypes: []string{"text", "application"}}, 2, ""},
		{"a media type or a MIME type", nil, models.MediaQuery{MediaTypes: []string{"text"}, MimeTypes: []string{"image/png"}}, 2, ""},
		{"an unknown media type matches nothing", nil, models.MediaQuery{MediaTypes: []string{"font"}}, 0, ""},
		{"attached to the post", nil, models.MediaQuery{Filter: models.PostFilter{Parents: []uint64{post.ID}}}, 2, ""},
		{"unattached", nil, models.MediaQuery{Filter: models.PostFilter{Parents: []uint64{0}}}, 2, ""},
		{"visitors never see private ones", nil, models.MediaQuery{Filter: models.PostFilter{Statuses: []string{"private"}}}, 0, ""},
		{"the library needs upload_files", contributor, models.MediaQuery{RequireUploadFiles: true}, 0, models.ReasonCannotUploadFiles},
		{"an author may list the library", author, models.MediaQuery{RequireUploadFiles: true, MimeTypes: []string{"image/jpeg"}}, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, total, err := s.ListMedia(ctx, tt.viewer, tt.q)
			if tt.reason != "" {
				wantReason(t, err, models.KindForbidden, tt.reason)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if total != tt.want || int64(len(list)) != tt.want {
				t.Errorf("total %d, %d items, want %d", total, len(list), tt.want)
			}
			for _, m := range list {
				if m.File.File == "" || !strings.HasPrefix(m.URL, "http://example.test/wp-content/uploads/2026/11/") {
					t.Errorf("item %d without its file: %+v %s", m.Post.ID, m.File, m.URL)
				}
			}
		})
	}
}

func TestUploadWithoutStorage(t *testing.T) {
	s := fixturestest.Open(t)
	author := newUser(t, s, "writer", "author")
	_, err := s.UploadMedia(context.Background(), author, models.UploadInput{Filename: "a.png", Data: []byte("x")})
	wantReason(t, err, models.KindUnavailable, models.ReasonUploadsUnavailable)
}

// An attachment's title, caption and description are filtered with kses
// for users without unfiltered_html, as a post's are; alt text is plain
// text for everyone.
func TestMediaTextFiltered(t *testing.T) {
	ctx := context.Background()
	s, _ := mediaStore(t)
	author := newUser(t, s, "writer", "author")
	editor := newUser(t, s, "chief", "editor")
	const evil = `<img src=x onerror=alert(1)>Pic<script>alert(2)</script>`
	tests := []struct {
		name      string
		actor     *models.User
		wantTitle string
		wantDesc  string
	}{
		{"author", author, "Picalert(2)", `<img src="x">Picalert(2)`},
		{"editor keeps markup", editor, evil, evil},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := s.UploadMedia(ctx, tt.actor, models.UploadInput{Filename: "f" + strconv.Itoa(i) + ".png", Data: testImage(t, "png", 1, 1),
				MediaInput: models.MediaInput{Title: strp(evil), Caption: strp(evil), Description: strp(evil), AltText: strp("<b>alt</b>\ntext")}})
			if err != nil {
				t.Fatal(err)
			}
			got, _ := s.MediaByID(ctx, m.Post.ID)
			if got.Post.Title != tt.wantTitle || got.Post.Content != tt.wantDesc || got.Post.Excerpt != tt.wantDesc {
				t.Errorf("title %q caption %q description %q", got.Post.Title, got.Post.Excerpt, got.Post.Content)
			}
			if got.File.AltText != "alt text" {
				t.Errorf("alt text %q", got.File.AltText)
			}
			up, err := s.UpdateMedia(ctx, tt.actor, m.Post.ID, models.MediaInput{Caption: strp(evil)})
			if err != nil {
				t.Fatal(err)
			}
			if up.Post.Excerpt != tt.wantDesc {
				t.Errorf("updated caption %q", up.Post.Excerpt)
			}
		})
	}
}

// An attachment is private when asked, and inherit for any other status,
// as wp_insert_post decides for attachments; visitors never list private
// ones.
func TestMediaStatus(t *testing.T) {
	ctx := context.Background()
	s, _ := mediaStore(t)
	author := newUser(t, s, "writer", "author")
	m, err := s.UploadMedia(ctx, author, models.UploadInput{Filename: "secret.png", Data: testImage(t, "png", 1, 1),
		MediaInput: models.MediaInput{Status: strp("private")}})
	if err != nil {
		t.Fatal(err)
	}
	if m.Post.Status != "private" {
		t.Fatalf("uploaded as %q, want private", m.Post.Status)
	}
	if list, _, err := s.ListMedia(ctx, nil, models.MediaQuery{}); err != nil || len(list) != 0 {
		t.Errorf("a visitor lists %d attachments (%v), want none", len(list), err)
	}
	for _, tt := range []struct{ asked, want string }{{"publish", "inherit"}, {"private", "private"}, {"draft", "inherit"}} {
		up, err := s.UpdateMedia(ctx, author, m.Post.ID, models.MediaInput{Status: strp(tt.asked)})
		if err != nil {
			t.Fatal(err)
		}
		if up.Post.Status != tt.want {
			t.Errorf("status %q stored as %q, want %q", tt.asked, up.Post.Status, tt.want)
		}
	}
}
