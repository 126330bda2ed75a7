package rest

import (
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// Routes that exist only in tests, after every real one, to check what the
// framework does with a handler that panics and with argument schemas.
func init() {
	routeGroups = append(routeGroups, func(s *Server) []*Route {
		return []*Route{
			{
				Namespace: "presspass-test/v1",
				Pattern:   "/presspass-test/v1/panic",
				Endpoints: []*Endpoint{{
					Methods: []string{"GET"},
					Handler: func(r *Request) (*Response, error) { panic("boom") },
				}},
			},
			{
				Namespace: "presspass-test/v1",
				Pattern:   "/presspass-test/v1/empty",
				Endpoints: []*Endpoint{{
					Methods: []string{"GET"},
					Handler: func(r *Request) (*Response, error) { return NewResponse(http.StatusOK, []any{}), nil },
				}},
			},
			{
				Namespace: "presspass-test/v1",
				Pattern:   "/presspass-test/v1/embed",
				Endpoints: []*Endpoint{{
					Methods: []string{"GET"},
					Handler: func(r *Request) (*Response, error) {
						return NewResponse(http.StatusOK, r.WithLinks(Obj("id", 1), Links{
							{Rel: "author", Href: r.URL("/wp/v2/users/3"), Embeddable: true},
							{Rel: "empty", Href: r.URL("/presspass-test/v1/empty"), Embeddable: true},
							{Rel: wpRelPrefix + "plain", Href: r.URL("/wp/v2/users")},
						})), nil
					},
				}},
			},
			{
				Namespace: "presspass-test/v1",
				Pattern:   `/presspass-test/v1/echo/(?P<id>[\d]+)`,
				Endpoints: []*Endpoint{{
					Methods: []string{"GET", "POST"},
					Args: []Arg{
						{Name: "id", Type: "integer"},
						{Name: "n", Type: "integer", Minimum: Int64(1), Maximum: Int64(5)},
						{Name: "flag", Type: "boolean", Default: false},
						{Name: "ids", Type: "array", Items: &Arg{Type: "integer"}},
						{Name: "kind", Type: "string", Enum: []any{"a", "b"}},
						{Name: "when", Type: "string", Format: "date-time"},
						{Name: "either", Types: []string{"string", "null"}},
						{Name: "must", Type: "string", Required: true},
					},
					Handler: func(r *Request) (*Response, error) {
						return NewResponse(http.StatusOK, map[string]any{
							"id": r.Int("id"), "n": r.Param("n"), "flag": r.Param("flag"), "ids": r.IntList("ids"),
							"kind": r.String("kind"), "method": r.Method, "given_flag": r.Has("flag"),
							"nested": map[string]any{"a": 1, "b": 2},
						}), nil
					},
				}},
			},
		}
	})
}

func TestFrameworkRouting(t *testing.T) {
	ts := newTestSite(t)
	noRoute := "rest_no_route"
	cases := []struct {
		name   string
		q      req
		status int
		code   string
	}{
		{"unknown route", req{path: "/wp-json/wp/v2/nope"}, 404, noRoute},
		{"unknown namespace", req{path: "/wp-json/foo/v1"}, 404, noRoute},
		{"wrong method on a route", req{method: "PATCH", path: "/wp-json/wp/v2/users"}, 404, noRoute},
		{"trailing slash is ignored", req{path: "/wp-json/wp/v2/users/me/", as: "admin"}, 200, ""},
		{"route case-insensitive like WordPress", req{path: "/wp-json/WP/V2/USERS/ME", as: "admin"}, 200, ""},
		{"rest_route query form", req{path: "/?rest_route=/wp/v2/users/me", as: "admin"}, 200, ""},
		{"index.php rest_route form", req{path: "/index.php?rest_route=/wp/v2/users/me", as: "admin"}, 200, ""},
		{"_method override", req{method: "POST", path: "/wp-json/wp/v2/users/me?_method=DELETE&reassign=1", as: "subscriber"}, 403, "rest_user_cannot_delete"},
		{"X-HTTP-Method-Override", req{method: "POST", path: "/wp-json/wp/v2/users/me?reassign=1", as: "subscriber", headers: map[string]string{"X-HTTP-Method-Override": "DELETE"}}, 403, "rest_user_cannot_delete"},
		{"validation comes before permission", req{method: "DELETE", path: "/wp-json/wp/v2/users/me", as: "subscriber"}, 400, "rest_missing_callback_param"},
		{"invalid JSON body", req{method: "POST", path: "/wp-json/wp/v2/users/me", body: `{"name":`, ctype: "application/json", as: "admin"}, 400, "rest_invalid_json"},
		{"invalid context", req{path: "/wp-json/wp/v2/users/me?context=bogus", as: "admin"}, 400, "rest_invalid_param"},
		{"panic becomes a 500", req{path: "/wp-json/presspass-test/v1/panic"}, 500, "internal_error"},
		{"missing required argument", req{path: "/wp-json/presspass-test/v1/echo/1"}, 400, "rest_missing_callback_param"},
		{"integer out of bounds", req{path: "/wp-json/presspass-test/v1/echo/1?must=x&n=9"}, 400, "rest_invalid_param"},
		{"not an integer", req{path: "/wp-json/presspass-test/v1/echo/1?must=x&n=abc"}, 400, "rest_invalid_param"},
		{"bad enum", req{path: "/wp-json/presspass-test/v1/echo/1?must=x&kind=c"}, 400, "rest_invalid_param"},
		{"bad date", req{path: "/wp-json/presspass-test/v1/echo/1?must=x&when=yesterday"}, 400, "rest_invalid_param"},
		{"bad array item", req{path: "/wp-json/presspass-test/v1/echo/1?must=x&ids=1,b"}, 400, "rest_invalid_param"},
		{"bad boolean", req{path: "/wp-json/presspass-test/v1/echo/1?must=x&flag=maybe"}, 400, "rest_invalid_param"},
		{"valid arguments", req{path: "/wp-json/presspass-test/v1/echo/1?must=x&n=5&flag=true&ids=1,2&kind=a&when=2024-01-01T10:00:00"}, 200, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := ts.with(t).expect(c.q, c.status, c.code)
			if ct := res.header.Get("Content-Type"); ct != "application/json; charset=UTF-8" {
				t.Errorf("Content-Type %q", ct)
			}
			if c.status >= 400 {
				data, _ := res.obj()["data"].(map[string]any)
				if data["status"] != float64(c.status) {
					t.Errorf("data.status %v, want %d", data["status"], c.status)
				}
			}
		})
	}
}

func TestFrameworkErrorDetails(t *testing.T) {
	ts := newTestSite(t)
	res := ts.expect(req{path: "/wp-json/presspass-test/v1/echo/1?must=x&n=9&kind=c"}, 400, "rest_invalid_param")
	if msg := res.obj()["message"]; msg != "Invalid parameter(s): n, kind" {
		t.Errorf("message %q", msg)
	}
	data := res.obj()["data"].(map[string]any)
	params := data["params"].(map[string]any)
	if params["n"] != "n must be between 1 (inclusive) and 5 (inclusive)" || params["kind"] != "kind is not one of a and b." {
		t.Errorf("params %v", params)
	}
	details := data["details"].(map[string]any)
	if d := details["n"].(map[string]any); d["code"] != "rest_out_of_bounds" || d["data"] != nil {
		t.Errorf("details.n %v", d)
	}
	res = ts.expect(req{path: "/wp-json/presspass-test/v1/echo/1"}, 400, "rest_missing_callback_param")
	if got := res.obj()["data"].(map[string]any)["params"]; !reflect.DeepEqual(got, []any{"must"}) {
		t.Errorf("missing params %v", got)
	}
	res = ts.expect(req{path: "/wp-json/presspass-test/v1/echo/1?must=x&flag=maybe"}, 400, "rest_invalid_param")
	d := res.obj()["data"].(map[string]any)["details"].(map[string]any)["flag"].(map[string]any)
	if d["code"] != "rest_invalid_type" || !reflect.DeepEqual(d["data"], map[string]any{"param": "flag"}) {
		t.Errorf("type error details %v", d)
	}
	res = ts.expect(req{method: "POST", path: "/wp-json/wp/v2/users/me", body: `{"name":`, ctype: "application/json", as: "admin"}, 400, "rest_invalid_json")
	if d := res.obj()["data"].(map[string]any); d["json_error_code"] != float64(4) || d["json_error_message"] != "Syntax error" {
		t.Errorf("invalid JSON data %v", d)
	}
}

func TestFrameworkParams(t *testing.T) {
	ts := newTestSite(t)
	res := ts.expect(req{path: "/wp-json/presspass-test/v1/echo/7?must=x&n=3&ids[]=4&ids[]=5"}, 200, "")
	got := res.obj()
	if got["id"] != float64(7) || got["n"] != float64(3) || got["flag"] != false || got["given_flag"] != false {
		t.Errorf("query params %v", got)
	}
	if !reflect.DeepEqual(got["ids"], []any{float64(4), float64(5)}) {
		t.Errorf("ids %v", got["ids"])
	}
	// JSON body wins over the form and the query, as WordPress orders them.
	res = ts.expect(req{method: "POST", path: "/wp-json/presspass-test/v1/echo/7?must=x&kind=a", body: `{"kind":"b","flag":true}`}, 200, "")
	if got := res.obj(); got["kind"] != "b" || got["flag"] != true || got["method"] != "POST" {
		t.Errorf("json params %v", got)
	}
	res = ts.expect(req{method: "POST", path: "/wp-json/presspass-test/v1/echo/7", body: "must=x&kind=b&flag=1"}, 200, "")
	if got := res.obj(); got["kind"] != "b" || got["flag"] != true {
		t.Errorf("form params %v", got)
	}
}

func TestFrameworkFieldsEnvelopeHeadOptions(t *testing.T) {
	ts := newTestSite(t)
	res := ts.expect(req{path: "/wp-json/presspass-test/v1/echo/7?must=x&_fields=id,nested.b"}, 200, "")
	if !reflect.DeepEqual(res.json, map[string]any{"id": float64(7), "nested": map[string]any{"b": float64(2)}}) {
		t.Errorf("_fields result %v", res.json)
	}
	res = ts.expect(req{path: "/wp-json/wp/v2/users/me?_envelope&_fields=id", as: "admin"}, 200, "")
	env := res.obj()
	if env["status"] != float64(200) || !reflect.DeepEqual(env["body"], map[string]any{"id": float64(1)}) {
		t.Errorf("envelope %v", env)
	}
	if h := env["headers"].(map[string]any); h["Allow"] != "GET, POST, PUT, PATCH, DELETE" {
		t.Errorf("envelope headers %v", h)
	}
	if res.header.Get("Allow") != "" {
		t.Errorf("enveloped response leaks Allow %q", res.header.Get("Allow"))
	}
	res = ts.expect(req{path: "/wp-json/wp/v2/users/999?_envelope", as: "admin"}, 200, "")
	if env := res.obj(); env["status"] != float64(404) || !reflect.DeepEqual(env["headers"], []any{}) {
		t.Errorf("error envelope %v", env)
	}
	res = ts.expect(req{path: "/wp-json/wp/v2/users?_envelope&per_page=2", as: "admin"}, 200, "")
	if h := res.obj()["headers"].(map[string]any); h["X-WP-Total"] != float64(5) || h["X-WP-TotalPages"] != float64(3) {
		t.Errorf("envelope pagination headers %v", h)
	}

	head := ts.do(req{method: "HEAD", path: "/wp-json/wp/v2/users/me", as: "admin"})
	if head.status != 200 || len(head.raw) != 0 || head.header.Get("Allow") == "" {
		t.Errorf("HEAD: %d %q allow=%q", head.status, head.raw, head.header.Get("Allow"))
	}

	res = ts.expect(req{method: "OPTIONS", path: "/wp-json/wp/v2/users/me/application-passwords", as: "admin"}, 200, "")
	if res.header.Get("Allow") != "GET, POST, DELETE" {
		t.Errorf("OPTIONS Allow %q", res.header.Get("Allow"))
	}
	o := res.obj()
	if o["namespace"] != "wp/v2" || !reflect.DeepEqual(o["methods"], []any{"GET", "POST", "DELETE"}) || o["schema"] == nil {
		t.Errorf("OPTIONS body %v", o)
	}
	eps := o["endpoints"].([]any)
	if !reflect.DeepEqual(eps[2].(map[string]any)["args"], []any{}) {
		t.Errorf("DELETE endpoint args %v", eps[2])
	}
	res = ts.expect(req{method: "OPTIONS", path: "/wp-json/wp/v2/users/me/application-passwords"}, 200, "")
	if res.header.Get("Allow") != "" {
		t.Errorf("anonymous OPTIONS Allow %q", res.header.Get("Allow"))
	}
}

func TestFrameworkLinkHeaderAndPagination(t *testing.T) {
	ts := newTestSite(t)
	res := ts.expect(req{path: "/wp-json/wp/v2/users/me", as: "admin"}, 200, "")
	if l := res.header.Get("Link"); l != "<"+ts.url+`/wp-json/>; rel="https://api.w.org/"` {
		t.Errorf("Link %q", l)
	}
	res = ts.expect(req{path: "/wp-json/wp/v2/users?context=edit&per_page=2&page=2", as: "admin"}, 200, "")
	want := "<" + ts.url + `/wp-json/wp/v2/users?context=edit&per_page=2&page=1>; rel="prev", <` + ts.url + `/wp-json/wp/v2/users?context=edit&per_page=2&page=3>; rel="next"`
	if l := res.header.Get("Link"); l != want {
		t.Errorf("pagination Link\n got %s\nwant %s", l, want)
	}
	if res.header.Get("X-WP-Total") != "5" || res.header.Get("X-WP-TotalPages") != "3" {
		t.Errorf("totals %q %q", res.header.Get("X-WP-Total"), res.header.Get("X-WP-TotalPages"))
	}
	res = ts.expect(req{path: "/?rest_route=/wp/v2/users&per_page=2&_fields=id,slug", as: "admin"}, 200, "")
	if l := res.header.Get("Link"); !strings.Contains(l, "/wp-json/wp/v2/users?rest_route=%2Fwp%2Fv2%2Fusers&per_page=2&_fields=id%2Cslug&page=2>") {
		t.Errorf("rest_route pagination Link %q", l)
	}
}

func TestIndex(t *testing.T) {
	ts := newTestSite(t)
	res := ts.expect(req{path: "/wp-json/"}, 200, "")
	idx := res.obj()
	for _, k := range []string{"name", "description", "url", "home", "gmt_offset", "timezone_string", "page_for_posts", "page_on_front", "show_on_front", "namespaces", "authentication", "routes", "site_logo", "site_icon", "site_icon_url", "_links"} {
		if _, ok := idx[k]; !ok {
			t.Errorf("index lacks %q", k)
		}
	}
	auth := idx["authentication"].(map[string]any)["application-passwords"].(map[string]any)["endpoints"].(map[string]any)
	if auth["authorization"] != ts.url+"/wp-admin/authorize-application.php" {
		t.Errorf("authorization endpoint %v", auth)
	}
	routes := idx["routes"].(map[string]any)
	for _, r := range []string{"/", "/wp/v2", "/wp/v2/users", `/wp/v2/users/(?P<id>[\d]+)`, "/wp/v2/users/me", appPasswordsBase, appPasswordsBase + "/introspect"} {
		if _, ok := routes[r]; !ok {
			t.Errorf("index lacks route %s", r)
		}
	}
	res = ts.expect(req{path: "/wp-json/wp/v2?_fields=namespace"}, 200, "")
	if !reflect.DeepEqual(res.json, map[string]any{"namespace": "wp/v2", "_links": map[string]any{"up": []any{map[string]any{"href": ts.url + "/wp-json/"}}}}) {
		t.Errorf("namespace index %v", res.json)
	}
	// Application passwords are unavailable over plain http in production:
	// the index says so with an empty authentication list.
	ts.store.Config.Environment = "production"
	res = ts.expect(req{path: "/wp-json/?_fields=authentication"}, 200, "")
	if !reflect.DeepEqual(res.obj()["authentication"], []any{}) {
		t.Errorf("production authentication %v", res.obj()["authentication"])
	}
	ts.secure.Store(true)
	res = ts.expect(req{path: "/wp-json/?_fields=authentication"}, 200, "")
	if _, ok := res.obj()["authentication"].(map[string]any); !ok {
		t.Errorf("production over https authentication %v", res.obj()["authentication"])
	}
}

func TestFrameworkEmbed(t *testing.T) {
	ts := newTestSite(t)
	res := ts.expect(req{path: "/wp-json/presspass-test/v1/embed?_embed"}, 200, "")
	links := res.obj()["_links"].(map[string]any)
	if _, ok := links["wp:plain"]; !ok || links["curies"] == nil {
		t.Errorf("links %v", links)
	}
	emb, _ := res.obj()["_embedded"].(map[string]any)
	if got := keys(emb); !reflect.DeepEqual(got, []string{"author"}) {
		t.Fatalf("embedded relations %v (an empty result is left out)", got)
	}
	author := emb["author"].([]any)[0].(map[string]any)
	if author["id"] != float64(3) || author["meta"] != nil || author["_links"] == nil {
		t.Errorf("embedded author is not in the embed context: %v", author)
	}
	res = ts.expect(req{path: "/wp-json/presspass-test/v1/embed?_embed=empty"}, 200, "")
	if _, ok := res.obj()["_embedded"]; ok {
		t.Errorf("_embed=empty embedded %v", res.obj()["_embedded"])
	}
	res = ts.expect(req{path: "/wp-json/presspass-test/v1/embed?_embed&_fields=id"}, 200, "")
	if !reflect.DeepEqual(res.json, map[string]any{"id": float64(1)}) {
		t.Errorf("_fields=id with _embed %v", res.json)
	}
}

// Hostile or malformed input gets a WordPress error or a normal answer,
// never a 500.
func TestBadInputIsNeverA500(t *testing.T) {
	ts := newTestSite(t)
	paths := []req{
		{path: "/wp-json/wp/v2/users?page=1e300&per_page=100", as: "admin"},
		{path: "/wp-json/wp/v2/users?offset=99999999999999999999999", as: "admin"},
		{path: "/wp-json/wp/v2/users?include[]=x&exclude[a]=1"},
		{path: "/wp-json/wp/v2/users?context[]=edit"},
		{path: "/wp-json/wp/v2/users?_fields[]=id&_embed[]=author&_method[]=DELETE"},
		{path: "/wp-json/wp/v2/users?search=%25_%5C&orderby=include", as: "admin"},
		{path: "/wp-json/wp/v2/users/99999999999999999999999", as: "admin"},
		{path: "/wp-json/wp/v2/users/me/application-passwords/../../../", as: "admin"},
		{path: "/wp-json/wp/v2/users/me/application-passwords/%00", as: "admin"},
		{method: "POST", path: "/wp-json/wp/v2/users", body: `[1,2,3]`, as: "admin"},
		{method: "POST", path: "/wp-json/wp/v2/users", body: `{"username":{"a":1},"email":["x"],"password":7,"roles":"author"}`, as: "admin"},
		{method: "POST", path: "/wp-json/wp/v2/users/me", body: `{"meta":{"persisted_preferences":"x"}}`, as: "admin"},
		{method: "POST", path: "/wp-json/wp/v2/users/me", body: "\xff\xfe", ctype: "application/json", as: "admin"},
		{method: "POST", path: "/wp-json/wp/v2/users/me/application-passwords", body: `{"name":["x"],"app_id":5}`, as: "admin"},
		{method: "DELETE", path: "/wp-json/wp/v2/users/2?force=maybe&reassign[]=1", as: "admin"},
		{method: "POST", path: "/wp-json/wp/v2/users/me", body: "--x\r\n", ctype: "multipart/form-data; boundary=x", as: "admin"},
		{method: "BREW", path: "/wp-json/wp/v2/users"},
	}
	for _, q := range paths {
		res := ts.do(q)
		if res.status >= 500 {
			t.Errorf("%s %s %q: status %d\n%s", q.method, q.path, q.body, res.status, res.raw)
		}
	}
}

func TestJSONPIsDisabled(t *testing.T) {
	ts := newTestSite(t)
	for _, path := range []string{"/wp-json/wp/v2/users/3?_fields=id&_jsonp=my.cb_1", "/wp-json/wp/v2/users/3?_jsonp=alert(1)", "/wp-json/?_jsonp="} {
		resp, err := http.Get(ts.url + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 400 || resp.Header.Get("Content-Type") != "application/json; charset=UTF-8" ||
			!strings.Contains(string(b), `"rest_callback_disabled"`) || strings.HasPrefix(string(b), "/**/") {
			t.Errorf("%s: %d %s", path, resp.StatusCode, b)
		}
	}
}
