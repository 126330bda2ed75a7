package xmlrpc_test

import (
	"errors"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"sync/atomic"
	"testing"

	mysqldriver "github.com/go-sql-driver/mysql"
	kolo "github.com/kolo/xmlrpc"
	"gorm.io/gorm"

	"github.com/presspass/presspass/models"
)

// failingDatabase makes the store's database refuse as a Galera cluster
// does: every statement with 1047 (a node that is not synced) while down is
// set, and every write to the table in conflictTable with 1213 (a
// certification failure, which the store retries and then gives up on).
type failingDatabase struct {
	down          atomic.Bool
	conflictTable atomic.Value // string
}

func injectFailures(t *testing.T, db *gorm.DB) *failingDatabase {
	t.Helper()
	f := &failingDatabase{}
	f.conflictTable.Store("")
	fail := func(write bool) func(*gorm.DB) {
		return func(tx *gorm.DB) {
			switch {
			case f.down.Load():
				tx.AddError(&mysqldriver.MySQLError{Number: 1047, Message: "WSREP has not yet prepared node for application use"})
			case write && tx.Statement.Table != "" && tx.Statement.Table == f.conflictTable.Load().(string):
				tx.AddError(&mysqldriver.MySQLError{Number: 1213, Message: "Deadlock found when trying to get lock; try restarting transaction"})
			}
		}
	}
	cb := db.Callback()
	for _, err := range []error{
		cb.Query().Before("gorm:query").Register("test:fail_query", fail(false)),
		cb.Row().Before("gorm:row").Register("test:fail_row", fail(false)),
		cb.Raw().Before("gorm:raw").Register("test:fail_raw", fail(false)),
		cb.Create().Before("gorm:create").Register("test:fail_create", fail(true)),
		cb.Update().Before("gorm:update").Register("test:fail_update", fail(true)),
		cb.Delete().Before("gorm:delete").Register("test:fail_delete", fail(true)),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// rawCall makes one call over HTTP and returns the answer's status, its
// Retry-After header and its fault (nil for none).
func (ts *testSite) rawCall(method string, args []any) (int, string, *kolo.FaultError) {
	ts.t.Helper()
	req, err := kolo.NewRequest(ts.url+"/xmlrpc.php", method, args)
	if err != nil {
		ts.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var fault kolo.FaultError
	if err := kolo.Response(body).Err(); errors.As(err, &fault) {
		return resp.StatusCode, resp.Header.Get("Retry-After"), &fault
	} else if err != nil {
		ts.t.Fatalf("%s: %v\n%s", method, err, body)
	}
	return resp.StatusCode, resp.Header.Get("Retry-After"), nil
}

// TestRetryAfter: a call that met a database that is away (Galera 1047) or
// a write that kept colliding (1213, after the store's retries) is answered
// with fault 503, HTTP 503 and Retry-After, as REST answers it — whichever
// method wraps the store's refusal in a fault of its own; a locked-out
// client keeps WordPress's HTTP 200 with fault 429 and gains the header,
// with the seconds the fault names (issue 17, finding 6).
func TestRetryAfter(t *testing.T) {
	ts := newSite(t, true)
	post := parseID(t, must(ts.call("wp.newPost", append(ts.creds("editor"), map[string]any{"post_title": "to delete"}))).(string))
	db := injectFailures(t, ts.store.DB())
	busy := "The site is busy. Please try again shortly."
	tests := []struct {
		name          string
		down          bool
		conflictTable string
		method        string
		args          []any
		wantStatus    int
		wantCode      int
		wantMessage   string
	}{
		{"database away", true, "", "wp.getPost", append(ts.creds("editor"), int(post)),
			503, 503, "The database is unavailable. Please try again shortly."},
		{"a new post that kept colliding", false, "posts", "wp.newPost", append(ts.creds("editor"), map[string]any{"post_title": "x"}),
			503, 503, busy},
		{"a legacy new post that kept colliding", false, "posts", "metaWeblog.newPost", append(ts.creds("editor"), map[string]any{"title": "x"}, false),
			503, 503, busy},
		{"a deletion that kept colliding", false, "posts", "wp.deletePost", append(ts.creds("editor"), int(post)),
			503, 503, busy},
		{"a profile edit that kept colliding", false, "users", "wp.editProfile", append(ts.creds("editor"), map[string]any{"bio": "x"}),
			503, 503, busy},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db.down.Store(tt.down)
			db.conflictTable.Store(tt.conflictTable)
			defer db.down.Store(false)
			defer db.conflictTable.Store("")
			status, retry, fault := ts.rawCall(tt.method, tt.args)
			if fault == nil || fault.Code != tt.wantCode || fault.String != tt.wantMessage {
				t.Fatalf("fault %v, want %d %q", fault, tt.wantCode, tt.wantMessage)
			}
			if status != tt.wantStatus || retry != "1" {
				t.Fatalf("HTTP %d, Retry-After %q; want %d, 1", status, retry, tt.wantStatus)
			}
		})
	}

	t.Run("locked out", func(t *testing.T) {
		ts.store.Config.Throttle = models.ThrottleConfig{IPThreshold: 2}
		for i := 0; i < 2; i++ {
			_, _ = ts.call("wp.getProfile", []any{1, "editor", "wrong"})
		}
		status, retry, fault := ts.rawCall("wp.getProfile", []any{1, "editor", passwords["editor"]})
		m := regexp.MustCompile(`^Too many failed login attempts\. Try again in (\d+) seconds\.$`).FindStringSubmatch(faultString(fault))
		if fault == nil || fault.Code != 429 || m == nil {
			t.Fatalf("fault %v, want 429 Too many failed login attempts", fault)
		}
		if status != http.StatusOK || retry != m[1] {
			t.Fatalf("HTTP %d, Retry-After %q; want 200, %s (the fault's seconds)", status, retry, m[1])
		}
		if n, _ := strconv.Atoi(retry); n < 1 {
			t.Fatalf("Retry-After %q", retry)
		}
	})
}

func faultString(f *kolo.FaultError) string {
	if f == nil {
		return ""
	}
	return f.String
}
