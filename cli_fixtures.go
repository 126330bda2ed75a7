package main

import (
	"context"
	"fmt"
	"io"

	"github.com/presspass/presspass/fixtures"
	"github.com/presspass/presspass/models"
)

func cmdFixtures(ctx context.Context, raw []string, out io.Writer) error {
	return withStore(ctx, raw, flagSpec{}, func(s *models.Store, a *args) error {
		if err := a.need(2, 2, "fixtures load NAME|FILE.json  (sets: "+fmt.Sprint(fixtures.Names())+")"); err != nil {
			return err
		}
		if a.pos[0] != "load" {
			return fmt.Errorf("unknown fixtures command %q; want load", a.pos[0])
		}
		site, err := fixtures.Read(a.pos[1])
		if err != nil {
			return err
		}
		r, err := fixtures.Load(ctx, s, site)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "Success: loaded %s: %d options, %d users, %d posts, %d terms, %d comments.\n",
			a.pos[1], r.Options, r.Users, r.Posts, r.Terms, r.Comments)
		return nil
	})
}
