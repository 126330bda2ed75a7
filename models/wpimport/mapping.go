package wpimport

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/presspass/presspass/models"
)

// Turning WordPress rows into PressPass records. Each function either
// returns a complete record or a reason the row cannot be imported; it never
// returns half a record.

// wpDateLayout is how MySQL prints a DATETIME.
const wpDateLayout = "2006-01-02 15:04:05"

// parseWPDate reads a WordPress DATETIME; the zero date ("0000-00-00
// 00:00:00", a draft's floating date) becomes the zero time.
func parseWPDate(s string) (time.Time, error) {
	if s == "" || strings.HasPrefix(s, "0000-00-00") {
		return time.Time{}, nil
	}
	t, err := time.Parse(wpDateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q is not a valid date", s)
	}
	return t, nil
}

// userMetaKeys are the user meta the import reads; capabilities are
// {prefix}capabilities.
func userMetaKeys(prefix string) []string {
	return []string{prefix + "capabilities", "first_name", "last_name", "nickname", "description", "locale", "_application_passwords"}
}

// mappedUser is a user ready to be written, with what the mapping noticed.
type mappedUser struct {
	User  models.User
	Notes []string
}

// maxTextBytes is the size of a TEXT column on MySQL, where PressPass keeps
// descriptions, titles, excerpts and option values; WordPress keeps some of
// them in LONGTEXT.
const maxTextBytes = 65535

// userFieldLimits are the column sizes (in characters) of PressPass's users
// table, checked up front so that an over-long value is reported as such
// rather than as a database error.
var userFieldLimits = []struct {
	name string
	max  int
	get  func(*models.User) string
}{
	{"user_login", 60, func(u *models.User) string { return u.Login }},
	{"user_email", 100, func(u *models.User) string { return u.Email }},
	{"user_nicename", 50, func(u *models.User) string { return u.Nicename }},
	{"display_name", 250, func(u *models.User) string { return u.DisplayName }},
	{"user_url", 100, func(u *models.User) string { return u.URL }},
	{"first_name", 250, func(u *models.User) string { return u.FirstName }},
	{"last_name", 250, func(u *models.User) string { return u.LastName }},
	{"nickname", 250, func(u *models.User) string { return u.Nickname }},
	{"locale", 20, func(u *models.User) string { return u.Locale }},
}

// mapUser turns a wp_users row and its meta into a PressPass user. The
// password hash is carried over as it is.
func mapUser(su SourceUser, prefix string) (*mappedUser, error) {
	if su.ID == 0 {
		return nil, errors.New("user id 0")
	}
	if models.SanitizeUser(su.Login) == "" {
		return nil, fmt.Errorf("login %q is empty or has no valid character", su.Login)
	}
	if !supportedPasswordHash(su.Pass) {
		return nil, fmt.Errorf("password hash in a format PressPass cannot verify (%s)", describeHash(su.Pass))
	}
	reg, err := parseWPDate(su.Registered)
	if err != nil {
		return nil, fmt.Errorf("user_registered: %v", err)
	}
	m := &mappedUser{User: models.User{
		ID:           su.ID,
		Login:        su.Login,
		Email:        su.Email,
		Nicename:     su.Nicename,
		DisplayName:  su.DisplayName,
		FirstName:    su.Meta["first_name"],
		LastName:     su.Meta["last_name"],
		Nickname:     su.Meta["nickname"],
		Description:  su.Meta["description"],
		URL:          su.URL,
		Locale:       su.Meta["locale"],
		Registered:   reg,
		PasswordHash: su.Pass,
	}}
	u := &m.User
	if u.Nicename == "" {
		u.Nicename = models.SanitizeTitle(u.Login)
	}
	if u.DisplayName == "" {
		u.DisplayName = u.Login
	}
	if u.Nickname == "" {
		u.Nickname = u.Login
	}
	for _, f := range userFieldLimits {
		v := f.get(u)
		if !utf8.ValidString(v) {
			return nil, fmt.Errorf("%s is not valid UTF-8", f.name)
		}
		if n := utf8.RuneCountInString(v); n > f.max {
			return nil, fmt.Errorf("%s has %d characters, more than the %d PressPass keeps", f.name, n, f.max)
		}
	}
	if !utf8.ValidString(u.Description) {
		return nil, errors.New("description is not valid UTF-8")
	}
	if len(u.Description) > maxTextBytes {
		return nil, fmt.Errorf("description has %d bytes, more than the %d PressPass keeps", len(u.Description), maxTextBytes)
	}
	role, notes, err := roleFromCapabilities(su.Meta, prefix+"capabilities")
	if err != nil {
		return nil, err
	}
	u.Role = role
	m.Notes = notes
	return m, nil
}

// roleFromCapabilities reads {prefix}capabilities, a serialized array of
// role (or capability) name → true. PressPass keeps one role per user, so
// the first role PressPass knows is taken, as WordPress's $user->roles[0]
// is the primary role. A user whose capabilities name only roles PressPass
// does not know is refused, because importing them with fewer or more
// rights than they had would be wrong either way.
func roleFromCapabilities(meta map[string]string, key string) (string, []string, error) {
	raw, ok := meta[key]
	if !ok || strings.TrimSpace(raw) == "" {
		// No capabilities on this site: WordPress's "no role" user.
		return "", nil, nil
	}
	v, err := Unserialize(raw)
	if err != nil {
		return "", nil, fmt.Errorf("%s cannot be read: %v", key, err)
	}
	caps, ok := v.(*Array)
	if !ok {
		return "", nil, fmt.Errorf("%s is not an array", key)
	}
	var role string
	var extra []string
	for _, e := range caps.Entries {
		name := keyString(e.Key)
		if !phpTruthy(e.Value) {
			continue
		}
		if role == "" && models.IsRole(name) {
			role = name
			continue
		}
		extra = append(extra, name)
	}
	if role == "" && len(extra) > 0 {
		return "", nil, fmt.Errorf("role %s is not one PressPass knows (administrator, editor, author, contributor, subscriber)", strings.Join(quoteAll(extra), ", "))
	}
	var notes []string
	if len(extra) > 0 {
		notes = append(notes, fmt.Sprintf("kept role %s; dropped the extra roles or capabilities %s", role, strings.Join(quoteAll(extra), ", ")))
	}
	return role, notes, nil
}

// phpTruthy is PHP's boolean conversion for the scalar values WordPress
// stores in capability arrays.
func phpTruthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case int64:
		return x != 0
	case float64:
		return x != 0
	case string:
		return x != "" && x != "0"
	case *Array:
		return x.Len() > 0
	}
	return false
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

// supportedPasswordHash reports whether models.VerifyPassword understands a
// main-password hash: WordPress 6.8+'s $wp$2y$, plain bcrypt, phpass, and the
// unsalted MD5 of very old sites.
func supportedPasswordHash(h string) bool {
	switch {
	case strings.HasPrefix(h, "$wp$2y$"), strings.HasPrefix(h, "$wp$2a$"), strings.HasPrefix(h, "$wp$2b$"):
		return len(h) == 63
	case strings.HasPrefix(h, "$2y$"), strings.HasPrefix(h, "$2a$"), strings.HasPrefix(h, "$2b$"):
		return len(h) == 60
	case strings.HasPrefix(h, "$P$"), strings.HasPrefix(h, "$H$"):
		return len(h) == 34
	case len(h) == 32:
		_, err := strconv.ParseUint(h[:16], 16, 64)
		_, err2 := strconv.ParseUint(h[16:], 16, 64)
		return err == nil && err2 == nil
	}
	return false
}

// describeHash names a hash's format without showing the hash.
func describeHash(h string) string {
	if h == "" {
		return "empty"
	}
	if strings.HasPrefix(h, "$") {
		if i := strings.IndexByte(h[1:], '$'); i >= 0 && i < 16 {
			return fmt.Sprintf("%q prefix, %d characters", h[:i+2], len(h))
		}
	}
	return fmt.Sprintf("%d characters", len(h))
}

// mapAppPasswords reads _application_passwords, a serialized list of
// arrays with uuid, app_id, name, password (the hash), created, last_used
// and last_ip. A malformed entry is left out with its reason; WordPress
// itself could not use it either.
func mapAppPasswords(raw string, userID uint64) ([]models.AppPassword, []Skip) {
	if strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	ref := fmt.Sprintf("of user %d", userID)
	v, err := Unserialize(raw)
	if err != nil {
		return nil, []Skip{{KindAppPasswords, ref, "_application_passwords cannot be read: " + err.Error()}}
	}
	list, ok := v.(*Array)
	if !ok {
		return nil, []Skip{{KindAppPasswords, ref, "_application_passwords is not an array"}}
	}
	var out []models.AppPassword
	var skips []Skip
	seen := map[string]bool{}
	for i, e := range list.Entries {
		item, ok := e.Value.(*Array)
		entryRef := fmt.Sprintf("#%d of user %d", i, userID)
		if !ok {
			skips = append(skips, Skip{KindAppPasswords, entryRef, "entry is not an array"})
			continue
		}
		ap, err := mapAppPassword(item, userID)
		if err != nil {
			if uuid, ok := item.Get("uuid"); ok {
				if s, ok := uuid.(string); ok && models.IsUUID(s) {
					entryRef = s + " of user " + strconv.FormatUint(userID, 10)
				}
			}
			skips = append(skips, Skip{KindAppPasswords, entryRef, err.Error()})
			continue
		}
		if seen[ap.UUID] {
			skips = append(skips, Skip{KindAppPasswords, ap.UUID + " of user " + strconv.FormatUint(userID, 10), "uuid listed twice"})
			continue
		}
		seen[ap.UUID] = true
		out = append(out, *ap)
	}
	return out, skips
}

func mapAppPassword(item *Array, userID uint64) (*models.AppPassword, error) {
	uuid, err := stringField(item, "uuid", false)
	if err != nil {
		return nil, err
	}
	if !models.IsUUID(uuid) {
		return nil, errors.New("uuid is not a UUID")
	}
	appID, err := stringField(item, "app_id", true)
	if err != nil {
		return nil, err
	}
	if appID != "" && !models.IsUUID(appID) {
		return nil, errors.New("app_id is not a UUID")
	}
	name, err := stringField(item, "name", false)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(name) == "" || !utf8.ValidString(name) || utf8.RuneCountInString(name) > 255 {
		return nil, errors.New("name is empty, too long or not valid UTF-8")
	}
	hash, err := stringField(item, "password", false)
	if err != nil {
		return nil, err
	}
	if !(strings.HasPrefix(hash, "$generic$") && len(hash) == 49) && !(strings.HasPrefix(hash, "$P$") && len(hash) == 34) {
		return nil, fmt.Errorf("password hash in a format PressPass cannot verify (%s)", describeHash(hash))
	}
	created, ok, err := timeField(item, "created")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errors.New("created is missing")
	}
	lastUsed, hasLastUsed, err := timeField(item, "last_used")
	if err != nil {
		return nil, err
	}
	lastIP, err := stringField(item, "last_ip", true)
	if err != nil {
		return nil, err
	}
	if len(lastIP) > 45 {
		return nil, errors.New("last_ip is longer than an IP address")
	}
	ap := &models.AppPassword{
		UUID: strings.ToLower(uuid), UserID: userID, AppID: strings.ToLower(appID), Name: name, Hash: hash,
		Created: created, LastIP: lastIP,
	}
	if hasLastUsed {
		ap.LastUsed = &lastUsed
	}
	return ap, nil
}

// stringField reads a string member; optional members may be missing, null
// or "".
func stringField(a *Array, key string, optional bool) (string, error) {
	v, ok := a.Get(key)
	if !ok || v == nil {
		if optional {
			return "", nil
		}
		return "", fmt.Errorf("%s is missing", key)
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("%s is not a string", key)
	}
	return s, nil
}

// timeField reads a Unix timestamp member (an integer, or digits in a
// string); missing or null gives ok=false.
func timeField(a *Array, key string) (time.Time, bool, error) {
	v, ok := a.Get(key)
	if !ok || v == nil {
		return time.Time{}, false, nil
	}
	var n int64
	switch x := v.(type) {
	case int64:
		n = x
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return time.Time{}, false, fmt.Errorf("%s is not a timestamp", key)
		}
		n = int64(x)
	case string:
		var err error
		if n, err = strconv.ParseInt(x, 10, 64); err != nil {
			return time.Time{}, false, fmt.Errorf("%s is not a timestamp", key)
		}
	default:
		return time.Time{}, false, fmt.Errorf("%s is not a timestamp", key)
	}
	// Years 1970 to 9999: what both SQL dialects store.
	if n < 0 || n > 253402300799 {
		return time.Time{}, false, fmt.Errorf("%s is out of range", key)
	}
	return time.Unix(n, 0).UTC(), true, nil
}

// importedPostTypes are the post types PressPass serves.
var importedPostTypes = []string{"post", "page"}

// mapPost turns a wp_posts row into a PressPass post.
func mapPost(sp SourcePost, sticky map[uint64]bool) (*models.Post, error) {
	if !models.IsPostStatus(sp.Status) {
		return nil, fmt.Errorf("post status %q is not one PressPass knows", sp.Status)
	}
	p := &models.Post{
		ID: sp.ID, AuthorID: sp.Author, Type: sp.Type, Status: sp.Status, Title: sp.Title, Content: sp.Content,
		Excerpt: sp.Excerpt, Slug: sp.Name, Password: sp.Password, CommentStatus: sp.CommentStatus,
		PingStatus: sp.PingStatus, ParentID: sp.Parent, MenuOrder: sp.MenuOrder, GUID: sp.GUID,
		MimeType: sp.MimeType, CommentCount: sp.CommentCount,
		Sticky: sp.Type == "post" && sticky[sp.ID],
		Format: strings.TrimPrefix(sp.Format, "post-format-"),
	}
	if p.Format == "standard" {
		p.Format = ""
	}
	if sp.Template != "default" {
		p.Template = sp.Template
	}
	for _, f := range []struct {
		name string
		dst  *time.Time
		src  string
	}{{"post_date", &p.Date, sp.Date}, {"post_date_gmt", &p.DateGMT, sp.DateGMT}, {"post_modified", &p.Modified, sp.Modified}, {"post_modified_gmt", &p.ModifiedGMT, sp.ModifiedGMT}} {
		t, err := parseWPDate(f.src)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f.name, err)
		}
		*f.dst = t
	}
	for _, f := range []struct {
		name string
		v    string
		max  int
	}{{"post_name", p.Slug, 200}, {"post_password", p.Password, 255}, {"guid", p.GUID, 255}, {"post_mime_type", p.MimeType, 100},
		{"comment_status", p.CommentStatus, 20}, {"ping_status", p.PingStatus, 20}, {"_wp_page_template", p.Template, 255}, {"post_format", p.Format, 20}} {
		if !utf8.ValidString(f.v) {
			return nil, fmt.Errorf("%s is not valid UTF-8", f.name)
		}
		if n := utf8.RuneCountInString(f.v); n > f.max {
			return nil, fmt.Errorf("%s has %d characters, more than the %d PressPass keeps", f.name, n, f.max)
		}
	}
	for _, f := range []struct {
		name, v string
		max     int
	}{{"post_title", p.Title, maxTextBytes}, {"post_content", p.Content, 1 << 32}, {"post_excerpt", p.Excerpt, maxTextBytes}} {
		if !utf8.ValidString(f.v) {
			return nil, fmt.Errorf("%s is not valid UTF-8", f.name)
		}
		if len(f.v) > f.max {
			return nil, fmt.Errorf("%s has %d bytes, more than the %d PressPass keeps", f.name, len(f.v), f.max)
		}
	}
	return p, nil
}

// stickyPosts reads the sticky_posts option, a serialized list of post ids.
func stickyPosts(raw string) (map[uint64]bool, error) {
	out := map[uint64]bool{}
	if strings.TrimSpace(raw) == "" {
		return out, nil
	}
	v, err := Unserialize(raw)
	if err != nil {
		return out, err
	}
	list, ok := v.(*Array)
	if !ok {
		return out, errors.New("not an array")
	}
	for _, e := range list.Entries {
		switch id := e.Value.(type) {
		case int64:
			if id > 0 {
				out[uint64(id)] = true
			}
		case string:
			if n, err := strconv.ParseUint(id, 10, 64); err == nil && n > 0 {
				out[n] = true
			}
		}
	}
	return out, nil
}

// optionKind says how an imported option's value is checked.
type optionKind int

const (
	optText optionKind = iota
	optInt
	optNumber
	optBool
	optRole
)

// importedOptions are the site settings the import carries over (the
// settings PressPass has), with how each is checked.
var importedOptions = []struct {
	name string
	kind optionKind
}{
	{"blogname", optText}, {"blogdescription", optText}, {"siteurl", optText}, {"home", optText},
	{"admin_email", optText}, {"timezone_string", optText}, {"gmt_offset", optNumber},
	{"date_format", optText}, {"time_format", optText}, {"start_of_week", optInt}, {"posts_per_page", optInt},
	{"default_category", optInt}, {"default_comment_status", optText}, {"default_ping_status", optText},
	{"default_role", optRole}, {"users_can_register", optBool}, {"blog_public", optBool}, {"WPLANG", optText},
	{"permalink_structure", optText}, {"show_on_front", optText}, {"page_on_front", optInt},
	{"page_for_posts", optInt}, {"wp_page_for_privacy_policy", optInt}, {"site_icon", optInt},
	{"site_logo", optInt}, {"use_smilies", optBool}, {"default_post_format", optText},
}

// checkOption validates an option value and returns it in the form PressPass
// stores.
func checkOption(name string, kind optionKind, value string) (string, error) {
	if !utf8.ValidString(value) {
		return "", errors.New("not valid UTF-8")
	}
	if IsSerialized(value) {
		return "", errors.New("a serialized value where text was expected")
	}
	if len(value) > maxTextBytes {
		return "", fmt.Errorf("%d bytes, more than the %d PressPass keeps", len(value), maxTextBytes)
	}
	switch kind {
	case optInt:
		v := strings.TrimSpace(value)
		if v == "" {
			return "0", nil
		}
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			return "", fmt.Errorf("%q is not an integer", value)
		}
		return v, nil
	case optNumber:
		v := strings.TrimSpace(value)
		if v == "" {
			return "0", nil
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || !isPHPFloat(v) && !allDigits(strings.TrimLeft(v, "+-")) {
			return "", fmt.Errorf("%q is not a number", value)
		}
		return v, nil
	case optBool:
		switch strings.TrimSpace(value) {
		case "", "0":
			return "0", nil
		case "1":
			return "1", nil
		}
		return "", fmt.Errorf("%q is not 0 or 1", value)
	case optRole:
		if !models.IsRole(value) {
			return "", fmt.Errorf("role %q is not one PressPass knows", value)
		}
	}
	return value, nil
}
