package wpimport

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
)

// Source is a WordPress database opened for reading. Every query runs inside
// one read-only transaction, so the import sees a single consistent snapshot
// and the server refuses any write.
type Source struct {
	db     *sql.DB
	tx     *sql.Tx
	prefix string
	// Display is the source URL without its password, for reports.
	Display string
}

var prefixPattern = regexp.MustCompile(`^[A-Za-z0-9_]{1,32}$`)

// OpenSource connects to the WordPress database named by a
// mysql://USER:PASS@HOST:PORT/DB URL and checks that the tables for the
// table prefix exist.
func OpenSource(ctx context.Context, rawURL, prefix string) (*Source, error) {
	if !prefixPattern.MatchString(prefix) {
		return nil, fmt.Errorf("table prefix %q: want letters, digits and underscores", prefix)
	}
	cfg, display, err := parseSourceURL(rawURL)
	if err != nil {
		return nil, err
	}
	conn, err := mysql.NewConnector(cfg)
	if err != nil {
		return nil, fmt.Errorf("--from %s: %v", display, err)
	}
	db := sql.OpenDB(conn)
	db.SetMaxOpenConns(1)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot reach the WordPress database %s: %v", display, err)
	}
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("WordPress database %s: start a read-only transaction: %v", display, err)
	}
	s := &Source{db: db, tx: tx, prefix: prefix, Display: display}
	for _, t := range []string{"users", "usermeta", "posts", "postmeta", "options", "terms", "term_taxonomy", "term_relationships"} {
		if err := s.checkTable(ctx, t); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// Close ends the read transaction and the connection.
func (s *Source) Close() error {
	if s.tx != nil {
		_ = s.tx.Rollback()
	}
	return s.db.Close()
}

// parseSourceURL turns mysql://USER:PASS@HOST:PORT/DB into a driver
// configuration: UTC, utf8mb4, and dates returned as text so that
// WordPress's zero dates and the site-local wall clock are read as written.
func parseSourceURL(raw string) (*mysql.Config, string, error) {
	if !strings.HasPrefix(raw, "mysql://") {
		return nil, "", fmt.Errorf("--from %q: want mysql://USER:PASS@HOST:PORT/DBNAME", redact(raw))
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, "", fmt.Errorf("--from: %v", redactErr(err))
	}
	display := redactURL(u)
	name := strings.TrimPrefix(u.Path, "/")
	if name == "" || u.Host == "" || strings.Contains(name, "/") {
		return nil, "", fmt.Errorf("--from %s: needs a host and a database name", display)
	}
	cfg := mysql.NewConfig()
	cfg.Net = "tcp"
	cfg.Addr = u.Host
	if u.Port() == "" {
		cfg.Addr += ":3306"
	}
	cfg.DBName = name
	if u.User != nil {
		cfg.User = u.User.Username()
		cfg.Passwd, _ = u.User.Password()
	}
	cfg.Loc = time.UTC
	cfg.ParseTime = false
	cfg.Timeout = 10 * time.Second
	cfg.Params = map[string]string{"charset": "utf8mb4"}
	// tls is the one connection parameter worth passing on (true,
	// skip-verify or preferred); anything else is refused rather than
	// silently ignored.
	for k, v := range u.Query() {
		if k != "tls" || len(v) != 1 {
			return nil, "", fmt.Errorf("--from %s: unsupported parameter %q (only tls=true|skip-verify|preferred)", display, k)
		}
		switch v[0] {
		case "true", "skip-verify", "preferred", "false":
			cfg.TLSConfig = v[0]
		default:
			return nil, "", fmt.Errorf("--from %s: tls=%s: want true, skip-verify, preferred or false", display, v[0])
		}
	}
	return cfg, display, nil
}

func redactURL(u *url.URL) string {
	c := *u
	if c.User != nil {
		if _, ok := c.User.Password(); ok {
			c.User = url.UserPassword(c.User.Username(), "xxxxx")
		}
	}
	return c.String()
}

// redact hides anything between "://" and "@" in a string that did not
// parse as a URL.
func redact(raw string) string {
	if i := strings.Index(raw, "://"); i >= 0 {
		if j := strings.LastIndex(raw, "@"); j > i {
			return raw[:i+3] + "xxxxx" + raw[j:]
		}
	}
	return raw
}

// redactErr keeps url.Parse's reason but not the URL it quotes, which may
// hold the password.
func redactErr(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// table returns the quoted name of a WordPress table.
func (s *Source) table(name string) string { return "`" + s.prefix + name + "`" }

func (s *Source) checkTable(ctx context.Context, name string) error {
	var one int
	err := s.tx.QueryRowContext(ctx, "SELECT 1 FROM "+s.table(name)+" LIMIT 1").Scan(&one)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("WordPress database %s: no readable table %s%s (is --prefix right?): %v", s.Display, s.prefix, name, err)
	}
	return nil
}

// Options reads the named options; absent ones are left out.
func (s *Source) Options(ctx context.Context, names []string) (map[string]string, error) {
	if len(names) == 0 {
		return map[string]string{}, nil
	}
	q := "SELECT option_name, option_value FROM " + s.table("options") + " WHERE option_name IN (" + placeholders(len(names)) + ")"
	rows, err := s.tx.QueryContext(ctx, q, anySlice(names)...)
	if err != nil {
		return nil, fmt.Errorf("read %soptions: %v", s.prefix, err)
	}
	defer rows.Close()
	out := make(map[string]string, len(names))
	for rows.Next() {
		var name string
		var value sql.NullString
		if err := rows.Scan(&name, &value); err != nil {
			return nil, fmt.Errorf("read %soptions: %v", s.prefix, err)
		}
		out[name] = value.String
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %soptions: %v", s.prefix, err)
	}
	return out, nil
}

// SourceUser is one row of wp_users with the user meta the import reads.
type SourceUser struct {
	ID          uint64
	Login       string
	Pass        string
	Nicename    string
	Email       string
	URL         string
	Registered  string
	DisplayName string
	// Meta holds the wanted meta keys; when a key occurs twice the first
	// row wins, as get_user_meta(…, true) returns it.
	Meta map[string]string
}

// Users reads up to limit users with an id above after, in id order, with
// the given meta keys.
func (s *Source) Users(ctx context.Context, after uint64, limit int, metaKeys []string) ([]SourceUser, error) {
	rows, err := s.tx.QueryContext(ctx, "SELECT ID, user_login, user_pass, user_nicename, user_email, user_url, "+
		"CAST(user_registered AS CHAR), display_name FROM "+s.table("users")+" WHERE ID > ? ORDER BY ID LIMIT ?", after, limit)
	if err != nil {
		return nil, fmt.Errorf("read %susers: %v", s.prefix, err)
	}
	var users []SourceUser
	for rows.Next() {
		var u SourceUser
		if err := rows.Scan(&u.ID, &u.Login, &u.Pass, &u.Nicename, &u.Email, &u.URL, &u.Registered, &u.DisplayName); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read %susers: %v", s.prefix, err)
		}
		u.Meta = map[string]string{}
		users = append(users, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %susers: %v", s.prefix, err)
	}
	if len(users) == 0 || len(metaKeys) == 0 {
		return users, nil
	}
	byID := make(map[uint64]*SourceUser, len(users))
	ids := make([]any, 0, len(users)+len(metaKeys))
	for i := range users {
		byID[users[i].ID] = &users[i]
		ids = append(ids, users[i].ID)
	}
	q := "SELECT user_id, meta_key, meta_value FROM " + s.table("usermeta") + " WHERE user_id IN (" + placeholders(len(users)) +
		") AND meta_key IN (" + placeholders(len(metaKeys)) + ") ORDER BY umeta_id"
	mrows, err := s.tx.QueryContext(ctx, q, append(ids, anySlice(metaKeys)...)...)
	if err != nil {
		return nil, fmt.Errorf("read %susermeta: %v", s.prefix, err)
	}
	defer mrows.Close()
	for mrows.Next() {
		var id uint64
		var key string
		var value sql.NullString
		if err := mrows.Scan(&id, &key, &value); err != nil {
			return nil, fmt.Errorf("read %susermeta: %v", s.prefix, err)
		}
		if u := byID[id]; u != nil {
			if _, seen := u.Meta[key]; !seen {
				u.Meta[key] = value.String
			}
		}
	}
	if err := mrows.Err(); err != nil {
		return nil, fmt.Errorf("read %susermeta: %v", s.prefix, err)
	}
	return users, nil
}

// SourcePost is one row of wp_posts with the extras the import reads.
type SourcePost struct {
	ID                                   uint64
	Author                               uint64
	Date, DateGMT, Modified, ModifiedGMT string
	Content, Title, Excerpt              string
	Status, CommentStatus, PingStatus    string
	Password, Name                       string
	Parent                               uint64
	GUID                                 string
	MenuOrder                            int
	Type, MimeType                       string
	CommentCount                         int64
	// Template is the _wp_page_template meta; Format the post_format term
	// slug ("post-format-aside"), both empty when absent.
	Template, Format string
	// Terms are the post's category and tag term ids by taxonomy.
	Terms map[string][]uint64
}

// Posts reads up to limit posts of the given types with an id above after,
// in id order.
func (s *Source) Posts(ctx context.Context, after uint64, limit int, types []string) ([]SourcePost, error) {
	q := "SELECT ID, post_author, CAST(post_date AS CHAR), CAST(post_date_gmt AS CHAR), CAST(post_modified AS CHAR), " +
		"CAST(post_modified_gmt AS CHAR), post_content, post_title, post_excerpt, post_status, comment_status, ping_status, " +
		"post_password, post_name, post_parent, guid, menu_order, post_type, post_mime_type, comment_count FROM " +
		s.table("posts") + " WHERE ID > ? AND post_type IN (" + placeholders(len(types)) + ") ORDER BY ID LIMIT ?"
	args := append([]any{after}, anySlice(types)...)
	rows, err := s.tx.QueryContext(ctx, q, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("read %sposts: %v", s.prefix, err)
	}
	var posts []SourcePost
	for rows.Next() {
		var p SourcePost
		if err := rows.Scan(&p.ID, &p.Author, &p.Date, &p.DateGMT, &p.Modified, &p.ModifiedGMT, &p.Content, &p.Title,
			&p.Excerpt, &p.Status, &p.CommentStatus, &p.PingStatus, &p.Password, &p.Name, &p.Parent, &p.GUID,
			&p.MenuOrder, &p.Type, &p.MimeType, &p.CommentCount); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read %sposts: %v", s.prefix, err)
		}
		posts = append(posts, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %sposts: %v", s.prefix, err)
	}
	if len(posts) == 0 {
		return posts, nil
	}
	byID := make(map[uint64]*SourcePost, len(posts))
	ids := make([]any, 0, len(posts))
	for i := range posts {
		byID[posts[i].ID] = &posts[i]
		ids = append(ids, posts[i].ID)
	}
	if err := s.postTemplates(ctx, ids, byID); err != nil {
		return nil, err
	}
	if err := s.postFormats(ctx, ids, byID); err != nil {
		return nil, err
	}
	if err := s.postTerms(ctx, ids, byID); err != nil {
		return nil, err
	}
	return posts, nil
}

// postTerms reads the categories and tags the posts are filed under.
func (s *Source) postTerms(ctx context.Context, ids []any, byID map[uint64]*SourcePost) error {
	q := "SELECT tr.object_id, tt.taxonomy, tt.term_id FROM " + s.table("term_relationships") + " tr JOIN " +
		s.table("term_taxonomy") + " tt ON tt.term_taxonomy_id = tr.term_taxonomy_id " +
		"WHERE tt.taxonomy IN ('category', 'post_tag') AND tr.object_id IN (" + placeholders(len(ids)) + ") " +
		"ORDER BY tr.object_id, tt.term_id"
	rows, err := s.tx.QueryContext(ctx, q, ids...)
	if err != nil {
		return fmt.Errorf("read %sterm_relationships: %v", s.prefix, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, termID uint64
		var taxonomy string
		if err := rows.Scan(&id, &taxonomy, &termID); err != nil {
			return fmt.Errorf("read %sterm_relationships: %v", s.prefix, err)
		}
		if p := byID[id]; p != nil {
			if p.Terms == nil {
				p.Terms = map[string][]uint64{}
			}
			p.Terms[taxonomy] = append(p.Terms[taxonomy], termID)
		}
	}
	return rows.Err()
}

// SourceTerm is a term of wp_terms with its wp_term_taxonomy row. Parent is
// the parent's term id.
type SourceTerm struct {
	ID                      uint64
	Taxonomy                string
	Name, Slug, Description string
	Parent                  uint64
}

// Terms reads every term of the given taxonomies, in term id order. Terms are
// few next to posts, so they are read in one go.
func (s *Source) Terms(ctx context.Context, taxonomies []string) ([]SourceTerm, error) {
	q := "SELECT t.term_id, tt.taxonomy, t.name, t.slug, tt.description, tt.parent FROM " + s.table("terms") + " t JOIN " +
		s.table("term_taxonomy") + " tt ON tt.term_id = t.term_id WHERE tt.taxonomy IN (" + placeholders(len(taxonomies)) + ") " +
		"ORDER BY t.term_id, tt.term_taxonomy_id"
	rows, err := s.tx.QueryContext(ctx, q, anySlice(taxonomies)...)
	if err != nil {
		return nil, fmt.Errorf("read %sterms: %v", s.prefix, err)
	}
	defer rows.Close()
	var out []SourceTerm
	for rows.Next() {
		var t SourceTerm
		if err := rows.Scan(&t.ID, &t.Taxonomy, &t.Name, &t.Slug, &t.Description, &t.Parent); err != nil {
			return nil, fmt.Errorf("read %sterms: %v", s.prefix, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// TaxonomyCounts counts the terms of every taxonomy, for reporting what is
// not imported.
func (s *Source) TaxonomyCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.tx.QueryContext(ctx, "SELECT taxonomy, COUNT(*) FROM "+s.table("term_taxonomy")+" GROUP BY taxonomy")
	if err != nil {
		return nil, fmt.Errorf("read %sterm_taxonomy: %v", s.prefix, err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var t string
		var n int
		if err := rows.Scan(&t, &n); err != nil {
			return nil, fmt.Errorf("read %sterm_taxonomy: %v", s.prefix, err)
		}
		out[t] = n
	}
	return out, rows.Err()
}

func (s *Source) postTemplates(ctx context.Context, ids []any, byID map[uint64]*SourcePost) error {
	q := "SELECT post_id, meta_value FROM " + s.table("postmeta") + " WHERE meta_key = '_wp_page_template' AND post_id IN (" +
		placeholders(len(ids)) + ") ORDER BY meta_id"
	rows, err := s.tx.QueryContext(ctx, q, ids...)
	if err != nil {
		return fmt.Errorf("read %spostmeta: %v", s.prefix, err)
	}
	defer rows.Close()
	seen := map[uint64]bool{}
	for rows.Next() {
		var id uint64
		var v sql.NullString
		if err := rows.Scan(&id, &v); err != nil {
			return fmt.Errorf("read %spostmeta: %v", s.prefix, err)
		}
		if p := byID[id]; p != nil && !seen[id] {
			seen[id] = true
			p.Template = v.String
		}
	}
	return rows.Err()
}

func (s *Source) postFormats(ctx context.Context, ids []any, byID map[uint64]*SourcePost) error {
	q := "SELECT tr.object_id, t.slug FROM " + s.table("term_relationships") + " tr JOIN " + s.table("term_taxonomy") +
		" tt ON tt.term_taxonomy_id = tr.term_taxonomy_id JOIN " + s.table("terms") + " t ON t.term_id = tt.term_id " +
		"WHERE tt.taxonomy = 'post_format' AND tr.object_id IN (" + placeholders(len(ids)) + ") ORDER BY tr.object_id, t.term_id"
	rows, err := s.tx.QueryContext(ctx, q, ids...)
	if err != nil {
		return fmt.Errorf("read %sterm_relationships: %v", s.prefix, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id uint64
		var slug string
		if err := rows.Scan(&id, &slug); err != nil {
			return fmt.Errorf("read %sterm_relationships: %v", s.prefix, err)
		}
		if p := byID[id]; p != nil && p.Format == "" {
			p.Format = slug
		}
	}
	return rows.Err()
}

// PostTypeCounts counts the posts of every type, for reporting what is not
// imported.
func (s *Source) PostTypeCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.tx.QueryContext(ctx, "SELECT post_type, COUNT(*) FROM "+s.table("posts")+" GROUP BY post_type")
	if err != nil {
		return nil, fmt.Errorf("read %sposts: %v", s.prefix, err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var t string
		var n int
		if err := rows.Scan(&t, &n); err != nil {
			return nil, fmt.Errorf("read %sposts: %v", s.prefix, err)
		}
		out[t] = n
	}
	return out, rows.Err()
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
