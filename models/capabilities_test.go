package models_test

import (
	"fmt"
	"testing"

	"github.com/presspass/presspass/models"
)

func TestCanOnPostRoleMatrix(t *testing.T) {
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
			if got := models.CanOnPost(users[tt.who], tt.cap, tt.p); got != tt.want {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCanOnUser(t *testing.T) {
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
			if got := models.CanOnUser(tt.actor, tt.cap, tt.target); got != tt.want {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			if tt.cap == "edit_user" && models.CanManageAppPasswords(tt.actor, tt.target) != tt.want {
				t.Fatal("application-password management must follow edit_user")
			}
		})
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
