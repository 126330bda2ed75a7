package models_test

import (
	"fmt"
	"testing"

	"github.com/presspass/presspass/models"
)

// postPredicates names the post predicates the role matrix checks.
var postPredicates = map[string]func(*models.User, *models.Post) bool{
	"edit_post":   models.CanEditPost,
	"delete_post": models.CanDeletePost,
	"read_post":   models.CanReadPost,
	"publish_post": func(u *models.User, p *models.Post) bool {
		return models.CanPublish(u, p.Type)
	},
}

func TestPostPredicatesRoleMatrix(t *testing.T) {
	users := map[string]*models.User{}
	for i, role := range []string{"administrator", "editor", "author", "contributor", "subscriber"} {
		users[role] = &models.User{ID: uint64(i + 1), Role: role}
	}
	author := users["author"]
	contributor := users["contributor"]
	post := func(owner *models.User, status string) *models.Post {
		return &models.Post{AuthorID: owner.ID, Status: status, Type: "post"}
	}
	tests := []struct {
		who  string
		cap  string
		p    *models.Post
		want bool
	}{
		{"author", "edit_post", post(author, "publish"), true},
		{"author", "edit_post", post(users["editor"], "publish"), false},
		{"author", "delete_post", post(author, "publish"), true},
		{"author", "read_post", post(users["editor"], "private"), false},
		{"editor", "edit_post", post(author, "publish"), true},
		{"editor", "edit_post", post(author, "private"), true},
		{"editor", "delete_post", post(author, "draft"), true},
		{"editor", "read_post", post(author, "private"), true},
		{"contributor", "edit_post", post(contributor, "draft"), true},
		{"contributor", "edit_post", post(contributor, "publish"), false},
		{"contributor", "delete_post", post(contributor, "publish"), false},
		{"contributor", "edit_post", post(author, "draft"), false},
		{"subscriber", "edit_post", post(users["subscriber"], "draft"), false},
		{"subscriber", "read_post", post(author, "publish"), true},
		{"subscriber", "read_post", post(author, "draft"), false},
		{"", "read_post", post(author, "publish"), true},
		{"", "read_post", post(author, "private"), false},
		{"", "edit_post", post(author, "draft"), false},
		{"administrator", "publish_post", post(author, "draft"), true},
		{"contributor", "publish_post", post(contributor, "draft"), false},
	}
	for _, tt := range tests {
		t.Run(tt.who+"/"+tt.cap+"/"+tt.p.Status, func(t *testing.T) {
			if got := postPredicates[tt.cap](users[tt.who], tt.p); got != tt.want {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// userPredicates names the user predicates the table checks.
var userPredicates = map[string]func(actor, target *models.User) bool{
	"edit_user":   models.CanEditUser,
	"delete_user": models.CanDeleteUser,
}

func TestUserPredicates(t *testing.T) {
	admin := &models.User{ID: 1, Role: "administrator"}
	admin2 := &models.User{ID: 6, Role: "administrator"}
	editor := &models.User{ID: 2, Role: "editor"}
	sub := &models.User{ID: 4, Role: "subscriber"}
	tests := []struct {
		name          string
		actor, target *models.User
		cap           string
		want          bool
	}{
		{"self edit", sub, sub, "edit_user", true},
		{"subscriber edits other", sub, editor, "edit_user", false},
		{"editor edits other", editor, sub, "edit_user", false},
		{"admin edits other", admin, sub, "edit_user", true},
		{"admin edits admin", admin, admin2, "edit_user", true},
		{"admin deletes", admin, sub, "delete_user", true},
		{"editor deletes", editor, sub, "delete_user", false},
		{"nobody", nil, sub, "edit_user", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := userPredicates[tt.cap](tt.actor, tt.target); got != tt.want {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			if tt.cap == "edit_user" && models.CanManageAppPasswords(tt.actor, tt.target) != tt.want {
				t.Fatal("application-password management must follow edit_user")
			}
		})
	}
}

func TestEditUserWithID(t *testing.T) {
	admin := &models.User{ID: 1, Role: "administrator"}
	sub := &models.User{ID: 4, Role: "subscriber"}
	tests := []struct {
		name   string
		actor  *models.User
		id     uint64
		target *models.User
		want   bool
	}{
		{"an existing user follows edit_user", sub, 1, admin, false},
		{"a free id, asked by someone who edits users", admin, 99, nil, true},
		{"a free id, asked by someone else", sub, 99, nil, false},
		{"one's own id", sub, 4, nil, true},
		{"a visitor", nil, 99, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := models.CanEditUserWithID(tt.actor, tt.id, tt.target); got != tt.want {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestGiveRole(t *testing.T) {
	admin := &models.User{ID: 1, Role: "administrator"}
	for _, tt := range []struct {
		name     string
		targetID uint64
		role     string
		want     bool
	}{
		{"another user any role", 2, "subscriber", true},
		{"oneself a role that edits users", 1, "administrator", true},
		{"oneself a role that does not", 1, "editor", false},
	} {
		if got := models.CanGiveRole(admin, tt.targetID, tt.role); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

// The rules WordPress words the same but decides differently per API are
// named values; each decides as its API does for every role.
func TestRuleSets(t *testing.T) {
	tags, _ := models.TaxonomyByName("post_tag")
	categories, _ := models.TaxonomyByName("category")
	for _, tt := range []struct {
		role                                    string
		createPost, createPage                  bool
		stickyStrict, stickyLoose               bool
		tagsByEditors, tagsByAssigners, catsAny bool
	}{
		{"administrator", true, true, true, true, true, true, true},
		{"editor", true, true, true, true, true, true, true},
		{"author", true, false, false, true, false, true, false},
		{"contributor", true, false, false, false, false, true, false},
		{"subscriber", false, false, false, false, false, false, false},
	} {
		t.Run(tt.role, func(t *testing.T) {
			u := &models.User{ID: 1, Role: tt.role}
			got := []bool{
				models.CanCreatePost(u, "post"), models.CanCreatePost(u, "page"),
				models.CanStick(u, "post", models.StickyByEditorsWhoPublish), models.CanStick(u, "post", models.StickyByEditorsOrPublishers),
				models.CanCreateTerm(u, tags, models.TermsByEditors), models.CanCreateTerm(u, tags, models.FlatTermsByAssigners),
				models.CanCreateTerm(u, categories, models.FlatTermsByAssigners),
			}
			want := []bool{tt.createPost, tt.createPage, tt.stickyStrict, tt.stickyLoose, tt.tagsByEditors, tt.tagsByAssigners, tt.catsAny}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("predicate %d: got %v, want %v", i, got[i], want[i])
				}
			}
		})
	}
	if models.CanCreatePost(nil, "post") || models.CanStick(nil, "post", models.StickyByEditorsOrPublishers) {
		t.Error("a visitor may not write")
	}
}

func TestRoles(t *testing.T) {
	if len(models.Roles()) != 5 {
		t.Fatal("WordPress has five default roles")
	}
	if got := len(models.RoleCaps("administrator")); got != 61 {
		t.Errorf("administrator has %d capabilities, WordPress 6.9 gives 61", got)
	}
	// WordPress's legacy user levels: a role holds level_0 up to its own.
	for role, level := range map[string]int{"administrator": 10, "editor": 7, "author": 2, "contributor": 1, "subscriber": 0} {
		caps := models.RoleCaps(role)
		for n := 0; n <= 10; n++ {
			if has := caps[fmt.Sprintf("level_%d", n)]; has != (n <= level) {
				t.Errorf("%s has level_%d: %v, want user level %d", role, n, has, level)
			}
		}
	}
	if models.IsRole("root") {
		t.Error("unknown role accepted")
	}
}
