package models_test

import (
	"context"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
)

// Avatars are shown on a site that never set show_avatars, as WordPress
// turns it on at install, and hidden only once it is turned off.
func TestShowAvatars(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	if !s.ShowAvatars(ctx) {
		t.Error("hidden on a site that never set show_avatars")
	}
	for _, c := range []struct {
		value string
		want  bool
	}{{"0", false}, {"1", true}} {
		if err := s.SetOption(ctx, "show_avatars", c.value); err != nil {
			t.Fatal(err)
		}
		if got := s.ShowAvatars(ctx); got != c.want {
			t.Errorf("show_avatars=%q: %v, want %v", c.value, got, c.want)
		}
	}
}
