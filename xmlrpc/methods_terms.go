package xmlrpc

import (
	_ "embed"
	"strconv"
	"strings"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

//go:embed taxonomies.json
var taxonomiesJSON []byte

// taxonomyDefs holds the taxonomies as WordPress describes them (base
// fields, labels, cap, show_in_menu, object_type), keyed by name.
var taxonomyDefs = mustJSONValue(taxonomiesJSON)

var (
	faultInvalidTaxonomy = NewFault(403, languages.Mark("Invalid taxonomy."))
	faultInvalidTermID   = NewFault(404, languages.Mark("Invalid term ID."))
	// faultEmptyTerm is get_term(0)'s WP_Error, sent as a 500 fault.
	faultEmptyTerm        = NewFault(500, languages.Mark("Empty Term."))
	faultCannotAssignTax  = NewFault(401, languages.Mark("Sorry, you are not allowed to assign terms in this taxonomy."))
	faultViewCategories   = NewFault(401, languages.Mark("Sorry, you must be able to edit posts on this site in order to view categories."))
	faultCategoryNotMade  = NewFault(500, languages.Mark("Sorry, the category could not be created."))
	faultCannotDeleteCat  = NewFault(401, languages.Mark("Sorry, you are not allowed to delete this category."))
	faultParentTermAbsent = NewFault(403, languages.Mark("Parent term does not exist."))
)

// prepareTerm is WordPress's _prepare_term: ids as strings, count as an int.
func prepareTerm(t *models.Term) Value {
	id := Str(strconv.FormatUint(t.ID, 10))
	return Struct(
		M("term_id", id),
		M("name", Str(t.Name)),
		M("slug", Str(t.Slug)),
		M("term_group", Str("0")),
		M("term_taxonomy_id", id),
		M("taxonomy", Str(t.Taxonomy)),
		M("description", Str(t.Description)),
		M("parent", Str(strconv.FormatUint(t.ParentID, 10))),
		M("count", Int(t.Count)),
		M("filter", Str("raw")),
		M("custom_fields", Array()),
	)
}

// prepareTaxonomy is _prepare_taxonomy: the base fields, then labels, cap,
// menu (show_in_menu) and object_type as asked.
func prepareTaxonomy(name string, fields []string) Value {
	def, _ := taxonomyDefs.Get(name)
	want := map[string]bool{}
	for _, f := range fields {
		switch f {
		case "labels", "cap", "object_type":
			want[f] = true
		case "menu":
			want["show_in_menu"] = true
		}
	}
	var out []Member
	for _, m := range def.Members {
		switch m.Name {
		case "labels", "cap", "show_in_menu", "object_type":
			if !want[m.Name] {
				continue
			}
		}
		out = append(out, m)
	}
	return Struct(out...)
}

// taxonomyArg reads a taxonomy name argument; ok is false for an unknown
// one.
func taxonomyArg(v Value, present bool) (models.Taxonomy, bool) {
	if !present || !v.Scalar() {
		return models.Taxonomy{}, false
	}
	name, _ := v.AsString()
	return models.TaxonomyByName(name)
}

// termFault maps a term write error to WordPress's answer: wp_insert_term
// and wp_update_term errors are 500 faults with their message.
func termFault(err error) error {
	switch models.ErrorKind(err) {
	case models.KindInternal, models.KindUnavailable:
		return err
	case models.KindForbidden:
		return faultCoded(401, err)
	}
	return faultCoded(500, err)
}

// termOf resolves a taxonomy argument and the term id in it, with
// WordPress's faults for an unknown taxonomy or term.
func (c *Call) termOf(tv Value, present bool, id int64) (models.Taxonomy, *models.Term, error) {
	tax, ok := taxonomyArg(tv, present)
	if !ok {
		return tax, nil, faultInvalidTaxonomy
	}
	t, err := c.lookupTerm(tax.Name, id)
	return tax, t, err
}

// loginTermArgs reads the arguments of wp.getTerm and wp.deleteTerm (blog,
// username, password, taxonomy, term_id) in WordPress's order: the count,
// the id, the login, then the taxonomy and the term.
func (c *Call) loginTermArgs(p Params) (*models.User, models.Taxonomy, *models.Term, error) {
	var tax models.Taxonomy
	if err := p.Min(5); err != nil {
		return nil, tax, nil, err
	}
	id, err := p.Int(4)
	if err != nil {
		return nil, tax, nil, err
	}
	u, err := c.login(p, 1, 2)
	if err != nil {
		return nil, tax, nil, err
	}
	tv, present := p.Value(3)
	tax, t, err := c.termOf(tv, present, id)
	return u, tax, t, err
}

// lookupTerm is get_term for the term methods: 0 is "Empty Term.", an id
// of another taxonomy or none at all is "Invalid term ID.".
func (c *Call) lookupTerm(taxonomy string, id int64) (*models.Term, error) {
	if id == 0 {
		return nil, faultEmptyTerm
	}
	if id < 0 {
		return nil, faultInvalidTermID
	}
	t, err := c.srv.store.TermInTaxonomy(c.ctx, taxonomy, uint64(id))
	if models.IsNotFound(err) {
		return nil, faultInvalidTermID
	}
	return t, err
}

// wpNewTerm(blog, username, password, content).
func wpNewTerm(c *Call, p Params) (Value, error) {
	if err := p.Min(4); err != nil {
		return Value{}, err
	}
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	content := p.Struct(3)
	tv, ok := content.Get("taxonomy")
	tax, ok := taxonomyArg(tv, ok)
	if !ok {
		return Value{}, faultInvalidTaxonomy
	}
	if !models.CanOnTaxonomy(u, models.TermCapEdit, tax) {
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to create terms in this taxonomy."))
	}
	name, _ := memberString(content, "name")
	name = strings.TrimSpace(name)
	if name == "" || name == "0" {
		return Value{}, NewFault(403, languages.Mark("The term name cannot be empty."))
	}
	in := models.TermInput{Taxonomy: tax.Name, Name: &name}
	if v, ok := content.Get("parent"); ok {
		if !tax.Hierarchical {
			return Value{}, NewFault(403, languages.Mark("This taxonomy is not hierarchical."))
		}
		parent, err := c.lookupTerm(tax.Name, v.AsInt())
		if err != nil {
			if err == faultInvalidTermID {
				return Value{}, faultParentTermAbsent
			}
			return Value{}, err
		}
		in.ParentID = &parent.ID
	}
	if s, ok := memberString(content, "description"); ok {
		in.Description = &s
	}
	if s, ok := memberString(content, "slug"); ok {
		in.Slug = &s
	}
	t, err := c.srv.store.CreateTerm(c.ctx, u, in)
	if err != nil {
		return Value{}, termFault(err)
	}
	return Str(strconv.FormatUint(t.ID, 10)), nil
}

// wpEditTerm(blog, username, password, term_id, content).
func wpEditTerm(c *Call, p Params) (Value, error) {
	if err := p.Min(5); err != nil {
		return Value{}, err
	}
	id, err := p.Int(3)
	if err != nil {
		return Value{}, err
	}
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	content := p.Struct(4)
	tv, present := content.Get("taxonomy")
	tax, t, err := c.termOf(tv, present, id)
	if err != nil {
		return Value{}, err
	}
	if !models.CanEditTerm(u, t) {
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to edit this term."))
	}
	in := models.TermInput{Taxonomy: tax.Name}
	if s, ok := memberString(content, "name"); ok {
		s = strings.TrimSpace(s)
		if s == "" || s == "0" {
			return Value{}, NewFault(403, languages.Mark("The term name cannot be empty."))
		}
		in.Name = &s
	}
	if v, ok := content.Get("parent"); ok && v.Truthy() {
		if !tax.Hierarchical {
			return Value{}, NewFault(403, languages.Mark("Cannot set parent term, taxonomy is not hierarchical."))
		}
		parent, err := c.lookupTerm(tax.Name, v.AsInt())
		if err != nil {
			if err == faultInvalidTermID {
				return Value{}, faultParentTermAbsent
			}
			return Value{}, err
		}
		in.ParentID = &parent.ID
	}
	if s, ok := memberString(content, "description"); ok {
		in.Description = &s
	}
	if s, ok := memberString(content, "slug"); ok {
		in.Slug = &s
	}
	if _, err := c.srv.store.UpdateTerm(c.ctx, u, t.ID, in); err != nil {
		return Value{}, termFault(err)
	}
	return Bool(true), nil
}

// wpDeleteTerm(blog, username, password, taxonomy, term_id).
func wpDeleteTerm(c *Call, p Params) (Value, error) {
	u, tax, t, err := c.loginTermArgs(p)
	if err != nil {
		return Value{}, err
	}
	if !models.CanDeleteTerm(u, t, c.srv.store.DefaultCategoryID(c.ctx)) {
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to delete this term."))
	}
	if _, err := c.srv.store.DeleteTerm(c.ctx, u, tax.Name, t.ID); err != nil {
		return Value{}, termFault(err)
	}
	return Bool(true), nil
}

// wpGetTerm(blog, username, password, taxonomy, term_id).
func wpGetTerm(c *Call, p Params) (Value, error) {
	u, _, t, err := c.loginTermArgs(p)
	if err != nil {
		return Value{}, err
	}
	if !models.CanAssignTerm(u, t) {
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to assign this term."))
	}
	return prepareTerm(t), nil
}

// wpGetTerms(blog, username, password, taxonomy[, filter]).
func wpGetTerms(c *Call, p Params) (Value, error) {
	if err := p.Min(4); err != nil {
		return Value{}, err
	}
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	tv, ok := p.Value(3)
	tax, ok := taxonomyArg(tv, ok)
	if !ok {
		return Value{}, faultInvalidTaxonomy
	}
	if !models.CanOnTaxonomy(u, models.TermCapAssign, tax) {
		return Value{}, faultCannotAssignTax
	}
	filter := p.Struct(4)
	f := models.TermFilter{Taxonomy: tax.Name}
	if n, ok := memberInt(filter, "number"); ok {
		f.Limit = absint(n)
	}
	if n, ok := memberInt(filter, "offset"); ok {
		f.Offset = absint(n)
	}
	if s, ok := memberString(filter, "orderby"); ok {
		f.OrderBy = strings.ToLower(s)
		if o, ok := memberString(filter, "order"); ok {
			f.Order = o
		}
	}
	if v, ok := filter.Get("hide_empty"); ok {
		f.HideEmpty = v.Truthy()
	}
	if s, ok := memberString(filter, "search"); ok {
		f.Search = s
	}
	terms, _, err := c.srv.store.Terms(c.ctx, f)
	if err != nil {
		return Value{}, err
	}
	out := make([]Value, 0, len(terms))
	for i := range terms {
		out = append(out, prepareTerm(&terms[i]))
	}
	return Array(out...), nil
}

// wpGetTaxonomy(blog, username, password, taxonomy[, fields]).
func wpGetTaxonomy(c *Call, p Params) (Value, error) {
	if err := p.Min(4); err != nil {
		return Value{}, err
	}
	fields, err := p.Fields(4, "labels", "cap", "object_type")
	if err != nil {
		return Value{}, err
	}
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	tv, ok := p.Value(3)
	tax, ok := taxonomyArg(tv, ok)
	if !ok {
		return Value{}, faultInvalidTaxonomy
	}
	if !models.CanOnTaxonomy(u, models.TermCapAssign, tax) {
		return Value{}, faultCannotAssignTax
	}
	return prepareTaxonomy(tax.Name, fields), nil
}

// wpGetTaxonomies(blog, username, password[, filter[, fields]]).
func wpGetTaxonomies(c *Call, p Params) (Value, error) {
	if err := p.Min(3); err != nil {
		return Value{}, err
	}
	fields, err := p.Fields(4, "labels", "cap", "object_type")
	if err != nil {
		return Value{}, err
	}
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	filter := Struct(M("public", Bool(true)))
	if v, ok := p.Value(3); ok {
		filter = p.Struct(3)
		if v.Kind == KindArray && len(v.Array) == 0 {
			filter = Struct()
		}
	}
	out := Array()
	for _, tax := range models.Taxonomies() {
		def, described := taxonomyDefs.Get(tax.Name)
		if !described || !matchesFilter(def, filter) || !models.CanOnTaxonomy(u, models.TermCapAssign, tax) {
			continue
		}
		out.Array = append(out.Array, prepareTaxonomy(tax.Name, fields))
	}
	return out, nil
}

// termLinks returns the terms' archive pages (get_term_link, models'
// rule, the ancestors of the whole list loaded at once) and their RSS
// feeds, as wp.getCategories and wp.getTags list them.
func (c *Call) termLinks(terms []models.Term) (links, feeds []string) {
	ptrs := make([]*models.Term, len(terms))
	for i := range terms {
		ptrs[i] = &terms[i]
	}
	links = c.srv.store.TermLinks(c.ctx, ptrs)
	feeds = make([]string, len(links))
	for i, link := range links {
		feeds[i] = c.srv.store.TermFeedLink(c.ctx, ptrs[i], link, "rss2")
	}
	return links, feeds
}

// escHTML is esc_html for the links models builds: & becomes &amp; (not
// esc_url's &#038;). WordPress's plain term feed links already hold &amp;,
// which esc_html keeps; models' hold a bare &, so the answer is the same.
func escHTML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#039;").Replace(s)
}

// allCategories lists every category ordered by name (get_categories with
// get=all).
func (c *Call) allCategories() ([]models.Term, error) {
	terms, _, err := c.srv.store.Terms(c.ctx, models.TermFilter{Taxonomy: "category"})
	return terms, err
}

// mwGetCategories(blog, username, password), also wp.getCategories.
func mwGetCategories(c *Call, p Params) (Value, error) {
	if _, err := c.loginCan(p, editsPosts, faultViewCategories); err != nil {
		return Value{}, err
	}
	cats, err := c.allCategories()
	if err != nil {
		return Value{}, err
	}
	out := Array()
	links, feeds := c.termLinks(cats)
	for i := range cats {
		t, link, feed := &cats[i], links[i], feeds[i]
		out.Array = append(out.Array, Struct(
			M("categoryId", Int(int64(t.ID))),
			M("parentId", Int(int64(t.ParentID))),
			M("description", Str(t.Name)),
			M("categoryDescription", Str(t.Description)),
			M("categoryName", Str(t.Name)),
			M("htmlUrl", Str(escHTML(link))),
			M("rssUrl", Str(escHTML(feed))),
		))
	}
	return out, nil
}

// mtGetCategoryList(blog, username, password).
func mtGetCategoryList(c *Call, p Params) (Value, error) {
	if _, err := c.loginCan(p, editsPosts, faultViewCategories); err != nil {
		return Value{}, err
	}
	cats, err := c.allCategories()
	if err != nil {
		return Value{}, err
	}
	out := Array()
	for _, t := range cats {
		out.Array = append(out.Array, Struct(M("categoryId", Int(int64(t.ID))), M("categoryName", Str(t.Name))))
	}
	return out, nil
}

// wpGetTags(blog, username, password): the tags in use, by name.
func wpGetTags(c *Call, p Params) (Value, error) {
	if _, err := c.loginCan(p, editsPosts, NewFault(401, languages.Mark("Sorry, you must be able to edit posts on this site in order to view tags."))); err != nil {
		return Value{}, err
	}
	tags, _, err := c.srv.store.Terms(c.ctx, models.TermFilter{Taxonomy: "post_tag", HideEmpty: true})
	if err != nil {
		return Value{}, err
	}
	out := Array()
	links, feeds := c.termLinks(tags)
	for i := range tags {
		t, link, feed := &tags[i], links[i], feeds[i]
		out.Array = append(out.Array, Struct(
			M("tag_id", Int(int64(t.ID))),
			M("name", Str(t.Name)),
			M("count", Int(t.Count)),
			M("slug", Str(t.Slug)),
			M("html_url", Str(escHTML(link))),
			M("rss_url", Str(escHTML(feed))),
		))
	}
	return out, nil
}

// wpNewCategory(blog, username, password, category): a category that
// exists already (same name and parent) is not an error: its id is the
// answer.
func wpNewCategory(c *Call, p Params) (Value, error) {
	u, err := c.loginCan(p, createsCategories, NewFault(401, languages.Mark("Sorry, you are not allowed to add a category.")))
	if err != nil {
		return Value{}, err
	}
	cat := p.Struct(3)
	name, _ := memberString(cat, "name")
	in := models.TermInput{Taxonomy: "category", Name: &name}
	if s, ok := memberString(cat, "slug"); ok && s != "" {
		in.Slug = &s
	}
	if s, ok := memberString(cat, "description"); ok {
		in.Description = &s
	}
	if n, ok := memberInt(cat, "parent_id"); ok && n > 0 {
		parent := uint64(n)
		in.ParentID = &parent
	}
	t, err := c.srv.store.CreateTerm(c.ctx, u, in)
	if err != nil {
		me := models.AsError(err)
		if me.Reason == models.ReasonTermExists || me.Reason == models.ReasonTermExistsWithParent {
			return Int(int64(me.Details.ID)), nil
		}
		if me.Kind == models.KindInternal {
			return Value{}, err
		}
		return Value{}, faultCategoryNotMade
	}
	return Int(int64(t.ID)), nil
}

// wpDeleteCategory(blog, username, password, category_id): the capability
// check comes first, so a missing category is 401 like the default one.
func wpDeleteCategory(c *Call, p Params) (Value, error) {
	id, err := p.Int(3)
	if err != nil {
		return Value{}, err
	}
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	if id <= 0 {
		return Value{}, faultCannotDeleteCat
	}
	t, err := c.srv.store.TermByID(c.ctx, uint64(id))
	if models.IsNotFound(err) {
		return Value{}, faultCannotDeleteCat
	}
	if err != nil {
		return Value{}, err
	}
	if !models.CanDeleteTerm(u, t, c.srv.store.DefaultCategoryID(c.ctx)) {
		return Value{}, faultCannotDeleteCat
	}
	if t.Taxonomy != "category" {
		// wp_delete_term answers 0 for a term of another taxonomy.
		return Int(0), nil
	}
	if _, err := c.srv.store.DeleteTerm(c.ctx, u, "category", t.ID); err != nil {
		return Value{}, termFault(err)
	}
	return Bool(true), nil
}

// wpSuggestCategories(blog, username, password, category, max_results).
func wpSuggestCategories(c *Call, p Params) (Value, error) {
	like, err := p.String(3)
	if err != nil {
		return Value{}, err
	}
	max, err := p.Int(4)
	if err != nil {
		return Value{}, err
	}
	_, err = c.loginCan(p, editsPosts, faultViewCategories)
	if err != nil {
		return Value{}, err
	}
	f := models.TermFilter{Taxonomy: "category", NameLike: like}
	if max > 0 {
		f.Limit = int(max)
	}
	cats, _, err := c.srv.store.Terms(c.ctx, f)
	if err != nil {
		return Value{}, err
	}
	out := Array()
	for _, t := range cats {
		out.Array = append(out.Array, Struct(M("category_id", Int(int64(t.ID))), M("category_name", Str(t.Name))))
	}
	return out, nil
}

// mtGetPostCategories(post_id, username, password).
func mtGetPostCategories(c *Call, p Params) (Value, error) {
	_, post, err := c.loginEditablePost(p, 0, 1)
	if err != nil {
		return Value{}, err
	}
	ids, names, err := c.postCategories(post)
	if err != nil {
		return Value{}, err
	}
	out := Array()
	for i := range ids {
		out.Array = append(out.Array, Struct(
			M("categoryName", Str(names[i])),
			M("categoryId", Str(strconv.FormatInt(ids[i], 10))),
			M("isPrimary", Bool(i == 0)),
		))
	}
	return out, nil
}

// mtSetPostCategories(post_id, username, password, categories): ids that
// name no category are skipped, as wp_set_object_terms skips them.
func mtSetPostCategories(c *Call, p Params) (Value, error) {
	u, post, err := c.loginEditablePost(p, 0, 1)
	if err != nil {
		return Value{}, err
	}
	var want []uint64
	if v, ok := p.Value(3); ok {
		items := v.Array
		if v.Kind == KindStruct {
			for _, m := range v.Members {
				items = append(items, m.Value)
			}
		}
		for _, item := range items {
			if cv, ok := item.Get("categoryId"); ok && cv.AsInt() > 0 {
				want = append(want, uint64(cv.AsInt()))
			}
		}
	}
	if err := c.setCategories(u, post, want); err != nil {
		return Value{}, err
	}
	return Bool(true), nil
}

// setCategories files a post under the categories among ids that exist
// (the default category when none does).
func (c *Call) setCategories(u *models.User, post *models.Post, ids []uint64) error {
	if post.Type != "post" {
		return nil
	}
	var known []uint64
	if len(ids) > 0 {
		terms, _, err := c.srv.store.Terms(c.ctx, models.TermFilter{Taxonomy: "category", IDs: ids, OrderBy: "none"})
		if err != nil {
			return err
		}
		exists := map[uint64]bool{}
		for _, t := range terms {
			exists[t.ID] = true
		}
		for _, id := range ids {
			if exists[id] {
				known = append(known, id)
			}
		}
	}
	return c.srv.store.SetPostTerms(c.ctx, u, post.ID, "category", known)
}
