package wptext

import (
	"strings"
	"testing"
)

// TestLatestCommentsAuthor: a comment without an author name shows
// get_comment_author's "Anonymous" in the reader's language, linked when
// the comment has an address; a named author is shown as stored.
func TestLatestCommentsAuthor(t *testing.T) {
	ja := Words{Gettext: func(msgid string) string {
		if msgid == "Anonymous" {
			return "匿名"
		}
		return msgid
	}}
	tests := []struct {
		name  string
		entry LatestCommentsEntry
		words Words
		want  string
	}{
		{"named", LatestCommentsEntry{AuthorName: "Ann &amp; Bo"}, ja,
			`<span class="wp-block-latest-comments__comment-author">Ann &amp; Bo</span>`},
		{"no name", LatestCommentsEntry{}, Words{},
			`<span class="wp-block-latest-comments__comment-author">Anonymous</span>`},
		{"no name, translated", LatestCommentsEntry{}, ja,
			`<span class="wp-block-latest-comments__comment-author">匿名</span>`},
		{"no name, linked", LatestCommentsEntry{AuthorURL: "https://example.org/"}, Words{},
			`<a class="wp-block-latest-comments__comment-author" href="https://example.org/">Anonymous</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RenderLatestCommentsBlock(LatestCommentsBlock{Comments: []LatestCommentsEntry{tt.entry}, Words: tt.words})
			if !strings.Contains(got, tt.want) {
				t.Errorf("lacks %s\nin %s", tt.want, got)
			}
		})
	}
}
