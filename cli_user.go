package main

//lint:file-ignore ST1005 the CLI prints its errors to people as they are, whole sentences (see cli_errors.go)

import (
	"context"
	"fmt"
	"io"

	"github.com/presspass/presspass/models"
)

var userFlags = flagsOf("user")

var userListFields = []string{"ID", "user_login", "display_name", "user_email", "user_registered", "roles"}

func userRecord(u *models.User) record {
	return record{
		fields: []string{"ID", "user_login", "user_email", "display_name", "user_nicename", "user_url", "user_registered", "roles", "first_name", "last_name", "nickname", "description"},
		values: map[string]any{
			"ID": u.ID, "user_login": u.Login, "user_email": u.Email, "display_name": u.DisplayName,
			"user_nicename": u.Nicename, "user_url": u.URL, "user_registered": u.Registered.Format("2006-01-02 15:04:05"),
			"roles": u.Role, "first_name": u.FirstName, "last_name": u.LastName, "nickname": u.Nickname,
			"description": u.Description,
		},
	}
}

func cmdUser(ctx context.Context, raw []string, con console, out io.Writer) error {
	return withStore(ctx, raw, userFlags, func(s *models.Store, a *args) error {
		if len(a.pos) == 0 {
			return fmt.Errorf("say what to do with users: %s. See 'presspass help user'.", subcommandNames("user"))
		}
		sub := a.pos[0]
		a.pos = a.pos[1:]
		if _, ok := commandDefFor("user " + sub); !ok {
			return unknownSubcommand("user", sub)
		}
		if err := a.onlyFlagsOf("user " + sub); err != nil {
			return err
		}
		switch sub {
		case "create":
			return userCreate(ctx, s, a, out)
		case "list":
			return userList(ctx, s, a, out)
		case "get":
			if err := a.need(1, 1, "user get USER [--format=table|json] [--field=F]"); err != nil {
				return err
			}
			u, err := s.UserByRef(ctx, a.pos[0])
			if err != nil {
				return err
			}
			return printRecord(out, a.str("format", "", "table"), a.str("fields", "", ""), a.str("field", "", ""), userRecord(u))
		case "update":
			return userUpdate(ctx, s, a, out)
		case "delete":
			return userDelete(ctx, s, a, con, out)
		case "unlock":
			return userUnlock(ctx, s, a, out)
		}
		return unknownSubcommand("user", sub)
	})
}

func userInputFromFlags(a *args) models.UserInput {
	return models.UserInput{
		Password: a.opt("user_pass"), Role: a.opt("role"), DisplayName: a.opt("display_name"),
		Email: a.opt("user_email"), FirstName: a.opt("first_name"), LastName: a.opt("last_name"),
		Nickname: a.opt("nickname"), URL: a.opt("user_url"), Description: a.opt("description"),
		Nicename: a.opt("user_nicename"), Locale: a.opt("locale"),
	}
}

func userCreate(ctx context.Context, s *models.Store, a *args, out io.Writer) error {
	if err := a.need(2, 2, "user create LOGIN EMAIL [--role=ROLE] [--user_pass=PW] [--display_name=NAME] [--porcelain]"); err != nil {
		return err
	}
	in := userInputFromFlags(a)
	if err := checkLocaleFlag(in); err != nil {
		return err
	}
	in.Login, in.Email = &a.pos[0], &a.pos[1]
	generated := ""
	if in.Password == nil {
		pw, err := models.GenerateAppPassword()
		if err != nil {
			return err
		}
		generated, in.Password = pw, &pw
	}
	if in.Role == nil {
		r := s.Option(ctx, "default_role")
		in.Role = &r
	}
	u, err := s.CreateUser(ctx, in)
	if err != nil {
		return err
	}
	if a.has("porcelain") {
		fmt.Fprintln(out, u.ID)
		return nil
	}
	fmt.Fprintf(out, "Success: Created user %d.\n", u.ID)
	if generated != "" {
		fmt.Fprintf(out, "Password: %s\n", generated)
	}
	return nil
}

func userList(ctx context.Context, s *models.Store, a *args, out io.Writer) error {
	if err := a.need(0, 0, "user list [--role=ROLE] [--format=…] [--fields=…]"); err != nil {
		return err
	}
	f := models.UserFilter{}
	if r := a.str("role", "", ""); r != "" {
		f.Roles = []string{r}
	}
	users, _, err := s.Users(ctx, f)
	if err != nil {
		return err
	}
	rows := make([]record, len(users))
	for i := range users {
		rows[i] = userRecord(&users[i])
	}
	return printRecords(out, a.str("format", "", "table"), a.str("fields", "", ""), "ID", rows, userListFields, userRecord(&models.User{}).fields)
}

func userUpdate(ctx context.Context, s *models.Store, a *args, out io.Writer) error {
	if err := a.need(1, 1, "user update USER [--user_pass=PW] [--role=ROLE] [--display_name=NAME] …"); err != nil {
		return err
	}
	u, err := s.UserByRef(ctx, a.pos[0])
	if err != nil {
		return err
	}
	in := userInputFromFlags(a)
	if in == (models.UserInput{}) {
		return fmt.Errorf("need some fields to update")
	}
	if err := checkLocaleFlag(in); err != nil {
		return err
	}
	if _, err := s.UpdateUser(ctx, u.ID, in); err != nil {
		return err
	}
	fmt.Fprintf(out, "Success: Updated user %d.\n", u.ID)
	return nil
}

func userDelete(ctx context.Context, s *models.Store, a *args, con console, out io.Writer) error {
	if err := a.need(1, -1, "user delete USER... [--reassign=USER] [--yes]"); err != nil {
		return err
	}
	var reassign *models.User
	if r := a.str("reassign", "", ""); r != "" {
		ru, err := s.UserByRef(ctx, r)
		if err != nil {
			return fmt.Errorf("--reassign: %w", err)
		}
		reassign = ru
	}
	// Check every user first so that a typo or a refusal deletes nobody.
	users := make([]*models.User, len(a.pos))
	for i, ref := range a.pos {
		u, err := s.UserByRef(ctx, ref)
		if err != nil {
			return err
		}
		if last, err := s.IsLastAdministrator(ctx, u); err != nil {
			return err
		} else if last {
			return fmt.Errorf("%s: %w", u.Login, models.ErrLastAdministrator)
		}
		users[i] = u
	}
	for _, u := range users {
		if reassign != nil {
			if _, err := s.DeleteUser(ctx, u.ID, reassign.ID); err != nil {
				return err
			}
			fmt.Fprintf(out, "Success: Removed user %d (%s); their posts now belong to %s.\n", u.ID, u.Login, reassign.Login)
			continue
		}
		n, err := s.PostCountByAuthor(ctx, u.ID)
		if err != nil {
			return err
		}
		if n > 0 && !a.has("yes") {
			if !con.terminal {
				return fmt.Errorf("%s has %s; give --reassign=USER to keep them, or --yes to delete them too.", u.Login, plural(n, "post", "posts"))
			}
			if !con.confirm(out, fmt.Sprintf("Delete %s by %s?", plural(n, "post", "posts"), u.Login)) {
				return fmt.Errorf("nothing deleted: %s and their posts are kept.", u.Login)
			}
		}
		if _, err := s.DeleteUser(ctx, u.ID, 0); err != nil {
			return err
		}
		if n == 0 {
			fmt.Fprintf(out, "Success: Removed user %d (%s); they had no posts.\n", u.ID, u.Login)
		} else {
			fmt.Fprintf(out, "Success: Removed user %d (%s) and %s.\n", u.ID, u.Login, plural(n, "post", "posts"))
		}
	}
	return nil
}

// userUnlock lifts a user's account lock before it runs out (throttle:
// anyone who knows a login can lock its main-password logins by guessing).
func userUnlock(ctx context.Context, s *models.Store, a *args, out io.Writer) error {
	if err := a.need(1, 1, "user unlock USER"); err != nil {
		return err
	}
	u, err := s.UserByRef(ctx, a.pos[0])
	if err != nil {
		return err
	}
	was, err := s.UnlockAccount(ctx, u.ID)
	if err != nil {
		return err
	}
	if !was {
		fmt.Fprintf(out, "Success: User %d was not locked; its failed attempts are forgotten.\n", u.ID)
		return nil
	}
	fmt.Fprintf(out, "Success: Unlocked user %d.\n", u.ID)
	return nil
}
