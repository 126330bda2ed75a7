package main

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/presspass/presspass/models"
)

// presspass option get|update: WP-CLI's wp option for the site's options,
// e.g. the site language (presspass option update WPLANG ja). Values are
// cleaned as the REST settings endpoint cleans them (sanitize_option); a
// value WordPress would refuse leaves the option as it was and fails.

var optionFlags = flagSpec{}

func cmdOption(ctx context.Context, raw []string, out io.Writer) error {
	return withStore(ctx, raw, optionFlags, func(s *models.Store, a *args) error {
		if len(a.pos) == 0 {
			return fmt.Errorf("usage: presspass option get NAME | update NAME VALUE")
		}
		sub := a.pos[0]
		a.pos = a.pos[1:]
		switch sub {
		case "get":
			if err := a.need(1, 1, "option get NAME"); err != nil {
				return err
			}
			fmt.Fprintln(out, s.Option(ctx, a.pos[0]))
			return nil
		case "update":
			if err := a.need(2, 2, "option update NAME VALUE"); err != nil {
				return err
			}
			name, value := a.pos[0], a.pos[1]
			clean, ok := models.SanitizeOption(name, value)
			if !ok {
				return fmt.Errorf("could not update option '%s': %q is not an accepted value%s", name, value, optionHint(name))
			}
			if clean == s.Option(ctx, name) {
				fmt.Fprintf(out, "Success: Value passed for '%s' option is unchanged.\n", name)
				return nil
			}
			if err := s.SetOption(ctx, name, clean); err != nil {
				return err
			}
			fmt.Fprintf(out, "Success: Updated '%s' option.\n", name)
			return nil
		}
		return fmt.Errorf("unknown option command %q; want get or update", sub)
	})
}

// optionHint says which values an option takes when that helps.
func optionHint(name string) string {
	if name == "WPLANG" {
		return fmt.Sprintf(" (installed languages: %q, or \"\" for English)", models.UserLocaleChoices()[2:])
	}
	return ""
}

// checkLocaleFlag refuses a --locale no installed language answers to, as
// the users endpoint's enum does.
func checkLocaleFlag(in models.UserInput) error {
	if in.Locale != nil && !slices.Contains(models.UserLocaleChoices(), *in.Locale) {
		return fmt.Errorf("--locale must be one of %q", models.UserLocaleChoices())
	}
	return nil
}
