package xmlrpc

import (
	"slices"
	"strconv"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// usersBlogs is blogger.getUsersBlogs' answer for a single site.
func usersBlogs(c *Call, u *models.User) Value {
	return Array(Struct(
		M("isAdmin", Bool(models.CanManageOptions(u))),
		M("url", Str(c.srv.cfg.SiteURL+"/")),
		M("blogid", Str("1")),
		M("blogName", Str(c.srv.store.Option(c.ctx, "blogname"))),
		M("xmlrpc", Str(c.srv.cfg.SiteURL+"/xmlrpc.php")),
	))
}

// wpGetUsersBlogs(username, password): on a single site WordPress hands
// over to blogger.getUsersBlogs.
func wpGetUsersBlogs(c *Call, p Params) (Value, error) {
	if err := p.Min(2); err != nil {
		return Value{}, err
	}
	u, err := c.login(p, 0, 1)
	if err != nil {
		return Value{}, err
	}
	return usersBlogs(c, u), nil
}

// bloggerGetUsersBlogs(appkey, username, password).
func bloggerGetUsersBlogs(c *Call, p Params) (Value, error) {
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	return usersBlogs(c, u), nil
}

// bloggerGetUserInfo(appkey, username, password).
func bloggerGetUserInfo(c *Call, p Params) (Value, error) {
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	if !models.CanEditPosts(u, "post") {
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to access user data on this site."))
	}
	return Struct(
		M("nickname", Str(u.Nickname)),
		M("userid", Int(int64(u.ID))),
		M("url", Str(u.URL)),
		M("lastname", Str(u.LastName)),
		M("firstname", Str(u.FirstName)),
	), nil
}

// prepareUser is WordPress's _prepare_user: user_id always, then the
// requested fields ("all", "basic" or names) in WordPress's order.
func prepareUser(u *models.User, fields []string) Value {
	all := []Member{
		M("username", Str(u.Login)),
		M("first_name", Str(u.FirstName)),
		M("last_name", Str(u.LastName)),
		M("registered", Time(u.Registered)),
		M("bio", Str(u.Description)),
		M("email", Str(u.Email)),
		M("nickname", Str(u.Nickname)),
		M("nicename", Str(u.Nicename)),
		M("url", Str(u.URL)),
		M("display_name", Str(u.DisplayName)),
		M("roles", userRoles(u)),
	}
	out := []Member{M("user_id", Str(strconv.FormatUint(u.ID, 10)))}
	if slices.Contains(fields, "all") {
		return Struct(append(out, all...)...)
	}
	want := fields
	if slices.Contains(fields, "basic") {
		want = append(slices.Clone(fields), "username", "email", "registered", "display_name", "nicename")
	}
	for _, m := range all {
		if slices.Contains(want, m.Name) {
			out = append(out, m)
		}
	}
	return Struct(out...)
}

func userRoles(u *models.User) Value {
	if u.Role == "" {
		return Array()
	}
	return StrArray([]string{u.Role})
}

// wpGetUser(blog, username, password, user_id[, fields]).
func wpGetUser(c *Call, p Params) (Value, error) {
	if err := p.Min(4); err != nil {
		return Value{}, err
	}
	id, err := p.ID(3)
	if err != nil {
		return Value{}, err
	}
	fields, err := p.Fields(4, "all")
	if err != nil {
		return Value{}, err
	}
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	target, err := c.srv.store.UserByID(c.ctx, id)
	if err != nil && !models.IsNotFound(err) {
		return Value{}, err
	}
	// WordPress checks edit_user before looking the user up: only those who
	// may edit others learn that an id does not exist.
	if !models.CanEditUserWithID(u, id, target) {
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to edit this user."))
	}
	if target == nil {
		return Value{}, NewFault(404, languages.Mark("Invalid user ID."))
	}
	return prepareUser(target, fields), nil
}

// userOrderBy maps WP_User_Query's orderby values to the store's.
var userOrderBy = map[string]string{
	"ID": "id", "id": "id", "display_name": "display_name", "name": "display_name", "username": "login",
	"login": "login", "user_login": "login", "nicename": "nicename", "user_nicename": "nicename",
	"email": "email", "user_email": "email", "url": "url", "user_url": "url", "registered": "registered",
	"user_registered": "registered",
}

// wpGetUsers(blog, username, password[, filter[, fields]]).
func wpGetUsers(c *Call, p Params) (Value, error) {
	if err := p.Min(3); err != nil {
		return Value{}, err
	}
	filter := p.Struct(3)
	fields, err := p.Fields(4, "all")
	if err != nil {
		return Value{}, err
	}
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	if !models.CanListUsers(u) {
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to list users."))
	}
	f := models.UserFilter{Limit: 50, OrderBy: "login"}
	if n, ok := memberInt(filter, "number"); ok {
		// get_users treats number 0 as "no limit", as the store does.
		f.Limit = absint(n)
	}
	if n, ok := memberInt(filter, "offset"); ok {
		f.Offset = absint(n)
	}
	if ob, ok := memberString(filter, "orderby"); ok {
		if col, known := userOrderBy[ob]; known {
			f.OrderBy = col
		}
		if o, ok := memberString(filter, "order"); ok {
			f.Order = o
		}
	}
	if role, ok := memberString(filter, "role"); ok {
		if !models.IsRole(role) {
			return Value{}, NewFault(403, languages.Mark("Invalid role."))
		}
		f.Roles = []string{role}
	}
	if who, ok := memberString(filter, "who"); ok && who == "authors" {
		f.Authors = true
	}
	users, _, err := c.srv.store.Users(c.ctx, f)
	if err != nil {
		return Value{}, err
	}
	out := make([]Value, 0, len(users))
	for i := range users {
		if models.CanEditUser(u, &users[i]) {
			out = append(out, prepareUser(&users[i], fields))
		}
	}
	return Array(out...), nil
}

// wpGetProfile(blog, username, password[, fields]).
func wpGetProfile(c *Call, p Params) (Value, error) {
	if err := p.Min(3); err != nil {
		return Value{}, err
	}
	fields, err := p.Fields(3, "all")
	if err != nil {
		return Value{}, err
	}
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	if !models.CanEditUser(u, u) {
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to edit your profile."))
	}
	return prepareUser(u, fields), nil
}

// wpEditProfile(blog, username, password, content): first_name, last_name,
// url, display_name, nickname, nicename, bio.
func wpEditProfile(c *Call, p Params) (Value, error) {
	if err := p.Min(4); err != nil {
		return Value{}, err
	}
	content := p.Struct(3)
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	if !models.CanEditUser(u, u) {
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to edit your profile."))
	}
	var in models.UserInput
	pick := func(name string) *string {
		if s, ok := memberString(content, name); ok {
			return &s
		}
		return nil
	}
	in.FirstName = pick("first_name")
	in.LastName = pick("last_name")
	in.URL = pick("url")
	in.DisplayName = pick("display_name")
	in.Nickname = pick("nickname")
	in.Nicename = pick("nicename")
	in.Description = pick("bio")
	if _, err := c.srv.store.UpdateUser(c.ctx, u.ID, in); err != nil {
		if models.ErrorKind(err) == models.KindInternal {
			return Value{}, err
		}
		return Value{}, faultCoded(500, err)
	}
	return Bool(true), nil
}

// wpGetAuthors(blog, username, password): every user, by login, as
// WordPress's get_users() lists them.
func wpGetAuthors(c *Call, p Params) (Value, error) {
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	if !models.CanEditPosts(u, "post") {
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to edit posts."))
	}
	users, _, err := c.srv.store.Users(c.ctx, models.UserFilter{OrderBy: "login"})
	if err != nil {
		return Value{}, err
	}
	out := make([]Value, 0, len(users))
	for _, a := range users {
		out = append(out, Struct(
			M("user_id", Str(strconv.FormatUint(a.ID, 10))),
			M("user_login", Str(a.Login)),
			M("display_name", Str(a.DisplayName)),
		))
	}
	return Array(out...), nil
}

// absint is WordPress's absint(): the absolute value as a non-negative int.
func absint(n int64) int {
	if n < 0 {
		n = -n
	}
	if n < 0 || n > 1<<31-1 {
		return 1<<31 - 1
	}
	return int(n)
}
