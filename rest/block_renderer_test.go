package rest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/presspass/presspass/models"
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
			checkRendered(t, got, c.want, c.not)
		})
	}
}

// TestBlockRendererTagCloud renders core/tag-cloud as wp_tag_cloud does:
// the most used terms by name, sizes on a log scale, empty terms left out.
func TestBlockRendererTagCloud(t *testing.T) {
	ts := newTestSite(t)
	const cloud = "/wp-json/wp/v2/block-renderer/core/tag-cloud"
	empty := ts.expect(req{path: cloud, as: "author"}, 200, "").obj()["rendered"]
	if empty != `<p class="wp-block-tag-cloud">There&#8217;s no content to show here yet.</p>` {
		t.Errorf("no tags: %v", empty)
	}
	tag := func(name string) string {
		return strconv.FormatFloat(ts.expect(req{method: "POST", path: "/wp-json/wp/v2/tags", as: "admin", body: "name=" + name}, 201, "").obj()["id"].(float64), 'f', -1, 64)
	}
	often, once, unused := tag("zeta"), tag("Alpha"), tag("unused")
	for i := 0; i < 3; i++ {
		ts.expect(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "admin", body: "title=T&status=publish&tags=" + often}, 201, "")
	}
	ts.expect(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "admin", body: "title=T&status=publish&tags=" + once}, 201, "")
	for _, c := range []struct {
		name, query string
		want        []string
		not         []string
	}{
		{"defaults", "", []string{
			`<p class="wp-block-tag-cloud"><a href="` + ts.url + `/tag/alpha/" class="tag-cloud-link tag-link-` + once +
				` tag-link-position-1" style="font-size: 8pt;" aria-label="Alpha (1 item)">Alpha</a>` + "\n" +
				`<a href="` + ts.url + `/tag/zeta/" class="tag-cloud-link tag-link-` + often + ` tag-link-position-2" style="font-size: 22pt;" aria-label="zeta (3 items)">zeta</a></p>`,
		}, []string{"unused", "tag-link-" + unused + " "}},
		{"counts, px, one tag", "?attributes%5BshowTagCounts%5D=true&attributes%5BsmallestFontSize%5D=10px&attributes%5BlargestFontSize%5D=20px&attributes%5BnumberOfTags%5D=1",
			[]string{`style="font-size: 10px;"`, `zeta<span class="tag-link-count"> (3)</span></a>`}, []string{"Alpha"}},
		{"categories", "?attributes%5Btaxonomy%5D=category", []string{`/category/uncategorized/`}, nil},
		{"an unknown taxonomy", "?attributes%5Btaxonomy%5D=nope", []string{"There&#8217;s no content to show here yet."}, nil},
		{"align and class", "?attributes%5Balign%5D=center&attributes%5BclassName%5D=mine", []string{`<p class="aligncenter mine wp-block-tag-cloud">`}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, _ := ts.with(t).expect(req{path: cloud + c.query, as: "author"}, 200, "").obj()["rendered"].(string)
			checkRendered(t, got, c.want, c.not)
		})
	}
}

// TestBlockRendererLatestComments renders core/latest-comments as
// render_block_core_latest_comments does: approved comments on published
// posts, newest first, with avatar, author link, post link, date and
// excerpt as the attributes ask.
func TestBlockRendererLatestComments(t *testing.T) {
	ts := newTestSite(t)
	const block = "/wp-json/wp/v2/block-renderer/core/latest-comments"
	empty := ts.expect(req{path: block, as: "author"}, 200, "").obj()["rendered"]
	if empty != `<div class="has-avatars has-dates has-excerpts no-comments wp-block-latest-comments">No comments to show.</div>` {
		t.Errorf("no comments: %v", empty)
	}
	newPost := func(body string) float64 {
		return ts.expect(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "admin", body: body}, 201, "").obj()["id"].(float64)
	}
	hello := newPost("title=Hello+%26+goodbye&status=publish&date=1999-03-04T10:00:00")
	draft := newPost("title=Draft&status=publish")
	comment := func(post float64, extra string) string {
		body := fmt.Sprintf(`{"post":%d,%s}`, int(post), extra)
		return strconv.FormatFloat(ts.expect(req{method: "POST", path: "/wp-json/wp/v2/comments", as: "admin", ctype: "application/json", body: body}, 201, "").obj()["id"].(float64), 'f', -1, 64)
	}
	// A visitor's comment (the REST API makes none for a logged-in caller).
	d := time.Date(1999, 3, 5, 10, 0, 0, 0, time.UTC)
	visitor := &models.Comment{PostID: uint64(hello), AuthorName: "Jane", AuthorEmail: "Jane@Example.com", AuthorURL: "http://jane.example/?a=1&b=2",
		Approved: "1", Type: "comment", Content: "First line\nsecond <b>bold</b> line", Date: d, DateGMT: d}
	if err := ts.store.SaveCommentRecord(context.Background(), visitor); err != nil {
		t.Fatal(err)
	}
	jane := strconv.FormatUint(visitor.ID, 10)
	long := strings.Repeat("word ", 25)
	mine := comment(hello, `"date":"1999-03-06T09:30:00","content":"`+long+`"`)
	comment(hello, `"date":"1999-03-07T09:30:00","content":"held","status":"hold"`)
	comment(draft, `"date":"1999-03-08T09:30:00","content":"on a draft"`)
	ts.expect(req{method: "POST", path: fmt.Sprintf("/wp-json/wp/v2/posts/%d", int(draft)), as: "admin", body: "status=draft"}, 200, "")
	admin := ts.user("admin")
	gravatar := func(email string, size int) string {
		return strings.ReplaceAll(models.GravatarURL(email, size), "&", "&#038;")
	}
	avatar := func(email string) string {
		return "<img alt='' src='" + gravatar(email, 48) + "' srcset='" + gravatar(email, 96) + " 2x' class='avatar avatar-48 photo wp-block-latest-comments__comment-avatar' height='48' width='48' loading='lazy' decoding='async'/>"
	}
	postLink := ts.url + "/hello-goodbye/"
	mineItem := func(withAvatar, withDate, withExcerpt bool) string {
		s := `<li class="wp-block-latest-comments__comment">`
		if withAvatar {
			s += avatar(admin.Email)
		}
		s += `<article><footer class="wp-block-latest-comments__comment-meta"><a class="wp-block-latest-comments__comment-author" href="` + ts.url + `/author/` + admin.Nicename + `/">` + admin.DisplayName + `</a> on ` +
			`<a class="wp-block-latest-comments__comment-link" href="` + postLink + `#comment-` + mine + `">Hello &#038; goodbye</a>`
		if withDate {
			s += `<time datetime="1999-03-06T09:30:00+00:00" class="wp-block-latest-comments__comment-date">March 6, 1999</time>`
		}
		s += `</footer>`
		if withExcerpt {
			s += `<div class="wp-block-latest-comments__comment-excerpt"><p>` + strings.TrimSpace(strings.Repeat("word ", 20)) + `&hellip;</p>` + "\n" + `</div>`
		}
		return s + `</article></li>`
	}
	janeItem := `<li class="wp-block-latest-comments__comment">` + avatar("Jane@Example.com") +
		`<article><footer class="wp-block-latest-comments__comment-meta"><a class="wp-block-latest-comments__comment-author" href="http://jane.example/?a=1&#038;b=2">Jane</a> on ` +
		`<a class="wp-block-latest-comments__comment-link" href="` + postLink + `#comment-` + jane + `">Hello &#038; goodbye</a>` +
		`<time datetime="1999-03-05T10:00:00+00:00" class="wp-block-latest-comments__comment-date">March 5, 1999</time></footer>` +
		`<div class="wp-block-latest-comments__comment-excerpt"><p>First line second bold line</p>` + "\n" + `</div></article></li>`
	for _, c := range []struct {
		name, query, want string
	}{
		{"defaults", "", `<ol class="has-avatars has-dates has-excerpts wp-block-latest-comments">` + mineItem(true, true, true) + janeItem + `</ol>`},
		{"one, nothing but the line", "?attributes%5BcommentsToShow%5D=1&attributes%5BdisplayAvatar%5D=false&attributes%5BdisplayDate%5D=false&attributes%5BdisplayExcerpt%5D=false&attributes%5Balign%5D=wide",
			`<ol class="alignwide wp-block-latest-comments">` + mineItem(false, false, false) + `</ol>`},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, _ := ts.with(t).expect(req{path: block + c.query, as: "author"}, 200, "").obj()["rendered"].(string)
			if got != c.want {
				t.Errorf("rendered\n%s\nwant\n%s", got, c.want)
			}
		})
	}
	t.Run("date format and avatars off", func(t *testing.T) {
		ts.expect(req{method: "POST", path: "/wp-json/wp/v2/settings", as: "admin", body: "date_format=Y-m-d"}, 200, "")
		if err := ts.store.SetOption(context.Background(), "show_avatars", "0"); err != nil {
			t.Fatal(err)
		}
		got, _ := ts.with(t).expect(req{path: block + "?attributes%5BcommentsToShow%5D=1", as: "author"}, 200, "").obj()["rendered"].(string)
		if !strings.Contains(got, `">1999-03-06</time>`) || strings.Contains(got, "<img") {
			t.Errorf("rendered %s", got)
		}
	})
	ts.expect(req{path: block + "?attributes%5BcommentsToShow%5D=0", as: "author"}, 400, "rest_invalid_param")
	ts.expect(req{path: block + "?attributes%5BcommentsToShow%5D=101", as: "author"}, 400, "rest_invalid_param")
}

// TestBlockRendererCalendar renders core/calendar as
// render_block_core_calendar over get_calendar: the month's table, days
// with published posts linked, the nearest months with posts around it.
func TestBlockRendererCalendar(t *testing.T) {
	ts := newTestSite(t)
	const block = "/wp-json/wp/v2/block-renderer/core/calendar"
	for _, date := range []string{"1999-03-04T10:00:00", "1999-03-04T18:00:00", "1999-03-20T10:00:00", "1998-12-31T23:00:00", "1999-05-02T08:00:00"} {
		ts.expect(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "admin", body: "title=P&status=publish&date=" + date}, 201, "")
	}
	ts.expect(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "admin", body: "title=Hidden&status=draft&date=1999-03-10T00:00:00"}, 201, "")
	current, _ := ts.expect(req{path: block + "?attributes%5Bmonth%5D=3&attributes%5Byear%5D=1999", as: "author"}, 200, "").obj()["rendered"].(string)
	now := ts.store.Now()
	if !strings.Contains(current, "<caption>"+now.Month().String()+" "+strconv.Itoa(now.Year())+"</caption>") ||
		!strings.Contains(current, `<td id="today">`+strconv.Itoa(now.Day())+"</td>") {
		t.Errorf("with /%%postname%%/ the month attributes are ignored, the current month shown:\n%s", current)
	}
	if err := ts.store.SetOption(context.Background(), "permalink_structure", "/%year%/%monthnum%/%postname%/"); err != nil {
		t.Fatal(err)
	}
	day := func(d, date string) string {
		return `<a href="` + ts.url + `/1999/03/` + d + `/" aria-label="Posts published on ` + date + `">` + strings.TrimLeft(d, "0") + `</a>`
	}
	march := `<div class="wp-block-calendar"><table id="wp-calendar" class="wp-calendar-table">
	<caption>March 1999</caption>
	<thead>
	<tr>
		<th scope="col" aria-label="Monday">M</th>
		<th scope="col" aria-label="Tuesday">T</th>
		<th scope="col" aria-label="Wednesday">W</th>
		<th scope="col" aria-label="Thursday">T</th>
		<th scope="col" aria-label="Friday">F</th>
		<th scope="col" aria-label="Saturday">S</th>
		<th scope="col" aria-label="Sunday">S</th>
	</tr>
	</thead>
	<tbody>
	<tr><td>1</td><td>2</td><td>3</td><td>` + day("04", "March 4, 1999") + `</td><td>5</td><td>6</td><td>7</td>
	</tr>
	<tr>
		<td>8</td><td>9</td><td>10</td><td>11</td><td>12</td><td>13</td><td>14</td>
	</tr>
	<tr>
		<td>15</td><td>16</td><td>17</td><td>18</td><td>19</td><td>` + day("20", "March 20, 1999") + `</td><td>21</td>
	</tr>
	<tr>
		<td>22</td><td>23</td><td>24</td><td>25</td><td>26</td><td>27</td><td>28</td>
	</tr>
	<tr>
		<td>29</td><td>30</td><td>31</td>
		<td class="pad" colspan="4">&nbsp;</td>
	</tr>
	</tbody>
	</table><nav aria-label="Previous and next months" class="wp-calendar-nav">
		<span class="wp-calendar-nav-prev"><a href="` + ts.url + `/1998/12/">&laquo; Dec</a></span>
		<span class="pad">&nbsp;</span>
		<span class="wp-calendar-nav-next"><a href="` + ts.url + `/1999/05/">May &raquo;</a></span>
	</nav></div>`
	got, _ := ts.expect(req{path: block + "?attributes%5Bmonth%5D=3&attributes%5Byear%5D=1999", as: "author"}, 200, "").obj()["rendered"].(string)
	if got != march {
		t.Errorf("March 1999:\n%s\nwant\n%s", got, march)
	}
	ts.expect(req{method: "POST", path: "/wp-json/wp/v2/settings", as: "admin", body: "start_of_week=0"}, 200, "")
	for _, c := range []struct {
		name, query string
		want        []string
	}{
		{"a month starting on Tuesday, weeks from Sunday", "?attributes%5Bmonth%5D=12&attributes%5Byear%5D=1998&attributes%5Balign%5D=left",
			[]string{`<div class="alignleft wp-block-calendar"><table id="wp-calendar" class="wp-calendar-table">` + "\n\t<caption>December 1998</caption>",
				"<tr>\n\t\t<th scope=\"col\" aria-label=\"Sunday\">S</th>\n\t\t<th scope=\"col\" aria-label=\"Monday\">M</th>",
				"<tbody>\n\t<tr>\n\t\t<td colspan=\"2\" class=\"pad\">&nbsp;</td><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td>\n\t</tr>\n\t<tr>\n\t\t<td>6</td>",
				`<td><a href="` + ts.url + `/1998/12/31/" aria-label="Posts published on December 31, 1998">31</a></td>` + "\n\t\t<td class=\"pad\" colspan=\"2\">&nbsp;</td>\n\t</tr>",
				"<span class=\"wp-calendar-nav-prev\">&nbsp;</span>", `<a href="` + ts.url + `/1999/03/">Mar &raquo;</a>`}},
		{"colours on the table", "?attributes%5Bmonth%5D=12&attributes%5Byear%5D=1998&attributes%5BtextColor%5D=vivid-red&attributes%5Bstyle%5D%5Bcolor%5D%5Bbackground%5D=%23fff",
			[]string{`<div class="wp-block-calendar"><table style="background-color:#fff;" id="wp-calendar" class="wp-calendar-table has-text-color has-vivid-red-color has-background">`}},
		{"a month without posts, the latest after it", "?attributes%5Bmonth%5D=6&attributes%5Byear%5D=1999",
			[]string{"<caption>June 1999</caption>", `<a href="` + ts.url + `/1999/05/">&laquo; May</a>`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, _ := ts.with(t).expect(req{path: block + c.query, as: "author"}, 200, "").obj()["rendered"].(string)
			// No case may link the day of a draft.
			checkRendered(t, got, c.want, []string{"/1999/03/10/"})
		})
	}
	ts.expect(req{path: block + "?attributes%5Bmonth%5D=march", as: "author"}, 400, "rest_invalid_param")
}

// checkRendered fails t for each of want that the rendered block lacks and
// each of not that it has.
func checkRendered(t *testing.T, got string, want, not []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("rendered lacks %q:\n%s", w, got)
		}
	}
	for _, n := range not {
		if strings.Contains(got, n) {
			t.Errorf("rendered has %q:\n%s", n, got)
		}
	}
}
