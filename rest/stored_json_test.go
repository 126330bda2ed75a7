package rest

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// TestStoredJSONComesBackInItsOrder: a JSON document a client stores (the
// user's global styles, a theme.json) comes back with its members in the
// order the client wrote them, at every level, as WordPress gives back
// what json_decode kept; numbers keep their digits. Keys here are
// deliberately not in alphabetical order.
func TestStoredJSONComesBackInItsOrder(t *testing.T) {
	ts := newTestSite(t)
	theme := ts.expect(req{path: "/wp-json/wp/v2/themes?status=active", as: "admin"}, 200, "").mustList(t)[0].(map[string]any)
	href := jsonAt(theme, "_links", "wp:user-global-styles").([]any)[0].(map[string]any)["href"].(string)
	path := strings.TrimPrefix(href, ts.url)

	const styles = `{"typography":{"lineHeight":"1.6","fontSize":"18px"},"color":{"text":"#111111","background":"#fafafa"},"spacing":{"padding":{"top":"2rem","left":"1.50rem"},"blockGap":1.50},"elements":{"link":{"color":{"text":"#0000ee"}}}}`
	const settings = `{"layout":{"wideSize":"1200px","contentSize":"650px"},"color":{"palette":[{"slug":"ink","name":"Ink","color":"#111"}],"custom":false},"appearanceTools":true}`
	tests := []struct {
		name string
		q    req
		// want maps the answer's members to their raw JSON.
		want map[string]string
	}{
		{"saved as sent", req{method: "PUT", path: path, as: "admin", body: `{"styles":` + styles + `,"settings":` + settings + `}`},
			map[string]string{"styles": styles, "settings": settings}},
		{"read back", req{path: path + "?context=edit", as: "admin"},
			map[string]string{"styles": styles, "settings": settings}},
		{"settings kept in their order when only styles change", req{method: "POST", path: path, as: "admin", body: `{"styles":{"color":{"text":"#222","background":"#fff"}}}`},
			map[string]string{"styles": `{"color":{"text":"#222","background":"#fff"}}`, "settings": settings}},
		{"a repeated key keeps its first place and last value", req{method: "POST", path: path, as: "admin", body: `{"styles":{"color":{"text":"#333","background":"#eee","text":"#444"}}}`},
			map[string]string{"styles": `{"color":{"text":"#444","background":"#eee"}}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ts.with(t).expect(tt.q, 200, "")
			var members map[string]json.RawMessage
			if err := json.Unmarshal(res.raw, &members); err != nil {
				t.Fatal(err)
			}
			for k, want := range tt.want {
				if got := members[k]; !bytes.Equal(got, []byte(want)) {
					t.Errorf("%s:\n got %s\nwant %s", k, got, want)
				}
			}
		})
	}
	// Stored as WordPress stores it: styles, settings, then the marks.
	id, _ := strconv.ParseUint(path[strings.LastIndex(path, "/")+1:], 10, 64)
	p, err := ts.store.PostByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"styles":{"color":{"text":"#444","background":"#eee"}},"settings":` + settings + `,"isGlobalStylesUserThemeJSON":true,"version":3}`; p.Content != want {
		t.Errorf("stored:\n got %s\nwant %s", p.Content, want)
	}
}
