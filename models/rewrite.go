package models

import (
	"context"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// The public site's URLs are read back into WordPress's query variables as
// WP::parse_request does: the request path is matched against the rewrite
// rules WP_Rewrite generates from the permalink_structure option (in its
// order, with its regular expressions), and the query string's public
// variables win over what the path gave. With plain permalinks (an empty
// structure) there are no rules and only the query string counts.

// QueryVars are WordPress's public query variables of one request ("p",
// "name", "pagename", "feed", "paged", "s", "sitemap" …), as strings.
type QueryVars map[string]string

// Int reads a numeric query variable as WordPress's absint does.
func (q QueryVars) Int(name string) int {
	n, err := strconv.Atoi(strings.TrimSpace(q[name]))
	if err != nil || n < 0 {
		if n < 0 {
			return -n
		}
		return 0
	}
	return n
}

// Set reports whether a variable is present and not empty (PHP's ! empty()).
func (q QueryVars) Set(name string) bool {
	v := q[name]
	return v != "" && v != "0"
}

// publicQueryVars are WP::$public_query_vars, plus the sitemap variables the
// sitemaps register.
var publicQueryVars = []string{
	"m", "p", "posts", "w", "cat", "withcomments", "withoutcomments", "s", "search", "exact", "sentence",
	"calendar", "page", "paged", "more", "tb", "pb", "author", "order", "orderby", "year", "monthnum", "day",
	"hour", "minute", "second", "name", "category_name", "tag", "feed", "author_name", "pagename", "page_id",
	"error", "attachment", "attachment_id", "subpost", "subpost_id", "preview", "robots", "favicon",
	"taxonomy", "term", "cpage", "post_type", "embed",
	"sitemap", "sitemap-subtype", "sitemap-stylesheet", "paged",
}

// rewriteRule is one entry of WP_Rewrite's rules: a regular expression over
// the request path (without slashes at either end) and the query it stands
// for, with $matches[N] references.
type rewriteRule struct {
	match *regexp.Regexp
	query string
}

// rewriteRules caches the compiled rules per permalink structure and
// taxonomy bases.
var rewriteRules sync.Map // rewriteKey → []rewriteRule

// rewriteKey is what the rules depend on: the permalink structure and the
// category and tag bases' options.
type rewriteKey struct{ structure, categoryBase, tagBase string }

// ParseRequest reads a request's path and query string into query variables
// as WP::parse_request does; "error"="404" marks a path no rule matches.
func (s *Store) ParseRequest(ctx context.Context, path string, query url.Values) QueryVars {
	structure := s.Option(ctx, "permalink_structure")
	perma := QueryVars{}
	requested := strings.Trim(path, "/")
	if requested == "index.php" {
		requested = ""
	}
	if structure == "" && requested != "" {
		// Plain permalinks have no rules: only robots.txt and the front
		// controller itself are pages; any other path is not found.
		perma["error"] = "404"
		if requested == "robots.txt" {
			perma = QueryVars{"robots": "1"}
		}
	}
	if structure != "" && requested != "" {
		perma["error"] = "404"
		key := rewriteKey{structure, s.Option(ctx, "category_base"), s.Option(ctx, "tag_base")}
		for _, r := range rulesFor(key) {
			m := r.match.FindStringSubmatch(requested)
			if m == nil {
				if dec, err := url.PathUnescape(requested); err == nil && dec != requested {
					m = r.match.FindStringSubmatch(dec)
				}
			}
			if m == nil {
				continue
			}
			if idx, ok := pagenameIndex(r.query); ok && isVerbose(structure) {
				// A verbose page rule matches nearly anything: it counts
				// only when such a page exists.
				if idx >= len(m) || !s.pageExistsByPath(ctx, m[idx]) {
					continue
				}
			}
			delete(perma, "error")
			for k, v := range applyMatches(r.query, m) {
				perma[k] = v
			}
			break
		}
	}
	out := QueryVars{}
	for _, name := range publicQueryVars {
		if vs, ok := query[name]; ok && len(vs) > 0 {
			out[name] = vs[0]
		} else if v, ok := perma[name]; ok {
			out[name] = v
		}
	}
	if v, ok := perma["error"]; ok && out["error"] == "" {
		out["error"] = v
	}
	for _, k := range []string{"tag", "category_name"} {
		if v, ok := out[k]; ok {
			out[k] = strings.ReplaceAll(v, " ", "+")
		}
	}
	return out
}

var pagenameRef = regexp.MustCompile(`pagename=\$matches\[([0-9]+)\]`)

func pagenameIndex(query string) (int, bool) {
	m := pagenameRef.FindStringSubmatch(query)
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(m[1])
	return n, true
}

// isVerbose is WP_Rewrite's use_verbose_page_rules: a structure that starts
// with a name-like tag cannot tell pages from posts by shape alone.
var verboseStructure = regexp.MustCompile(`^[^%]*%(?:postname|category|tag|author)%`)

func isVerbose(structure string) bool { return verboseStructure.MatchString(structure) }

// applyMatches fills a rule's query with the matched groups.
func applyMatches(query string, m []string) map[string]string {
	out := map[string]string{}
	for _, pair := range strings.Split(query, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		if strings.HasPrefix(v, "$matches[") && strings.HasSuffix(v, "]") {
			n, err := strconv.Atoi(v[len("$matches[") : len(v)-1])
			if err != nil || n >= len(m) {
				v = ""
			} else {
				v = m[n]
			}
		}
		out[k] = v
	}
	return out
}

// pageExistsByPath is get_page_by_path for the verbose page rules: a page
// (or attachment) whose slug chain is path, in any status but trash and
// auto-draft.
func (s *Store) pageExistsByPath(ctx context.Context, path string) bool {
	p, err := s.PageByPath(ctx, path, []string{"page", "attachment"})
	return err == nil && p != nil && p.Status != "trash" && p.Status != "auto-draft"
}

// PageByPath is get_page_by_path: the page whose own slug is the last
// segment of path and whose ancestors' slugs are the segments before it.
// Errors: not found.
func (s *Store) PageByPath(ctx context.Context, path string, types []string) (*Post, error) {
	path, _ = url.PathUnescape(path)
	parts := strings.FieldsFunc(strings.ToLower(path), func(r rune) bool { return r == '/' })
	if len(parts) == 0 {
		return nil, errPostInvalidID
	}
	var cands []Post
	err := s.withContext(ctx).Where("slug = ? AND type IN ?", SanitizeTitle(parts[len(parts)-1]), types).
		Order("id ASC").Find(&cands).Error
	if err != nil {
		return nil, Internal(err)
	}
	ancestors, err := s.pageAncestorSlugs(ctx, cands)
	if err != nil {
		return nil, err
	}
	for i := range cands {
		p := &cands[i]
		anc := ancestors[p.ID]
		if len(anc) != len(parts)-1 {
			continue
		}
		ok := true
		for j, a := range anc { // nearest first
			if a != SanitizeTitle(parts[len(parts)-2-j]) {
				ok = false
				break
			}
		}
		if ok {
			return p, nil
		}
	}
	return nil, errPostInvalidID
}

// rulesFor returns WP_Rewrite::rewrite_rules() for a structure and bases,
// compiled.
func rulesFor(key rewriteKey) []rewriteRule {
	if v, ok := rewriteRules.Load(key); ok {
		return v.([]rewriteRule)
	}
	var out []rewriteRule
	for _, r := range rewriteRuleList(key) {
		re, err := regexp.Compile("^" + r[0])
		if err != nil {
			continue
		}
		out = append(out, rewriteRule{match: re, query: r[1]})
	}
	rewriteRules.Store(key, out)
	return out
}

// Endpoint masks of WP_Rewrite, as far as the rules below need them.
const (
	epPermalink = 1 << iota
	epRoot
	epPages
	epOther
)

// rewriteTags are WP_Rewrite's rewrite codes: tag, regex, query variable.
var rewriteTags = [][3]string{
	{"%year%", "([0-9]{4})", "year="},
	{"%monthnum%", "([0-9]{1,2})", "monthnum="},
	{"%day%", "([0-9]{1,2})", "day="},
	{"%hour%", "([0-9]{1,2})", "hour="},
	{"%minute%", "([0-9]{1,2})", "minute="},
	{"%second%", "([0-9]{1,2})", "second="},
	{"%postname%", "([^/]+)", "name="},
	{"%post_id%", "([0-9]+)", "p="},
	{"%author%", "([^/]+)", "author_name="},
	{"%pagename%", "([^/]+?)", "pagename="},
	{"%search%", "(.+)", "s="},
	{"%category%", "(.+?)", "category_name="},
	{"%post_tag%", "([^/]+)", "tag="},
	{"%post_format%", "([^/]+)", "post_format="},
}

// rewriteRuleList builds the rules in WP_Rewrite::rewrite_rules()'s order.
// The taxonomies' permastructs are the ones their links are built from
// (term_link.go).
func rewriteRuleList(key rewriteKey) [][2]string {
	structure := key.structure
	front := permastructFront(structure)
	var rules [][2]string
	add := func(rs [][2]string) { rules = append(rules, rs...) }
	// Sitemaps are added at the top, then the taxonomies' permastructs.
	add([][2]string{
		{`wp-sitemap\.xml$`, "sitemap=index"},
		{`wp-sitemap\.xsl$`, "sitemap-stylesheet=sitemap"},
		{`wp-sitemap-index\.xsl$`, "sitemap-stylesheet=index"},
		{`wp-sitemap-([a-z]+?)-([a-z\d_-]+?)-(\d+?)\.xml$`, "sitemap=$matches[1]&sitemap-subtype=$matches[2]&paged=$matches[3]"},
		{`wp-sitemap-([a-z]+?)-(\d+?)\.xml$`, "sitemap=$matches[1]&paged=$matches[2]"},
	})
	tags := rewriteTags
	add(generateRewriteRules(termPermastructOf(structure, "category", key.categoryBase), epOther, true, true, false, true, tags))
	add(generateRewriteRules(termPermastructOf(structure, "post_tag", key.tagBase), epOther, true, true, false, true, tags))
	add(generateRewriteRules(termPermastructOf(structure, "post_format", ""), epOther, true, true, false, true, tags))
	add([][2]string{
		{`robots\.txt$`, "robots=1"},
		{`favicon\.ico$`, "favicon=1"},
		{`sitemap\.xml`, "sitemap=index"},
		{`.*wp-(atom|rdf|rss|rss2|feed|commentsrss2)\.php$`, "feed=old"},
	})
	add(generateRewriteRules("/", epRoot, true, true, false, true, tags))
	add(generateRewriteRules("comments", epOther, false, true, true, false, tags))
	add(generateRewriteRules("search/%search%", epOther, true, true, false, true, tags))
	add(generateRewriteRules(front+"author/%author%", epOther, true, true, false, true, tags))
	add(generateRewriteRules(dateStructure(structure, front), epOther, true, true, false, true, tags))
	// Page rules read %pagename% with a pattern that spans slashes.
	pageTags := make([][3]string, len(tags))
	copy(pageTags, tags)
	for i := range pageTags {
		if pageTags[i][0] == "%pagename%" {
			pageTags[i][1] = "(.?.+?)"
		}
	}
	pages := generateRewriteRules("%pagename%", epPages, true, true, false, false, pageTags)
	posts := generateRewriteRules(structure, epPermalink, true, true, false, true, tags)
	if isVerbose(structure) {
		add(pages)
		add(posts)
	} else {
		add(posts)
		add(pages)
	}
	return rules
}

// dateStructure is WP_Rewrite::get_date_permastruct.
func dateStructure(structure, front string) string {
	endian := "%year%/%monthnum%/%day%"
	for _, e := range []string{"%year%/%monthnum%/%day%", "%day%/%monthnum%/%year%", "%monthnum%/%day%/%year%"} {
		if strings.Contains(structure, e) {
			endian = e
			break
		}
	}
	for i, tok := range rewriteTagRef.FindAllString(structure, -1) {
		if tok == "%post_id%" && i < 3 {
			front += "date/"
			break
		}
	}
	return front + endian
}

var rewriteTagRef = regexp.MustCompile(`%.+?%`)

// permastructFront is what comes before a structure's first tag; PHP's
// substr(…, 0, false) makes it empty for a structure without one.
func permastructFront(structure string) string {
	if i := strings.Index(structure, "%"); i >= 0 {
		return structure[:i]
	}
	return ""
}

// generateRewriteRules is WP_Rewrite::generate_rewrite_rules for the
// built-in endpoints (feeds, paging, embeds, comment pages, attachments).
func generateRewriteRules(structure string, mask int, paged, feed, forComments, walkDirs bool, tags [][3]string) [][2]string {
	const feeds = "(feed|rdf|rss|rss2|atom)/?$"
	feedRegex := "feed/" + feeds
	const trackbackRegex = "trackback/?$"
	const pageRegex = "page/?([0-9]{1,})/?$"
	const commentRegex = "comment-page-([0-9]{1,})/?$"
	const embedRegex = "embed/?$"
	replace := func(s string, col int) string {
		for _, t := range tags {
			s = strings.ReplaceAll(s, t[0], t[col])
		}
		return s
	}
	match := func(i int) string { return "$matches[" + strconv.Itoa(i) + "]" }

	front := permastructFront(structure)
	tokens := rewriteTagRef.FindAllString(structure, -1)
	queries := make([]string, len(tokens))
	for i, tok := range tokens {
		if i > 0 {
			queries[i] = queries[i-1] + "&"
		}
		queries[i] += replace(tok, 2) + match(i+1)
	}
	rest := structure
	if front != "/" && front != "" {
		rest = strings.Replace(rest, front, "", 1)
	}
	rest = strings.Trim(rest, "/")
	dirs := []string{rest}
	if walkDirs {
		dirs = strings.Split(rest, "/")
	}
	front = strings.TrimLeft(front, "/")

	var out [][2]string
	struct_ := front
	for _, dir := range dirs {
		struct_ = strings.TrimLeft(struct_+dir+"/", "/")
		m := replace(struct_, 1)
		numToks := len(rewriteTagRef.FindAllString(struct_, -1))
		query := ""
		if numToks > 0 {
			query = queries[numToks-1]
		}
		var rw [][2]string
		if feed {
			fq := query + "&feed=" + match(numToks+1)
			if forComments {
				fq += "&withcomments=1"
			}
			rw = append(rw, [2]string{m + feedRegex, fq}, [2]string{m + feeds, fq}, [2]string{m + embedRegex, query + "&embed=true"})
		}
		if paged {
			rw = append(rw, [2]string{m + pageRegex, query + "&paged=" + match(numToks+1)})
		}
		if mask&(epPages|epPermalink) != 0 {
			rw = append(rw, [2]string{m + commentRegex, query + "&cpage=" + match(numToks+1)})
		}
		if numToks > 0 {
			isPost := strings.Contains(struct_, "%postname%") || strings.Contains(struct_, "%post_id%") ||
				strings.Contains(struct_, "%pagename%") ||
				(strings.Contains(struct_, "%year%") && strings.Contains(struct_, "%monthnum%") &&
					strings.Contains(struct_, "%day%") && strings.Contains(struct_, "%hour%") &&
					strings.Contains(struct_, "%minute%") && strings.Contains(struct_, "%second%"))
			isPage := strings.Contains(struct_, "%pagename%")
			if isPost {
				tb := [2]string{m + trackbackRegex, query + "&tb=1"}
				embed := [2]string{m + embedRegex, query + "&embed=true"}
				base := strings.TrimRight(m, "/")
				subBase := strings.NewReplacer("(", "", ")", "").Replace(base)
				sub1 := subBase + "/([^/]+)/"
				sub2 := subBase + "/attachment/([^/]+)/"
				subQuery := "attachment=" + match(1)
				subs := func(sub string) [][2]string {
					return [][2]string{
						{sub + "?$", subQuery},
						{sub + trackbackRegex, subQuery + "&tb=1"},
						{sub + feedRegex, subQuery + "&feed=" + match(2)},
						{sub + feeds, subQuery + "&feed=" + match(2)},
						{sub + commentRegex, subQuery + "&cpage=" + match(2)},
						{sub + embedRegex, subQuery + "&embed=true"},
					}
				}
				rw = append(rw, [2]string{base + "(?:/([0-9]+))?/?$", query + "&page=" + match(numToks+1)})
				rw = append([][2]string{embed, tb}, rw...)
				if !isPage {
					rw = append(rw, subs(sub1)...)
				}
				rw = append(subs(sub2), rw...)
			} else {
				rw = append(rw, [2]string{m + "?$", query})
			}
		}
		out = append(rw, out...)
	}
	return out
}
