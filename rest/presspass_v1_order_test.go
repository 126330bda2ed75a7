package rest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// TestPresspassV1KeepsItsOrder: every answer of the presspass/v1 namespace
// comes in its documented member order over the wire, at every level, and
// is built of ordered Objects before it is encoded: a map[string]any
// anywhere in it (whose keys would come out sorted) fails the test, even
// where the sorted order happens to be the documented one. Every route and
// method of the namespace must have a case here.
func TestPresspassV1KeepsItsOrder(t *testing.T) {
	ts := newTestSite(t)
	// The fixture's app passwords gave the audit trail its events; one
	// of the editor's is revoked by the bulk DELETE case.
	appPassword := []string{"uuid", "app_id", "name", "created", "last_used", "last_ip", "user", "user_login", "expires", "expired", "scope"}
	tests := []struct {
		method, path string
		// want maps a JSON path ("" the answer or its first item,
		// "schema" a member) to its members in order.
		want map[string][]string
	}{
		{"GET", "/presspass/v1/application-passwords", map[string][]string{"": appPassword}},
		{"DELETE", "/presspass/v1/application-passwords?user=" + fmt.Sprint(ts.user("editor").ID), map[string][]string{"": {"deleted", "count"}}},
		{"GET", "/presspass/v1/audit", map[string][]string{"": {"id", "time", "event", "user", "login", "ip", "user_agent", "app_password", "detail"}}},
		{"GET", "/presspass/v1/doctor", map[string][]string{
			"":       {"authorization_header", "scheme", "server_time", "database_time", "schema", "uploads_writable"},
			"schema": {"latest", "missing", "unknown"},
		}},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		covered[tt.method+" "+strings.SplitN(tt.path, "?", 2)[0]] = true
	}
	for _, route := range ts.rest.presspassRoutes() {
		for _, ep := range route.Endpoints {
			for _, m := range ep.Methods {
				if !covered[m+" "+route.Pattern] {
					t.Errorf("%s %s has no case in this test", m, route.Pattern)
				}
			}
		}
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			// The answer as the handler built it, before encoding.
			if tt.method == "GET" {
				data := ts.answerData(t, tt.method, tt.path, "admin")
				if where := mapIn(data, "$"); where != "" {
					t.Fatalf("a map at %s: its keys would be sorted", where)
				}
			}
			// The answer over the wire (the DELETE only here, as it
			// revokes).
			res := ts.with(t).expect(req{method: tt.method, path: "/wp-json" + tt.path, as: "admin"}, http.StatusOK, "")
			for path, want := range tt.want {
				raw := res.raw
				if path != "" {
					raw = rawMember(t, raw, path)
				}
				got, err := memberOrder(raw)
				if err != nil {
					t.Fatalf("%s: %v\n%s", path, err, res.raw)
				}
				if !slices.Equal(got, want) {
					t.Errorf("members of %q: %q, want %q\n%s", path, got, want, res.raw)
				}
			}
		})
	}
}

// answerData runs a request through authentication and dispatch, as
// ServeHTTP does, and returns the handler's data before it is finished
// and encoded.
func (ts *testSite) answerData(t *testing.T, method, path, as string) any {
	t.Helper()
	hr := httptest.NewRequest(method, "/wp-json"+path, nil)
	hr.Header.Set("Authorization", basic(as, ts.appPw[as]))
	r := ts.rest.newRequest(hr.Context(), hr)
	if err := r.readBody(); err != nil {
		t.Fatal(err)
	}
	if err := ts.rest.authenticate(r); err != nil {
		t.Fatal(err)
	}
	resp := ts.rest.dispatch(r)
	if resp.Status != http.StatusOK {
		t.Fatalf("%s %s: status %d: %v", method, path, resp.Status, resp.Data)
	}
	return resp.Data
}

// mapIn is the JSON path of the first Go map in v, "" when there is none.
func mapIn(v any, path string) string {
	switch x := v.(type) {
	case map[string]any, []map[string]any:
		return path
	case *Object:
		for k, m := range x.All() {
			if where := mapIn(m, path+"."+k); where != "" {
				return where
			}
		}
	case []*Object:
		for i, item := range x {
			if where := mapIn(item, fmt.Sprintf("%s[%d]", path, i)); where != "" {
				return where
			}
		}
	case []any:
		for i, item := range x {
			if where := mapIn(item, fmt.Sprintf("%s[%d]", path, i)); where != "" {
				return where
			}
		}
	}
	return ""
}

// rawMember is the raw JSON of member k of the object raw.
func rawMember(t *testing.T, raw []byte, k string) []byte {
	t.Helper()
	var members map[string]json.RawMessage
	if err := json.Unmarshal(raw, &members); err != nil {
		t.Fatal(err)
	}
	m, ok := members[k]
	if !ok {
		t.Fatalf("no member %q in %s", k, raw)
	}
	return m
}
