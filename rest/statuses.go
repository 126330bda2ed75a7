package rest

import (
	"net/http"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// /wp/v2/statuses: WP_REST_Post_Statuses_Controller. Public statuses are
// shown to everyone, the others only to users who may edit posts of some
// type.

// postStatus is a registered post status with its flags.
type postStatus struct {
	slug, name                            string
	public, private, protected, queryable bool
	showInList, dateFloating              bool
}

// postStatuses are WordPress's statuses in its order (trash last, as the
// controller appends it).
var postStatuses = []postStatus{
	{slug: "publish", name: "Published", public: true, queryable: true, showInList: true},
	{slug: "future", name: "Scheduled", protected: true, showInList: true},
	{slug: "draft", name: "Draft", protected: true, showInList: true, dateFloating: true},
	{slug: "pending", name: "Pending", protected: true, showInList: true, dateFloating: true},
	{slug: "private", name: "Private", private: true, showInList: true},
	{slug: "trash", name: "Trash", showInList: true},
}

func (s *Server) statusesRoutes() []*Route {
	return []*Route{
		{Namespace: "wp/v2", Pattern: "/wp/v2/statuses", Schema: statusSchema, Endpoints: []*Endpoint{
			{Methods: []string{"GET"}, Args: []Arg{ContextArg("view")}, Permission: statusesListPermission, Handler: s.listStatuses},
		}},
		{Namespace: "wp/v2", Pattern: `/wp/v2/statuses/(?P<status>[\w-]+)`, Schema: statusSchema, Endpoints: []*Endpoint{
			{Methods: []string{"GET"}, Args: []Arg{
				{Name: "status", Description: "An alphanumeric identifier for the status.", Type: "string"},
				ContextArg("view"),
			}, Permission: statusReadPermission, Handler: s.getStatus},
		}},
	}
}

// canEditSomeType is what reading a non-public status or the edit context
// takes: the edit capability of some post type.
func canEditSomeType(u *models.User) bool {
	return models.CanEditPosts(u, "post") || models.CanEditPosts(u, "page")
}

func statusesListPermission(r *Request) error {
	if r.ViewContext() == "edit" && !canEditSomeType(r.User) {
		return Forbidden("rest_cannot_view", languages.Mark("Sorry, you are not allowed to manage post statuses."))
	}
	return nil
}

func findStatus(slug string) *postStatus {
	for i := range postStatuses {
		if postStatuses[i].slug == slug {
			return &postStatuses[i]
		}
	}
	return nil
}

func statusReadPermission(r *Request) error {
	st := findStatus(r.URLParam("status"))
	if st == nil {
		return Err(http.StatusNotFound, "rest_status_invalid", languages.Mark("Invalid status."))
	}
	if !st.public && !canEditSomeType(r.User) {
		return Forbidden("rest_cannot_read_status", languages.Mark("Cannot view status."))
	}
	return nil
}

func (s *Server) renderStatus(r *Request, st *postStatus) *Object {
	vctx := r.ViewContext()
	data := &Object{}
	set := func(field string, v any, ctxs ...string) {
		for _, c := range ctxs {
			if c == vctx && r.FieldIncluded(field) {
				data.Set(field, v)
				return
			}
		}
	}
	set("name", st.name, "embed", "view", "edit")
	set("private", st.private, "edit")
	set("protected", st.protected, "edit")
	set("public", st.public, "view", "edit")
	set("queryable", st.queryable, "view", "edit")
	set("show_in_list", st.showInList, "edit")
	set("slug", st.slug, "embed", "view", "edit")
	set("date_floating", st.dateFloating, "view", "edit")
	archives := r.URL("/wp/v2/posts")
	if st.slug != "publish" {
		archives += "?status=" + st.slug
	}
	return r.WithLinks(data, Links{{Rel: "archives", Href: archives}})
}

func (s *Server) listStatuses(r *Request) (*Response, error) {
	out := &Object{}
	for i := range postStatuses {
		st := &postStatuses[i]
		if !st.public && !canEditSomeType(r.User) {
			continue
		}
		out.Set(st.slug, s.renderStatus(r, st))
	}
	return NewResponse(http.StatusOK, out), nil
}

func (s *Server) getStatus(r *Request) (*Response, error) {
	return NewResponse(http.StatusOK, s.renderStatus(r, findStatus(r.URLParam("status")))), nil
}

func statusSchema() *Object {
	return Obj(
		"$schema", "http://json-schema.org/draft-04/schema#", "title", "status", "type", "object",
		"properties", Obj(
			"name", Obj("description", "The title for the status.", "type", "string", "context", ctxAll, "readonly", true),
			"private", Obj("description", "Whether posts with this status should be private.", "type", "boolean", "context", ctxEdit, "readonly", true),
			"protected", Obj("description", "Whether posts with this status should be protected.", "type", "boolean", "context", ctxEdit, "readonly", true),
			"public", Obj("description", "Whether posts of this status should be shown in the front end of the site.", "type", "boolean", "context", ctxViewEdit, "readonly", true),
			"queryable", Obj("description", "Whether posts with this status should be publicly-queryable.", "type", "boolean", "context", ctxViewEdit, "readonly", true),
			"show_in_list", Obj("description", "Whether to include posts in the edit listing for their post type.", "type", "boolean", "context", ctxEdit, "readonly", true),
			"slug", Obj("description", "An alphanumeric identifier for the status.", "type", "string", "context", ctxAll, "readonly", true),
			"date_floating", Obj("description", "Whether posts of this status may have floating published dates.", "type", "boolean", "context", ctxViewEdit, "readonly", true),
		),
	)
}
