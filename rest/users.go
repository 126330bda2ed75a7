package rest

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// restPostTypes are the post types shown in REST whose published posts make
// an author public (get_post_types(show_in_rest)).
var restPostTypes = []string{"post", "page", "attachment"}

// userRoutes are WP_REST_Users_Controller's routes.
func (s *Server) userRoutes() []*Route {
	idArg := Arg{Name: "id", Description: "Unique identifier for the user.", Type: "integer"}
	deleteArgs := []Arg{
		{Name: "force", Type: "boolean", Default: false, Description: "Required to be true, as users do not support trashing.", Keywords: kwForce},
		{Name: "reassign", Keywords: kwTypeFirst, Type: "integer", Description: "Reassign the deleted user's posts and links to this user ID.", Required: true,
			SkipValidation: true, Sanitize: checkReassign},
	}
	return []*Route{
		{
			Namespace: "wp/v2",
			Pattern:   "/wp/v2/users",
			Schema:    userSchema,
			Endpoints: []*Endpoint{
				{Methods: []string{"GET"}, Args: userCollectionArgs(), Permission: s.canListUsers, Handler: s.listUsers, AllowBatch: true},
				{Methods: []string{"POST"}, Args: userWriteArgs(true), Permission: s.canCreateUser, Handler: s.createUser, AllowBatch: true},
			},
		},
		{
			Namespace: "wp/v2",
			Pattern:   `/wp/v2/users/(?P<id>[\d]+)`,
			Schema:    userSchema,
			Endpoints: []*Endpoint{
				{Methods: []string{"GET"}, Args: []Arg{idArg, ContextArg("view")}, Permission: s.canReadUser, Handler: s.getUser, AllowBatch: true},
				{Methods: []string{"POST", "PUT", "PATCH"}, Args: append([]Arg{idArg}, userWriteArgs(false)...), Permission: s.canUpdateUser, Handler: s.updateUser, AllowBatch: true},
				{Methods: []string{"DELETE"}, Args: append([]Arg{idArg}, deleteArgs...), Permission: s.canDeleteUser, Handler: s.deleteUser, AllowBatch: true},
			},
		},
		{
			Namespace: "wp/v2",
			Pattern:   "/wp/v2/users/me",
			Schema:    userSchema,
			Endpoints: []*Endpoint{
				{Methods: []string{"GET"}, Args: []Arg{ContextArg("view")}, Handler: s.getCurrentUser},
				{Methods: []string{"POST", "PUT", "PATCH"}, Args: userWriteArgs(false), Permission: s.canUpdateUser, Handler: s.updateUser},
				{Methods: []string{"DELETE"}, Args: deleteArgs, Permission: s.canDeleteUser, Handler: s.deleteUser},
			},
		},
	}
}

// userCollectionArgs is get_collection_params of the users controller.
func userCollectionArgs() []Arg {
	return []Arg{
		ContextArg("view"),
		{Name: "page", Description: "Current page of the collection.", Type: "integer", Default: int64(1), Minimum: Int64(1)},
		{Name: "per_page", Description: "Maximum number of items to be returned in result set.", Type: "integer", Default: int64(10), Minimum: Int64(1), Maximum: Int64(100)},
		{Name: "search", Description: "Limit results to those matching a string.", Type: "string"},
		{Name: "exclude", Description: "Ensure result set excludes specific IDs.", Type: "array", Items: &Arg{Type: "integer"}, Default: []any{}},
		{Name: "include", Description: "Limit result set to specific IDs.", Type: "array", Items: &Arg{Type: "integer"}, Default: []any{}},
		{Name: "offset", Description: "Offset the result set by a specific number of items.", Type: "integer"},
		{Name: "order", Keywords: kwDefaultEnum, Default: "asc", Description: "Order sort attribute ascending or descending.", Enum: []any{"asc", "desc"}, Type: "string"},
		{Name: "orderby", Keywords: kwDefaultEnum, Default: "name", Description: "Sort collection by user attribute.", Type: "string",
			Enum: []any{"id", "include", "name", "registered_date", "slug", "include_slugs", "email", "url"}},
		{Name: "slug", Description: "Limit result set to users with one or more specific slugs.", Type: "array", Items: &Arg{Type: "string"}},
		{Name: "roles", Description: "Limit result set to users matching at least one specific role provided. Accepts csv list or single role.", Type: "array", Items: &Arg{Type: "string"}},
		{Name: "capabilities", Description: "Limit result set to users matching at least one specific capability provided. Accepts csv list or single capability.", Type: "array", Items: &Arg{Type: "string"}},
		{Name: "who", Description: "Limit result set to users who are considered authors.", Type: "string", Enum: []any{"authors"}},
		{Name: "has_published_posts", Description: "Limit result set to users who have published posts.", Types: []string{"boolean", "array"},
			Items: &Arg{Type: "string", Enum: postTypeNames, Extra: map[string]any{"enum": postTypeEnumMap()}}},
		{Name: "search_columns", Keywords: kwDefaultFirst, Default: []any{}, Description: "Array of column names to be searched.", Type: "array",
			Items: &Arg{Enum: []any{"email", "name", "id", "username", "slug"}, Type: "string", Keywords: kwEnumFirst}},
	}
}

// postTypeNames are WordPress's registered post types, which
// has_published_posts accepts.
var postTypeNames = []any{"post", "page", "attachment", "nav_menu_item", "wp_block", "wp_template", "wp_template_part",
	"wp_global_styles", "wp_navigation", "wp_font_family", "wp_font_face"}

// postTypeEnumMap is how WordPress lists that enum in the index: a PHP
// array keyed by the names.
func postTypeEnumMap() *Object {
	m := &Object{members: make([]member, 0, len(postTypeNames))}
	for _, n := range postTypeNames {
		m.Set(n.(string), n)
	}
	return m
}

// searchColumnNames maps the search_columns values to models' columns.
var searchColumnNames = map[string]string{"email": "email", "name": "display_name", "id": "id", "username": "login", "slug": "nicename"}

// userSearchColumns picks the columns a search looks at, as
// WP_User_Query does from the term's shape; users who may not list users
// never search e-mail addresses or URLs.
func (r *Request) userSearchColumns(search string) []string {
	var cols []string
	switch {
	case strings.Contains(search, "@"):
		cols = []string{"email"}
	case isNumber(search):
		cols = []string{"login", "id"}
	case strings.HasPrefix(search, "http://") || strings.HasPrefix(search, "https://"):
		cols = []string{"url"}
	default:
		cols = []string{"login", "url", "email", "nicename", "display_name"}
	}
	valid := []string{"id", "login", "nicename", "email", "display_name"}
	if !models.CanListUsers(r.User) {
		cols = []string{"id", "login", "nicename", "display_name"}
		valid = cols
	}
	var asked []string
	for _, c := range r.StringList("search_columns") {
		if col, ok := searchColumnNames[c]; ok && contains(valid, col) {
			asked = append(asked, col)
		}
	}
	if len(asked) > 0 {
		return asked
	}
	return cols
}

// userWriteArgs are the writable user fields (get_endpoint_args_for_item_schema);
// creating requires username, email and password.
func userWriteArgs(create bool) []Arg {
	text := func(r *Request, v any) (any, error) { return models.SanitizeTextField(toString(v)), nil }
	return []Arg{
		{Name: "username", Description: "Login name for the user.", Type: "string", Required: create, Sanitize: checkUsername},
		{Name: "name", Description: "Display name for the user.", Type: "string", Sanitize: text},
		{Name: "first_name", Description: "First name for the user.", Type: "string", Sanitize: text},
		{Name: "last_name", Description: "Last name for the user.", Type: "string", Sanitize: text},
		{Name: "email", Description: "The email address for the user.", Type: "string", Format: "email", Required: create},
		{Name: "url", Description: "URL of the user.", Type: "string", Format: "uri"},
		{Name: "description", Description: "Description of the user.", Type: "string"},
		{Name: "locale", Description: "Locale for the user.", Type: "string", Enum: userLocaleEnum()},
		{Name: "nickname", Description: "The nickname for the user.", Type: "string", Sanitize: text},
		{Name: "slug", Description: "An alphanumeric identifier for the user.", Type: "string",
			Sanitize: func(r *Request, v any) (any, error) { return models.SanitizeTitle(toString(v)), nil }},
		{Name: "roles", Description: "Roles assigned to the user.", Type: "array", Items: &Arg{Type: "string"}},
		{Name: "password", Description: "Password for the user (never included).", Type: "string", Required: create, Sanitize: checkUserPassword},
		{Name: "meta", Description: "Meta fields.", Type: "object", Properties: map[string]*Arg{
			"persisted_preferences": {Type: "object", Default: []any{}, Properties: map[string]*Arg{
				"_modified": {Description: "The date and time the preferences were updated.", Type: "string", Format: "date-time", Extra: map[string]any{"readonly": false}},
			}, AdditionalProperties: true, Extra: map[string]any{"title": "", "description": "", "context": []any{"edit"}}, Keywords: kwMeta},
		}},
	}
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	}
	return sanitizeValue(v, &Arg{Type: "string"}).(string)
}

// checkUsername is the users controller's check_username.
func checkUsername(r *Request, v any) (any, error) {
	name := toString(v)
	if name == "" || models.SanitizeUser(name) != name {
		return nil, Err(http.StatusBadRequest, "rest_user_invalid_username", languages.Mark("This username is invalid because it uses illegal characters. Please enter a valid username."))
	}
	return name, nil
}

// checkUserPassword is the users controller's check_user_password.
func checkUserPassword(r *Request, v any) (any, error) {
	pw := toString(v)
	if pw == "" {
		return nil, Err(http.StatusBadRequest, "rest_user_invalid_password", languages.Mark("Passwords cannot be empty."))
	}
	if strings.Contains(pw, `\`) {
		return nil, Err(http.StatusBadRequest, "rest_user_invalid_password", languages.Mark(`Passwords cannot contain the "\" character.`))
	}
	return pw, nil
}

// checkReassign is the users controller's check_reassign: an id, or false
// ("", "false", 0) to delete the user's posts.
func checkReassign(r *Request, v any) (any, error) {
	if isNumber(v) {
		return clampInt(toFloat(v)), nil
	}
	switch x := v.(type) {
	case bool:
		if !x {
			return false, nil
		}
	case string:
		if x == "" || x == "false" || x == "0" {
			return false, nil
		}
	}
	return nil, Err(http.StatusBadRequest, "rest_invalid_param", languages.Mark("Invalid user parameter(s)."))
}

// targetUserID is the user a /users/{id} or /users/me request is about
// (0 for an anonymous /users/me).
func (r *Request) targetUserID() uint64 {
	if id := r.URLParam("id"); id != "" {
		// Out-of-range ids are no user at all (ParseUint would clamp them).
		n, err := strconv.ParseUint(id, 10, 63)
		if err != nil {
			return 0
		}
		return n
	}
	if r.User != nil {
		return r.User.ID
	}
	return 0
}

var errUserInvalidID = Err(http.StatusNotFound, "rest_user_invalid_id", languages.Mark("Invalid user ID."))

// targetUser loads the user the request is about, with WordPress's
// rest_user_invalid_id for an unknown one.
func (r *Request) targetUser() (*models.User, error) {
	id := r.targetUserID()
	if id == 0 {
		return nil, errUserInvalidID
	}
	u, err := r.UserByID(id)
	if err != nil {
		if models.IsNotFound(err) {
			return nil, errUserInvalidID
		}
		return nil, err
	}
	return u, nil
}

// canListUsers is get_items_permissions_check.
func (s *Server) canListUsers(r *Request) error {
	canList := models.CanListUsers(r.User)
	if len(r.StringList("roles")) > 0 && !canList {
		return Forbidden("rest_user_cannot_view", languages.Mark("Sorry, you are not allowed to filter users by role."))
	}
	if len(r.StringList("capabilities")) > 0 && !canList {
		return Forbidden("rest_user_cannot_view", languages.Mark("Sorry, you are not allowed to filter users by capability."))
	}
	if r.String("context") == "edit" && !canList {
		return Forbidden("rest_forbidden_context", languages.Mark("Sorry, you are not allowed to edit users."))
	}
	if ob := r.String("orderby"); (ob == "email" || ob == "registered_date") && !canList {
		return Forbidden("rest_forbidden_orderby", languages.Mark("Sorry, you are not allowed to order users by this parameter."))
	}
	if r.String("who") == "authors" && !models.CanEditPosts(r.User, "post") && !models.CanEditPosts(r.User, "page") {
		return Forbidden("rest_forbidden_who", languages.Mark("Sorry, you are not allowed to query users by this parameter."))
	}
	return nil
}

// listUsers is get_items.
func (s *Server) listUsers(r *Request) (*Response, error) {
	perPage := r.Int("per_page")
	page := r.Int("page")
	f := models.UserFilter{
		Search:  strings.Trim(r.String("search"), "*"),
		Order:   r.String("order"),
		Limit:   int(perPage),
		OrderBy: map[string]string{"id": "id", "name": "name", "registered_date": "registered_date", "slug": "slug", "email": "email", "url": "url"}[r.String("orderby")],
	}
	for _, id := range r.IntList("include") {
		f.IDs = append(f.IDs, uint64(id))
	}
	for _, id := range r.IntList("exclude") {
		f.ExcludeIDs = append(f.ExcludeIDs, uint64(id))
	}
	if f.Search != "" {
		f.SearchColumns = r.userSearchColumns(f.Search)
	}
	f.Slugs = r.StringList("slug")
	f.Roles = r.StringList("roles")
	if caps := r.StringList("capabilities"); len(caps) > 0 {
		if f.Roles = rolesWithAnyCap(f.Roles, caps); len(f.Roles) == 0 {
			// No role grants any of them, so no user can match.
			resp := NewResponse(http.StatusOK, []any{})
			r.Paginate(resp, "/wp/v2/users", 0, page, perPage)
			return resp, nil
		}
	}
	switch {
	case r.String("who") == "authors":
		f.Authors = true
	case !models.CanListUsers(r.User):
		f.HasPublished = restPostTypes
	}
	if r.Has("has_published_posts") {
		switch v := r.Param("has_published_posts").(type) {
		case bool:
			if v {
				f.HasPublished = restPostTypes
			}
		case []any:
			var types []string
			for _, t := range v {
				if ts, ok := t.(string); ok {
					types = append(types, ts)
				}
			}
			if len(types) > 0 {
				f.HasPublished = types
			}
		}
	}
	offset := r.Int("offset")
	if offset == 0 {
		offset = (page - 1) * perPage
	}
	f.Offset = int(offset)
	ordered := r.String("orderby") == "include" && len(f.IDs) > 0 || r.String("orderby") == "include_slugs" && len(f.Slugs) > 0
	if ordered {
		// Ordering by the given list happens here, so fetch the (bounded)
		// matching set whole and page it afterwards.
		f.Limit, f.Offset = 0, 0
	}
	users, total, err := s.store.Users(r.ctx, f)
	if err != nil {
		return nil, err
	}
	if ordered {
		users = orderByList(users, r.String("orderby"), f.IDs, f.Slugs)
		if r.String("order") == "desc" {
			for i, j := 0, len(users)-1; i < j; i, j = i+1, j-1 {
				users[i], users[j] = users[j], users[i]
			}
		}
		lo := min(int(offset), len(users))
		hi := min(lo+int(perPage), len(users))
		users = users[lo:hi]
	}
	list := make([]any, len(users))
	for i := range users {
		list[i] = r.renderUser(&users[i], "", true)
	}
	resp := NewResponse(http.StatusOK, list)
	pageNum := offset/perPage + 1
	if offset%perPage != 0 {
		pageNum++
	}
	r.Paginate(resp, "/wp/v2/users", total, pageNum, perPage)
	return resp, nil
}

// rolesWithAnyCap narrows roles (all roles when empty) to those granting at
// least one of caps (a role name counts as its own capability).
func rolesWithAnyCap(roles, caps []string) []string {
	allowed := map[string]bool{}
	for _, c := range caps {
		if models.IsRole(c) {
			allowed[c] = true
		}
		for _, r := range models.RolesWithCap(c) {
			allowed[r] = true
		}
	}
	var out []string
	if len(roles) == 0 {
		for _, r := range models.Roles() {
			if allowed[r.Name] {
				out = append(out, r.Name)
			}
		}
		return out
	}
	for _, r := range roles {
		if allowed[r] {
			out = append(out, r)
		}
	}
	return out
}

// orderByList sorts users by their position in the include or slug list.
func orderByList(users []models.User, by string, ids []uint64, slugs []string) []models.User {
	pos := map[string]int{}
	if by == "include" {
		for i, id := range ids {
			if _, ok := pos[strconv.FormatUint(id, 10)]; !ok {
				pos[strconv.FormatUint(id, 10)] = i
			}
		}
	} else {
		for i, s := range slugs {
			if _, ok := pos[s]; !ok {
				pos[s] = i
			}
		}
	}
	key := func(u *models.User) int {
		if by == "include" {
			return pos[strconv.FormatUint(u.ID, 10)]
		}
		return pos[u.Nicename]
	}
	sort.SliceStable(users, func(i, j int) bool { return key(&users[i]) < key(&users[j]) })
	return users
}

// canReadUser is get_item_permissions_check.
func (s *Server) canReadUser(r *Request) error {
	u, err := r.targetUser()
	if err != nil {
		return err
	}
	if r.User != nil && r.User.ID == u.ID {
		return nil
	}
	canList := models.CanListUsers(r.User)
	if r.String("context") == "edit" && !canList {
		return Forbidden("rest_user_cannot_view", languages.Mark("Sorry, you are not allowed to list users."))
	}
	if canList || models.CanEditUser(r.User, u) {
		return nil
	}
	counts, err := s.store.CountPostsByAuthor(r.ctx, []uint64{u.ID}, restPostTypes)
	if err != nil {
		return err
	}
	if counts[u.ID] == 0 {
		return Forbidden("rest_user_cannot_view", languages.Mark("Sorry, you are not allowed to list users."))
	}
	return nil
}

// getUser is get_item.
func (s *Server) getUser(r *Request) (*Response, error) {
	u, err := r.targetUser()
	if err != nil {
		return nil, err
	}
	return NewResponse(http.StatusOK, r.renderUser(u, "", true)), nil
}

var errNotLoggedIn = Err(http.StatusUnauthorized, "rest_not_logged_in", languages.Mark("You are not currently logged in."))

// getCurrentUser is get_current_item (/users/me).
func (s *Server) getCurrentUser(r *Request) (*Response, error) {
	if r.User == nil {
		return nil, errNotLoggedIn
	}
	return NewResponse(http.StatusOK, r.renderUser(r.User, "", true)), nil
}

// canCreateUser is create_item_permissions_check.
func (s *Server) canCreateUser(r *Request) error {
	if !models.CanCreateUsers(r.User) {
		return Forbidden("rest_cannot_create_user", languages.Mark("Sorry, you are not allowed to create new users."))
	}
	return nil
}

// checkRoleUpdate is check_role_update: every role must exist, and an
// editor of users may not take that power from themselves.
func (r *Request) checkRoleUpdate(userID uint64, roles []string) error {
	for _, role := range roles {
		if !models.IsRole(role) {
			return Errf(http.StatusBadRequest, "rest_user_invalid_role", languages.Mark("The role %s does not exist."), role)
		}
		if !models.CanGiveRole(r.User, userID, role) {
			return Forbidden("rest_user_invalid_role", languages.Mark("Sorry, you are not allowed to give users that role."))
		}
		// WordPress's third check, get_editable_roles(), allows every role
		// unless a plugin filters the list; PressPass has no such filter.
	}
	return nil
}

// userInput collects the writable fields of the request.
func (r *Request) userInput() models.UserInput {
	var in models.UserInput
	str := func(name string) *string {
		if !r.Has(name) {
			return nil
		}
		v := r.String(name)
		return &v
	}
	in.Email = str("email")
	in.Login = str("username")
	in.Password = str("password")
	in.DisplayName = str("name")
	in.FirstName = str("first_name")
	in.LastName = str("last_name")
	in.Nickname = str("nickname")
	in.Nicename = str("slug")
	in.Description = str("description")
	in.URL = str("url")
	in.Locale = str("locale")
	if roles := r.StringList("roles"); r.Has("roles") && len(roles) > 0 {
		role := roles[len(roles)-1]
		in.Role = &role
	}
	return in
}

// createUser is create_item.
func (s *Server) createUser(r *Request) (*Response, error) {
	if r.Has("id") && r.Int("id") != 0 {
		return nil, Err(http.StatusBadRequest, "rest_user_exists", languages.Mark("Cannot create existing user."))
	}
	if roles := r.StringList("roles"); len(roles) > 0 {
		if err := r.checkRoleUpdate(0, roles); err != nil {
			return nil, err
		}
	}
	u, err := s.store.CreateUser(r.ctx, r.userInput())
	if err != nil {
		return nil, err
	}
	resp := NewResponse(http.StatusCreated, r.renderUser(u, "edit", true))
	resp.Header.Set("Location", r.URL("/wp/v2/users/"+strconv.FormatUint(u.ID, 10)))
	return resp, nil
}

// canUpdateUser is update_item_permissions_check (and the /me variant).
func (s *Server) canUpdateUser(r *Request) error {
	u, err := r.targetUser()
	if err != nil {
		return err
	}
	if r.Has("roles") && len(r.StringList("roles")) > 0 {
		if !models.CanPromoteUser(r.User, u) {
			return Forbidden("rest_cannot_edit_roles", languages.Mark("Sorry, you are not allowed to edit roles of this user."))
		}
		if r.onlyParams("id", "roles") {
			return nil
		}
	}
	if !models.CanEditUser(r.User, u) {
		return Forbidden("rest_cannot_edit", languages.Mark("Sorry, you are not allowed to edit this user."))
	}
	return nil
}

// onlyParams reports whether the request carries no parameters but names.
func (r *Request) onlyParams(names ...string) bool {
	allowed := map[string]bool{}
	for _, n := range names {
		allowed[n] = true
	}
	for _, src := range []map[string]any{r.jsonParams, r.bodyParams, r.queryParams} {
		for k := range src {
			if !allowed[k] {
				return false
			}
		}
	}
	return true
}

// updateUser is update_item (and update_current_item).
func (s *Server) updateUser(r *Request) (*Response, error) {
	u, err := r.targetUser()
	if err != nil {
		return nil, err
	}
	if email := r.String("email"); email != "" {
		other, err := s.store.UserByEmail(r.ctx, email)
		if err != nil && !models.IsNotFound(err) {
			return nil, err
		}
		if err == nil && other.ID != u.ID {
			return nil, Err(http.StatusBadRequest, "rest_user_invalid_email", languages.Mark("Invalid email address."))
		}
	}
	if name := r.String("username"); name != "" && name != u.Login {
		return nil, Err(http.StatusBadRequest, "rest_user_invalid_argument", languages.Mark("Username isn't editable."))
	}
	if slug := r.String("slug"); slug != "" && slug != u.Nicename {
		_, total, err := s.store.Users(r.ctx, models.UserFilter{Slugs: []string{slug}, Limit: 1})
		if err != nil {
			return nil, err
		}
		if total > 0 {
			return nil, Err(http.StatusBadRequest, "rest_user_invalid_slug", languages.Mark("Invalid slug."))
		}
	}
	if roles := r.StringList("roles"); len(roles) > 0 {
		if err := r.checkRoleUpdate(u.ID, roles); err != nil {
			return nil, err
		}
	}
	in := r.userInput()
	in.Login = nil
	updated, err := s.store.UpdateUser(r.ctx, u.ID, in)
	if err != nil {
		return nil, err
	}
	r.forgetUser(u.ID)
	if r.User != nil && r.User.ID == updated.ID {
		r.User = updated
	}
	return NewResponse(http.StatusOK, r.renderUser(updated, "edit", true)), nil
}

// canDeleteUser is delete_item_permissions_check (and the /me variant).
func (s *Server) canDeleteUser(r *Request) error {
	u, err := r.targetUser()
	if err != nil {
		return err
	}
	if !models.CanDeleteUser(r.User, u) {
		return Forbidden("rest_user_cannot_delete", languages.Mark("Sorry, you are not allowed to delete this user."))
	}
	return nil
}

// deleteUser is delete_item: users cannot be trashed, so force=true is
// required; their posts go to reassign or are deleted when it is false.
func (s *Server) deleteUser(r *Request) (*Response, error) {
	u, err := r.targetUser()
	if err != nil {
		return nil, err
	}
	var reassign uint64
	if n, ok := r.Param("reassign").(int64); ok && n > 0 {
		reassign = uint64(n)
	}
	if !r.Bool("force") {
		return nil, Err(http.StatusNotImplemented, "rest_trash_not_supported", languages.Mark("Users do not support trashing. Set 'force=true' to delete."))
	}
	if reassign != 0 {
		if reassign == u.ID {
			return nil, Err(http.StatusBadRequest, "rest_user_invalid_reassign", languages.Mark("Invalid user ID for reassignment."))
		}
		if _, err := r.UserByID(reassign); err != nil {
			if models.IsNotFound(err) {
				return nil, Err(http.StatusBadRequest, "rest_user_invalid_reassign", languages.Mark("Invalid user ID for reassignment."))
			}
			return nil, err
		}
	}
	previous := r.renderUser(u, "edit", false)
	if _, err := s.store.DeleteUser(r.ctx, u.ID, reassign); err != nil {
		if models.IsNotFound(err) {
			return nil, errUserInvalidID
		}
		return nil, err
	}
	r.forgetUser(u.ID)
	return NewResponse(http.StatusOK, map[string]any{"deleted": true, "previous": previous}), nil
}
