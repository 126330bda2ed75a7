package site_test

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The feeds are checked against what their specifications require, read
// with encoding/xml: RSS 2.0 (a channel with title, link and description;
// every item a title or a description; RFC 822 dates; guids), Atom (RFC
// 4287: a feed and its entries each with id, title and updated, entries with
// an author and an alternate link) and RSS 1.0 (RDF: the channel's items
// listed in an rdf:Seq that names every item).

type rss2 struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		Title         string  `xml:"title"`
		Link          string  `xml:"link"`
		Description   *string `xml:"description"`
		LastBuildDate string  `xml:"lastBuildDate"`
		Items         []struct {
			Title       string `xml:"title"`
			Link        string `xml:"link"`
			Description string `xml:"description"`
			PubDate     string `xml:"pubDate"`
			GUID        struct {
				Value       string `xml:",chardata"`
				IsPermaLink string `xml:"isPermaLink,attr"`
			} `xml:"guid"`
			Encoded string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
			Creator string `xml:"http://purl.org/dc/elements/1.1/ creator"`
		} `xml:"item"`
	} `xml:"channel"`
}

type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Author  struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Links []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Content string `xml:"content"`
	} `xml:"entry"`
}

type rdfFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/1999/02/22-rdf-syntax-ns# RDF"`
	Channel struct {
		Title string   `xml:"title"`
		Link  string   `xml:"link"`
		Seq   []string `xml:"items>Seq>li"`
	} `xml:"channel"`
	Items []struct {
		About string `xml:"http://www.w3.org/1999/02/22-rdf-syntax-ns# about,attr"`
		Title string `xml:"title"`
		Link  string `xml:"link"`
	} `xml:"item"`
}

func TestFeedsFollowTheirSpecifications(t *testing.T) {
	ts := newTestSite(t, "")
	v := ts.visitor()
	for _, path := range []string{"/feed/", "/comments/feed/", "/admin-published/feed/", "/category/uncategorized/feed/",
		"/author/admin/feed/", "/search/locked/feed/rss2/"} {
		t.Run("RSS 2.0 "+path, func(t *testing.T) {
			r := v.get(path)
			if r.status != 200 || r.header.Get("Content-Type") != "application/rss+xml; charset=UTF-8" {
				t.Fatalf("%d %s", r.status, r.header.Get("Content-Type"))
			}
			var f rss2
			if err := xml.Unmarshal([]byte(r.body), &f); err != nil {
				t.Fatalf("not XML: %v", err)
			}
			c := f.Channel
			if f.Version != "2.0" || c.Title == "" || c.Link == "" || c.Description == nil {
				t.Fatalf("channel lacks a required element: %+v", c)
			}
			if _, err := time.Parse(time.RFC1123Z, c.LastBuildDate); err != nil {
				t.Errorf("lastBuildDate %q", c.LastBuildDate)
			}
			for _, it := range c.Items {
				if it.Title == "" && it.Description == "" {
					t.Errorf("an item without title or description")
				}
				if _, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil {
					t.Errorf("pubDate %q", it.PubDate)
				}
				if it.GUID.Value == "" || it.GUID.IsPermaLink != "false" || it.Creator == "" {
					t.Errorf("guid or creator: %+v", it)
				}
				if _, err := url.ParseRequestURI(it.Link); err != nil {
					t.Errorf("link %q", it.Link)
				}
			}
			if path == "/feed/" && (len(c.Items) == 0 || !strings.Contains(r.body, "There is no excerpt because this is a protected post.") ||
				strings.Contains(r.body, "The secret recipe.") || strings.Contains(r.body, "admin-private")) {
				t.Errorf("the posts feed shows what it should not, or nothing: %d items", len(c.Items))
			}
		})
	}
	for _, path := range []string{"/feed/atom/", "/comments/feed/atom/"} {
		t.Run("Atom "+path, func(t *testing.T) {
			r := v.get(path)
			if r.status != 200 || r.header.Get("Content-Type") != "application/atom+xml; charset=UTF-8" {
				t.Fatalf("%d %s", r.status, r.header.Get("Content-Type"))
			}
			var f atomFeed
			if err := xml.Unmarshal([]byte(r.body), &f); err != nil {
				t.Fatalf("not Atom: %v", err)
			}
			if f.ID == "" || strings.TrimSpace(f.Title) == "" || !rfc3339(f.Updated) || !hasRel(f.Links, "self") {
				t.Fatalf("feed lacks a required element: id %q title %q updated %q", f.ID, f.Title, f.Updated)
			}
			for _, e := range f.Entries {
				if e.ID == "" || strings.TrimSpace(e.Title) == "" || !rfc3339(e.Updated) || e.Author.Name == "" || !hasRel(e.Links, "alternate") {
					t.Errorf("entry lacks a required element: %+v", e)
				}
			}
			if path == "/feed/atom/" && len(f.Entries) == 0 {
				t.Error("no entries")
			}
		})
	}
	t.Run("RDF", func(t *testing.T) {
		r := v.get("/feed/rdf/")
		if r.status != 200 || r.header.Get("Content-Type") != "application/rdf+xml; charset=UTF-8" {
			t.Fatalf("%d %s", r.status, r.header.Get("Content-Type"))
		}
		var f rdfFeed
		if err := xml.Unmarshal([]byte(r.body), &f); err != nil {
			t.Fatalf("not RDF: %v", err)
		}
		if f.Channel.Title == "" || len(f.Items) == 0 || len(f.Items) != len(f.Channel.Seq) {
			t.Fatalf("channel %+v, %d items", f.Channel, len(f.Items))
		}
		for i, it := range f.Items {
			if it.About != it.Link || it.Title == "" {
				t.Errorf("item %d: %+v", i, it)
			}
		}
	})
}

func rfc3339(s string) bool { _, err := time.Parse(time.RFC3339, s); return err == nil }

func hasRel(links []struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
}, rel string) bool {
	for _, l := range links {
		if l.Rel == rel && l.Href != "" {
			return true
		}
	}
	return false
}

func TestFeedConditionalRequests(t *testing.T) {
	ts := newTestSite(t, "")
	v := ts.visitor()
	first := v.get("/feed/")
	etag, lm := first.header.Get("ETag"), first.header.Get("Last-Modified")
	if etag == "" || !strings.HasSuffix(lm, " GMT") {
		t.Fatalf("validators: %q %q", etag, lm)
	}
	tests := []struct {
		name   string
		header map[string]string
		status int
	}{
		{"the same ETag", map[string]string{"If-None-Match": etag}, http.StatusNotModified},
		{"the same date", map[string]string{"If-Modified-Since": lm}, http.StatusNotModified},
		{"both, matching", map[string]string{"If-None-Match": etag, "If-Modified-Since": lm}, http.StatusNotModified},
		{"both, the ETag differs", map[string]string{"If-None-Match": `"other"`, "If-Modified-Since": lm}, http.StatusOK},
		{"an older date", map[string]string{"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}, http.StatusOK},
		{"neither", nil, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := v.do(http.MethodGet, "/feed/", nil, tt.header)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d", r.status, tt.status)
			}
			if tt.status == http.StatusNotModified && r.body != "" {
				t.Error("a 304 with a body")
			}
		})
	}
}
