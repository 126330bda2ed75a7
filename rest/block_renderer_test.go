package rest

import (
	"strconv"
	"strings"
	"testing"
)

func TestBlockRendererPermissionsAndErrors(t *testing.T) {
	ts := newTestSite(t)
	draft := ts.expect(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "author", body: "title=Mine&status=draft"}, 201, "").obj()["id"]
	other := ts.expect(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "editor", body: "title=Theirs&status=draft"}, 201, "").obj()["id"]
	id := func(v any) string { return strconv.FormatFloat(v.(float64), 'f', -1, 64) }
	const archives = "/wp-json/wp/v2/block-renderer/core/archives"
	for _, c := range []struct {
		name   string
		q      req
		status int
		code   string
	}{
		{"contributor may render", req{path: archives + "?context=edit", as: "contributor"}, 200, ""},
		{"POST with a JSON body", req{method: "POST", path: archives, as: "author", ctype: "application/json", body: `{"attributes":{"type":"yearly"}}`}, 200, ""},
		{"subscriber may not", req{path: archives, as: "subscriber"}, 403, "block_cannot_read"},
		{"visitor may not", req{path: archives}, 401, "block_cannot_read"},
		{"author on their own post", req{path: archives + "?post_id=" + id(draft), as: "author"}, 200, ""},
		{"author on another's draft", req{path: archives + "?post_id=" + id(other), as: "author"}, 403, "block_cannot_read"},
		{"no such post", req{path: archives + "?post_id=999999", as: "admin"}, 403, "block_cannot_read"},
		{"a block PressPass does not render", req{path: "/wp-json/wp/v2/block-renderer/core/paragraph", as: "author"}, 404, "block_invalid"},
		{"unknown block, permission first", req{path: "/wp-json/wp/v2/block-renderer/core/nothing", as: "subscriber"}, 403, "block_cannot_read"},
		{"an attribute the block does not declare", req{path: archives + "?attributes%5Bbogus%5D=1", as: "author"}, 400, "rest_invalid_param"},
		{"an attribute of the wrong type", req{path: archives + "?attributes%5BshowLabel%5D=maybe", as: "author"}, 400, "rest_invalid_param"},
		{"not a block name", req{path: "/wp-json/wp/v2/block-renderer/archives", as: "author"}, 404, "rest_no_route"},
	} {
		t.Run(c.name, func(t *testing.T) { ts.with(t).expect(c.q, c.status, c.code) })
	}
	r := ts.expect(req{path: archives, as: "author"}, 200, "")
	if got := r.header.Get("Allow"); got != "GET, POST" {
		t.Errorf("Allow %q", got)
	}
	bad := ts.expect(req{path: archives + "?attributes%5Bbogus%5D=1", as: "author"}, 400, "rest_invalid_param")
	details, _ := bad.obj()["data"].(map[string]any)["details"].(map[string]any)
	if d, _ := details["attributes"].(map[string]any); d["code"] != "rest_additional_properties_forbidden" || d["message"] != "bogus is not a valid property of Object." {
		t.Errorf("details %v", details)
	}
}

func TestBlockRendererArchives(t *testing.T) {
	ts := newTestSite(t)
	for _, date := range []string{"1999-03-04T10:00:00", "1999-03-20T10:00:00", "1998-12-31T23:00:00"} {
		ts.expect(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "admin", body: "title=Old&status=publish&date=" + date}, 201, "")
	}
	ts.expect(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "admin", body: "title=Hidden&status=draft&date=1997-01-01T00:00:00"}, 201, "")
	const archives = "/wp-json/wp/v2/block-renderer/core/archives?attributes%5BshowPostCounts%5D="
	for _, c := range []struct {
		name, query string
		want        []string
		not         []string
	}{
		{"monthly with counts", archives + "true",
			[]string{`<ul class="wp-block-archives-list wp-block-archives">`,
				"\t<li><a href='" + ts.url + "/1999/03/'>March 1999</a>&nbsp;(2)</li>\n\t<li><a href='" + ts.url + "/1998/12/'>December 1998</a>&nbsp;(1)</li>\n</ul>"},
			[]string{"1997"}},
		{"yearly", archives + "false&attributes%5Btype%5D=yearly&attributes%5BclassName%5D=mine&attributes%5Balign%5D=wide",
			[]string{`<ul class="wp-block-archives-list alignwide mine wp-block-archives">`, ">1999</a></li>\n\t<li><a href='" + ts.url + "/1998/'>1998</a></li>\n</ul>"}, nil},
		{"daily", archives + "false&attributes%5Btype%5D=daily",
			[]string{">March 20, 1999</a></li>\n\t<li><a href='" + ts.url + "/1999/03/04/'>March 4, 1999</a></li>"}, nil},
		{"dropdown", archives + "true&attributes%5BdisplayAsDropdown%5D=1&attributes%5BshowLabel%5D=false",
			[]string{`<div class="wp-block-archives-dropdown wp-block-archives"><label for="wp-block-archives-1" class="wp-block-archives__label screen-reader-text">Archives</label>`,
				`<option value="">Select Month</option>`, "\t<option value='" + ts.url + "/1999/03/'> March 1999 &nbsp;(2)</option>\n", "(1)</option>\n</select></div>"}, nil},
		{"a type with nothing to list", archives + "false&attributes%5Btype%5D=weekly",
			[]string{`<div class="wp-block-archives-list wp-block-archives">No archives to show.</div>`}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, _ := ts.with(t).expect(req{path: c.query, as: "author"}, 200, "").obj()["rendered"].(string)
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("rendered lacks %q:\n%s", w, got)
				}
			}
			for _, n := range c.not {
				if strings.Contains(got, n) {
					t.Errorf("rendered has %q:\n%s", n, got)
				}
			}
		})
	}
}
