package rest

import (
	"strconv"
	"strings"

	"github.com/presspass/presspass/models"
)

// avatarSizes are rest_get_avatar_sizes().
var avatarSizes = []int{24, 48, 96}

// avatarURLs is rest_get_avatar_urls: Gravatar URLs keyed by size, hashed
// with SHA-256 of the trimmed, lower-cased e-mail address as WordPress 6.8+
// does.
func avatarURLs(email string) *Object {
	out := &Object{members: make([]member, 0, len(avatarSizes))}
	for _, n := range avatarSizes {
		out.Set(strconv.Itoa(n), models.GravatarURL(email, n))
	}
	return out
}

// userFieldContexts lists, per field of the user schema, the contexts it
// appears in (WP_REST_Users_Controller::get_item_schema).
var userFieldContexts = []struct {
	name     string
	contexts string
}{
	{"id", "embed view edit"},
	{"username", "edit"},
	{"name", "embed view edit"},
	{"first_name", "edit"},
	{"last_name", "edit"},
	{"email", "edit"},
	{"url", "embed view edit"},
	{"description", "embed view edit"},
	{"link", "embed view edit"},
	{"locale", "edit"},
	{"nickname", "edit"},
	{"slug", "embed view edit"},
	{"roles", "edit"},
	{"registered_date", "edit"},
	{"capabilities", "edit"},
	{"extra_capabilities", "edit"},
	{"avatar_urls", "embed view edit"},
	{"meta", "view edit"},
}

// userLocaleEnum is the locale field's enum: "", en_US and the installed
// translations, as WordPress lists get_available_languages().
func userLocaleEnum() []any {
	var out []any
	for _, l := range models.UserLocaleChoices() {
		out = append(out, l)
	}
	return out
}

// userCapabilities is WP_User::allcaps: the role's capabilities plus the
// role name itself.
func userCapabilities(u *models.User) *Object {
	out := &Object{}
	if role, ok := models.RoleByName(u.Role); ok {
		out.members = make([]member, 0, len(role.Capabilities)+1)
		for _, c := range role.Capabilities {
			out.Set(c, true)
		}
	}
	if u.Role != "" {
		out.Set(u.Role, true)
	}
	return out
}

// userRoles is WP_User::roles as a list.
func userRoles(u *models.User) []any {
	if u.Role == "" {
		return []any{}
	}
	return []any{u.Role}
}

// renderUser is prepare_item_for_response for a user in the request's
// context (or ctxOverride when set), honouring _fields; links are added
// when withLinks is set.
func (r *Request) renderUser(u *models.User, ctxOverride string, withLinks bool) *Object {
	context := r.ViewContext()
	if ctxOverride != "" {
		context = ctxOverride
	}
	// userFieldContexts is in WordPress's order.
	data := &Object{members: make([]member, 0, len(userFieldContexts)+1)}
	for _, f := range userFieldContexts {
		if !strings.Contains(f.contexts, context) || !r.FieldIncluded(f.name) {
			continue
		}
		switch f.name {
		case "id":
			data.Set("id", u.ID)
		case "username":
			data.Set("username", u.Login)
		case "name":
			data.Set("name", u.DisplayName)
		case "first_name":
			data.Set("first_name", u.FirstName)
		case "last_name":
			data.Set("last_name", u.LastName)
		case "email":
			data.Set("email", u.Email)
		case "url":
			data.Set("url", u.URL)
		case "description":
			data.Set("description", u.Description)
		case "link":
			data.Set("link", r.SiteURL()+"/author/"+u.Nicename+"/")
		case "locale":
			data.Set("locale", models.UserLocale(r.server.store.Option(r.Ctx(), "WPLANG"), u))
		case "nickname":
			data.Set("nickname", u.Nickname)
		case "slug":
			data.Set("slug", u.Nicename)
		case "roles":
			data.Set("roles", userRoles(u))
		case "registered_date":
			data.Set("registered_date", u.Registered.UTC().Format("2006-01-02T15:04:05-07:00"))
		case "capabilities":
			data.Set("capabilities", userCapabilities(u))
		case "extra_capabilities":
			extra := &Object{}
			if u.Role != "" {
				extra.Set(u.Role, true)
			}
			data.Set("extra_capabilities", extra)
		case "avatar_urls":
			data.Set("avatar_urls", avatarURLs(u.Email))
		case "meta":
			// The only registered user meta, persisted_preferences, is
			// shown in the edit context alone; an empty PHP array
			// otherwise.
			if context == "edit" {
				data.Set("meta", Obj("persisted_preferences", []any{}))
			} else {
				data.Set("meta", []any{})
			}
		}
	}
	if withLinks {
		r.WithLinks(data, Links{
			{Rel: "self", Href: r.URL("/wp/v2/users/" + strconv.FormatUint(u.ID, 10))},
			{Rel: "collection", Href: r.URL("/wp/v2/users")},
		})
	}
	return data
}
